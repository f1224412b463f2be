"""What the site search covers: each app registers its searchable models here.

`search` imports no app. An app calls `register_search_area()` in its AppConfig.ready(),
saying which objects a user may see (`visible_to`) and how to show one hit (`describe`).
Privacy is enforced by `visible_to`, a database query, so a backend never decides who sees
what.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Model, QuerySet
from django.utils.functional import lazy


def when_shown(function: Callable[..., str], *args) -> str:
    """``function(*args)``, computed only if the text is used (an address costs a page's
    route through the site tree): the spelling vocabulary describes every visible object
    and reads no address."""
    return _computed_text(function, args)


def _compute(function: Callable[..., str], args: tuple) -> str:
    return function(*args)


# One proxy class, made once: lazy() builds a class at every call.
_computed_text = lazy(_compute, str)


@dataclass(frozen=True)
class HitDescription:
    title: str
    url: str
    summary: str = ""
    date: datetime.date | None = None
    themes: Iterable = ()  # objects with .slug and str()
    countries: Iterable = ()  # objects with .iso_code and str()
    badges: tuple[str, ...] = ()


@dataclass(frozen=True)
class SearchArea:
    key: str
    label: str
    model: type[Model]
    visible_to: Callable[..., QuerySet]
    describe: Callable[[Model], HitDescription]
    order: int = 100
    excerpt_field: str | None = None
    #: Multiplies the area's scores before areas are merged. Conversations about a subject
    #: (forum topics) repeat the words of what they discuss in a few lines, which length
    #: normalisation (bm25) rewards: a weight below 1 keeps them after the webinar or
    #: resource they are about when both match alike.
    weight: float = 1.0
    #: What every match is sketched from before the page shown is chosen (see `sketches`):
    #: its title (a column or an expression), its date column, and the fields (many-to-many
    #: or foreign key) holding its themes and countries; None where it has none.
    sketch_title: object = "title"
    sketch_date: str | None = None
    sketch_themes: str | None = None
    sketch_countries: str | None = None


_areas: dict[str, SearchArea] = {}


def register_search_area(area: SearchArea) -> None:
    _areas[area.key] = area


def search_areas() -> list[SearchArea]:
    return sorted(_areas.values(), key=lambda area: area.order)


def search_area(key: str) -> SearchArea | None:
    return _areas.get(key)
