"""Demo content: each app registers a loader; `manage.py load_demo` runs them in order.

Every loader must be idempotent (get-or-create by a natural key) so running the command
twice changes nothing.
"""

from collections.abc import Callable

_loaders: dict[str, tuple[int, Callable[[Callable[[str], None]], None]]] = {}


def register_demo_loader(name: str, loader: Callable, *, order: int) -> None:
    _loaders[name] = (order, loader)


def demo_loaders() -> list[tuple[str, Callable]]:
    return [(name, loader) for name, (_order, loader) in
            sorted(_loaders.items(), key=lambda item: item[1][0])]
