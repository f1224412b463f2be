"""The notification centre every app uses: `notify()` stores a notification for a member,
keeps their unread counter right and schedules e-mail according to their preferences.

Apps register their verbs (`register_verb`) and kinds (`register_kind`) in
AppConfig.ready() and call `notify()` from their services, inside their transactions.
"""


def notify(*, recipient, verb: str, actor=None, target=None, url: str = "", title: str = "",
           group_key: str | None = None, at=None):
    """Store a notification for `recipient` (a user); see services.notification_create."""
    from .services import notification_create

    return notification_create(recipient=recipient, verb=verb, actor=actor, target=target,
                               url=url, title=title, group_key=group_key, at=at)


def register_kind(key: str, label, *, default_frequency: str = "immediate", order: int = 100):
    from .verbs import register_kind as _register

    _register(key, label, default_frequency=default_frequency, order=order)


def register_verb(key: str, *, kind: str, text, grouped_text=None, email: bool = True):
    from .verbs import register_verb as _register

    _register(key, kind=kind, text=text, grouped_text=grouped_text, email=email)
