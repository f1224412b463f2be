from django import template
from django.utils.html import format_html

register = template.Library()


@register.filter
def lang_attr(code: str):
    """` lang="fr"` for text a member wrote in French, so screen readers and browsers read
    it in its own language whatever the page's; nothing when the language is unknown."""
    return format_html(' lang="{}"', code) if code else ""
