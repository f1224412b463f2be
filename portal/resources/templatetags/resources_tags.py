import os

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def resource_download_url(context, document) -> str:
    """The library's counting download URL when rendering inside the library, else the
    document's own URL (which follows the same access rule)."""
    if document is None:
        return ""
    index_page = context.get("index_page")
    if index_page is not None and hasattr(index_page, "download_url"):
        return index_page.download_url(document.pk)
    return document.url


@register.filter
def file_extension(document) -> str:
    if document is None:
        return ""
    return os.path.splitext(document.filename)[1].lstrip(".").upper()


@register.filter
def privacy_enhanced_embed(html) -> str:
    """YouTube embeds through youtube-nocookie.com, the host the site's CSP allows."""
    from django.utils.safestring import mark_safe

    # The HTML comes from Wagtail's own embed finders, not from users.
    return mark_safe(str(html or "").replace("https://www.youtube.com/embed/",  # noqa: S308
                                             "https://www.youtube-nocookie.com/embed/"))
