"""A registry through which apps add sections to the home page.

`core` imports no app: each app registers a provider in its AppConfig.ready(), and the home
page asks the registry. A provider returns the items a request may see; a section with no
items is left out of the page.
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


def register_home_section(key: str, provider: Provider, *, order: int = 100) -> None:
    _providers[key] = (order, provider)


def visible_sections(request: HttpRequest) -> list[HomeSection]:
    sections = []
    for _order, provider in sorted(_providers.values(), key=lambda entry: entry[0]):
        section = provider(request)
        if section is not None and len(section.items):
            sections.append(section)
    return sections
