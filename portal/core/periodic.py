"""Commands that must run every so often (scheduled publishing, webinar reminders...).

Apps register them in AppConfig.ready(); `manage.py run_periodic` runs each when it is due.
`make run` starts it beside the task worker; in production run it once per machine (or use
cron with `run_periodic --once`). The registered commands must be safe to run twice at once.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class PeriodicCommand:
    name: str
    every_seconds: int
    args: tuple[str, ...] = ()


_commands: dict[str, PeriodicCommand] = {}


def register_periodic_command(name: str, *, every_seconds: int, args: tuple[str, ...] = ()) -> None:
    _commands[name] = PeriodicCommand(name, every_seconds, args)


def periodic_commands() -> list[PeriodicCommand]:
    return sorted(_commands.values(), key=lambda command: command.name)

