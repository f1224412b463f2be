"""A value a listing can be narrowed to, shared by the library's and the search's sidebars."""

from dataclasses import dataclass


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool
    #: Where choosing (or clearing) it leads, when the listing builds that address itself.
    url: str = ""
