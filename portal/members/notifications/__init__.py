"""The notification centre every app uses: `notify()` stores a notification for a member,
keeps their unread counter right and schedules e-mail according to their preferences.

Apps register their kinds (what members set e-mail preferences for) and verbs (what
happened) in AppConfig.ready(), then call `notify()` from their services, inside their
transactions; nothing is sent to a member who blocked the actor, and grouped verbs pile up
in one unread line ("3 new replies in …") that makes one e-mail at most per delay:

    from django.utils.translation import gettext_lazy as _, ngettext_lazy
    from portal.members.notifications import notify, register_kind, register_verb

    register_kind("forum", _("Forum replies and mentions"), default_frequency="immediate")
    register_verb("forum.reply", kind="forum", text=_("%(actor)s replied in “%(title)s”"),
                  grouped_text=ngettext_lazy("%(count)s new reply in “%(title)s”",
                                             "%(count)s new replies in “%(title)s”", "count"))
    notify(recipient=author, verb="forum.reply", actor=replier, target=topic,
           url=post.get_absolute_url(), title=topic.title)

Built-in verbs: connection.requested, connection.accepted, follow.started,
message.received, webinar.confirmed, webinar.promoted, webinar.changed, webinar.materials,
moderation.decision. Opening the target (`notifications_mark_read_for_target`) marks its
notifications read and drops their pending e-mail.
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
