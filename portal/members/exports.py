"""Apps that hold personal data add it to a member's export through this registry."""

from collections.abc import Callable

_sections: dict[str, Callable] = {}


def register_export_section(name: str, collect: Callable) -> None:
    _sections[name] = collect


def collect_export_sections(user) -> dict:
    return {name: collect(user) for name, collect in sorted(_sections.items())}
