"""Untrusted Markdown (bios, posts, submissions) rendered then sanitised with an allow-list."""

import functools
import re

import markdown as markdown_lib
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "em", "h3", "h4", "h5", "hr", "i", "li",
    "ol", "p", "pre", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}


IMAGE_WITHOUT_SOURCE = re.compile(r"<img(?![^>]*\ssrc=)[^>]*>")


def render_markdown(text: str | None, *, images_under: str | None = None) -> SafeString:
    """`images_under`: also keep images, but only those whose address starts with this
    prefix (the site's own uploads); any other image is dropped."""
    return mark_safe(_rendered(text or "", images_under))  # noqa: S308  (nh3 output is safe)


# A topic page renders twenty posts per request and the same posts for every reader: the
# result depends on the text alone, so each process keeps the latest ones it rendered.
@functools.lru_cache(maxsize=1024)
def _rendered(text: str, images_under: str | None) -> str:
    html = markdown_lib.markdown(text, extensions=["extra", "sane_lists"], output_format="html")
    tags, attributes, keep = ALLOWED_TAGS, ALLOWED_ATTRIBUTES, None
    if images_under:
        tags = ALLOWED_TAGS | {"img"}
        attributes = {**ALLOWED_ATTRIBUTES, "img": {"src", "alt"}}

        def keep(tag: str, attribute: str, value: str) -> str | None:
            if tag == "img" and attribute == "src" and not (
                    value.startswith(images_under) and ".." not in value):
                return None
            return value

    cleaned = nh3.clean(
        html,
        tags=tags,
        attributes=attributes,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="nofollow noopener noreferrer ugc",
        attribute_filter=keep,
    )
    if images_under:
        cleaned = IMAGE_WITHOUT_SOURCE.sub("", cleaned)
    return cleaned
