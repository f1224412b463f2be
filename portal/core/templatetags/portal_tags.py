from django import template
from django.utils.html import format_html
from django.utils.http import urlencode

from ..fragments import cached_value
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


def _translations_area_set(obj) -> str:
    """A page's translations and addresses live in the page tree ("pages"); any other
    object's in its own app, with the rest of the content (never in a registration)."""
    from wagtail.models import Page

    return "pages" if isinstance(obj, Page) else "content"


@register.simple_tag(takes_context=True)
def language_url(context, language_code: str) -> str:
    """The current page's address in another language: the translation of the page or
    object shown when there is one, else the same address with the prefix changed."""
    from django.urls import translate_url

    from ..i18n import object_url_in

    obj = _translatable(context)
    if obj is not None:
        url = cached_value("url-in", (obj._meta.label, obj.pk, language_code),
                           lambda: object_url_in(obj, language_code),
                           depends=_translations_area_set(obj))
        if url:
            return url
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
    from portal.core.models import privacy_notice_url as published_url

    return published_url()
# --- Content languages ----------------------------------------------------------------------

def _translatable(context):
    """The page or object whose language the current view shows, if any."""
    for key in ("translatable_object", "page"):
        obj = context.get(key)
        if obj is not None and hasattr(obj, "translation_key") and getattr(obj, "pk", None):
            return obj
    return None


@register.simple_tag(takes_context=True)
def content_lang(context, obj=None):
    """` lang="en"` on content shown in an interface of another language, else nothing."""
    from django.utils.html import format_html

    from ..i18n import is_fallback, object_language

    obj = obj if obj is not None else _translatable(context)
    if obj is None or not is_fallback(obj):
        return ""
    return format_html(' lang="{}"', object_language(obj))


@register.inclusion_tag("includes/translation_note.html", takes_context=True)
def translation_note(context):
    """The visible note when the content is not in the visitor's language."""
    from ..i18n import is_fallback, language_name, object_language

    obj = _translatable(context)
    if obj is None or not is_fallback(obj):
        return {"show": False}
    code = object_language(obj)
    return {"show": True, "language": code, "language_name": language_name(code)}


@register.inclusion_tag("includes/hreflang.html", takes_context=True)
def hreflang_links(context):
    from ..i18n import alternates, default_language

    obj = _translatable(context)
    request = context.get("request")
    items = (cached_value("alternates", (obj._meta.label, obj.pk), lambda: alternates(obj),
                          depends=_translations_area_set(obj))
             if obj is not None else [])
    if request is not None:
        items = [{**item, "url": request.build_absolute_uri(item["url"])} for item in items]
    default = next((item for item in items if item["language"] == default_language()), None)
    return {"alternates": items if len(items) > 1 else [], "x_default": default}


@register.simple_tag(takes_context=True)
def content_url(context, obj):
    """The address of `obj` inside the visitor's interface language. Lists already hold
    the version in that language when it exists, so no query is made here."""
    from ..i18n import active_language, object_language, url_in_language

    if obj is None:
        return ""
    request = context.get("request")
    url = obj.get_url(request) if hasattr(obj, "get_url") else obj.get_absolute_url()
    language = object_language(obj)
    if url and hasattr(obj, "translation_key") and language != active_language():
        return url_in_language(url, language, active_language())
    return url or ""


@register.filter
def lang_attr(code: str):
    """` lang="fr"` for text a member wrote in French, so screen readers and browsers read
    it in its own language whatever the page's; nothing when the language is unknown."""
    return format_html(' lang="{}"', code) if code else ""


# --- Kept fragments -------------------------------------------------------------------------

@register.tag
def fragment(parser, token):
    """{% fragment "name" part ... [unless=condition] [depends="set"] %}…{% endfragment %}:
    HTML rendered once per generation, language, viewer time zone and the parts given, then
    served from the cache (see portal/core/fragments.py). What it holds must depend on
    nothing else: no user's own state, no form token (a fragment with one is rendered but
    never kept). When `condition` is true (say, the viewer has their own unread counts), it
    is rendered afresh and not kept. `depends` names the set of areas it is read from
    (`fragments.register_area_set`): only their changes drop it."""
    bits = token.split_contents()[1:]
    options = {}
    while bits and bits[-1].split("=", 1)[0] in ("unless", "depends") and "=" in bits[-1]:
        option, value = bits.pop().split("=", 1)
        options[option] = parser.compile_filter(value)
    if not bits:
        raise template.TemplateSyntaxError("{% fragment %} needs a name")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, [parser.compile_filter(bit) for bit in bits],
                        options.get("unless"), options.get("depends"))


class FragmentNode(template.Node):
    def __init__(self, nodelist, expressions, unless=None, depends=None):
        self.nodelist = nodelist
        self.expressions = expressions
        self.unless = unless
        self.depends = depends

    def render(self, context):
        from ..fragments import cached_html

        request = context.get("request")
        if context.get("preview") or getattr(request, "is_preview", False):
            return self.nodelist.render(context)  # a draft: never kept, never from the cache
        if self.unless is not None and self.unless.resolve(context):
            return self.nodelist.render(context)
        name, *parts = (str(expression.resolve(context)) for expression in self.expressions)
        zone = getattr(request, "viewer_timezone", "UTC") if request is not None else "UTC"
        depends = str(self.depends.resolve(context)) if self.depends else None
        return cached_html(name, tuple(parts), zone, lambda: self.nodelist.render(context),
                           depends=depends)
