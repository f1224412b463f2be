"""Which shared version of a page part a viewer gets.

Kept fragments (fragments.py) are shared by every viewer who would see the same thing. What
decides that belongs to the apps (`core` imports none): each registers a part in its
AppConfig.ready(), such as "is a member" or "the forum groups one belongs to", and a
viewer's audience is the tuple of those parts. Visitors who are not logged in all share one.
"""

from collections.abc import Callable

_parts: dict[str, Callable[[object], object]] = {}


def register_audience_part(name: str, part: Callable[[object], object]) -> None:
    _parts[name] = part


def audience_of(user) -> str:
    if user is None or not user.is_authenticated:
        return "visitor"
    return repr(tuple((name, part(user)) for name, part in sorted(_parts.items())))
