"""A registry through which apps add sections to the home page.

`core` imports no app: each app registers a provider in its AppConfig.ready(), and the home
page asks the registry. A provider returns the items a request may see; a section with no
items is left out of the page.

Each section's HTML is kept as a fragment per audience (see fragments.py and audience.py),
so a home page rendered for a member or after the kept page expired does not ask the
providers again. A section therefore shows what its audience may see, never one viewer's
own state.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.http import HttpRequest


@dataclass(frozen=True)
class HomeSection:
    key: str
    title: str
    template: str
    items: Sequence
    more_url: str = ""
    more_label: str = ""


Provider = Callable[[HttpRequest], HomeSection | None]


_providers: dict[str, tuple[int, Provider]] = {}
_depends: dict[str, str | None] = {}


def register_home_section(key: str, provider: Provider, *, order: int = 100,
                          depends: str | None = None) -> None:
    """``depends`` names the set of areas the section is read from (see fragments.py):
    then only their changes render it again."""
    _providers[key] = (order, provider)
    _depends[key] = depends


def _registered() -> list[tuple[str, Provider]]:
    return [(key, provider) for key, (_order, provider)
            in sorted(_providers.items(), key=lambda entry: entry[1][0])]


def rendered_sections(request: HttpRequest) -> list[str]:
    """The HTML of each section the viewer gets, kept ones from the cache."""
    from .audience import audience_of
    from .fragments import cached_html

    audience = audience_of(request.user)
    zone = getattr(request, "viewer_timezone", "UTC")
    parts = []
    for key, provider in _registered():
        def render(provider=provider) -> str:
            return _render(request, provider(request))

        html = cached_html(f"home-section-{key}", (audience,), zone, render,
                           depends=_depends.get(key))
        if html:
            parts.append(html)
    return parts


def _render(request: HttpRequest, section: HomeSection | None) -> str:
    from django.template.loader import render_to_string

    if section is None or not len(section.items):
        return ""
    return render_to_string("core/_home_section.html", {"section": section}, request=request)
