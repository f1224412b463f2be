"""A registry through which apps add a member's recent public activity to their profile
(forum posts, submitted good practices...), like the home sections: each provider returns
the few items the viewer may see, newest first."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class ActivityItem:
    title: str
    url: str
    when: datetime
    kind: str = ""


Provider = Callable[..., list[ActivityItem]]  # provider(profile=..., viewer=..., limit=...)
_providers: dict[str, Provider] = {}


def register_profile_activity(key: str, provider: Provider) -> None:
    _providers[key] = provider


def recent_activity(*, profile, viewer, limit: int = 10) -> list[ActivityItem]:
    items: list[ActivityItem] = []
    for _key, provider in sorted(_providers.items()):
        items.extend(provider(profile=profile, viewer=viewer, limit=limit))
    return sorted(items, key=lambda item: item.when, reverse=True)[:limit]
