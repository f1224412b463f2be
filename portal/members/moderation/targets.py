"""What a decision on a report does to the reported content, supplied by the app that owns
it (the forum hides or restores a post). Members imports no app: apps register a handler
for their report area from `AppConfig.ready()`."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class TargetHandler:
    # Called inside the decision's transaction with report, decision, moderator and note.
    on_decision: Callable[..., None]
    # The content can be hidden on its own ("hide" decision, the member keeps every right).
    can_hide: bool = True


_handlers: dict[str, TargetHandler] = {}


def register_report_target(area: str, *, on_decision: Callable[..., None],
                           can_hide: bool = True) -> None:
    _handlers[area] = TargetHandler(on_decision=on_decision, can_hide=can_hide)


def handler_for(area: str) -> TargetHandler | None:
    return _handlers.get(area)
