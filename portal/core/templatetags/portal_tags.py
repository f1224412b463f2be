from django import template
from django.utils.http import urlencode

from ..markdown import render_markdown
from ..timezones import in_zone

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    return render_markdown(text)


@register.filter
def in_tz(instant, zone_name):
    """An instant as a ZonedTime in the given zone (for templates)."""
    if not instant:
        return None
    return in_zone(instant, zone_name or "UTC")


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (None removes one)."""
    params = context["request"].GET.copy()
    if "page" not in changes:
        params.pop("page", None)  # a new filter or sort starts again at page one
    for key, value in changes.items():
        params.pop(key, None)
        if value not in (None, ""):
            params[key] = value
    encoded = urlencode(sorted(params.lists()), doseq=True)
    return f"?{encoded}" if encoded else "?"


@register.filter
def widget_type(bound_field) -> str:
    return bound_field.field.widget.__class__.__name__.lower()


@register.simple_tag(takes_context=True)
def language_url(context, language_code: str) -> str:
    """The current page's address in another language (prefix added or removed)."""
    from django.urls import translate_url

    return translate_url(context["request"].get_full_path(), language_code)


@register.filter
def has_required_fields(form) -> bool:
    """Mark fields '(optional)' only in forms that also have required ones (not in filters)."""
    return any(field.required for field in form.fields.values())


@register.simple_tag(takes_context=True)
def toggle_param(context, name: str, value: str, selected: bool) -> str:
    """A facet link: selects `value` for `name`, or clears it when already selected."""
    return query_with(context, **{name: None if selected else value})


@register.simple_tag
def privacy_notice_url() -> str:
    """The address of the published privacy notice page, or '' while there is none."""
    from portal.core.models import PrivacyPage

    page = PrivacyPage.objects.live().only("id", "url_path").first()
    return page.url if page else ""
