"""Apps that hold personal data about a member erase it, when the account is deleted,
through this registry (content written by the member stays, attributed to a former member)."""

from collections.abc import Callable

_handlers: dict[str, Callable] = {}


def register_erasure_handler(name: str, erase: Callable) -> None:
    _handlers[name] = erase


def erase_member_data(user) -> None:
    for _name, erase in sorted(_handlers.items()):
        erase(user)
