"""Kinds (what a member chooses e-mail preferences for) and verbs (what happened).

A verb has a text for one event (`%(actor)s`, `%(title)s`) and, when grouped, a lazy plural
text for several (`%(count)s`, `%(title)s`), so a grouped notification reads "3 new messages
in …" in the reader's language.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy


class Frequency:
    IMMEDIATE = "immediate"
    DAILY = "daily"
    WEEKLY = "weekly"
    NEVER = "never"

    choices = [
        (IMMEDIATE, _("Immediately")),
        (DAILY, _("In a daily digest")),
        (WEEKLY, _("In a weekly digest")),
        (NEVER, _("Never")),
    ]
    values = [IMMEDIATE, DAILY, WEEKLY, NEVER]


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    default_frequency: str
    order: int


@dataclass(frozen=True)
class Verb:
    key: str
    kind: str
    text: object
    grouped_text: object
    grouped: bool
    email: bool


_kinds: dict[str, Kind] = {}
_verbs: dict[str, Verb] = {}


def register_kind(key: str, label, *, default_frequency: str = Frequency.IMMEDIATE,
                  order: int = 100) -> None:
    if default_frequency not in Frequency.values:
        raise ValueError(f"Unknown frequency {default_frequency!r}")
    _kinds[key] = Kind(key, label, default_frequency, order)


def register_verb(key: str, *, kind: str, text, grouped_text=None, email: bool = True) -> None:
    """`grouped_text` (an ngettext_lazy on "count") makes the verb pile up per target;
    `email=False` for verbs whose app already sends its own transactional e-mail."""
    _verbs[key] = Verb(key, kind, text, grouped_text, grouped_text is not None, email)


def get_verb(key: str) -> Verb:
    try:
        return _verbs[key]
    except KeyError:
        raise ValueError(f"Unknown notification verb {key!r}: register it first") from None


def get_kind(key: str) -> Kind:
    return _kinds[key]


def is_known_kind(key: str) -> bool:
    return key in _kinds


def emailed_kinds() -> list[Kind]:
    """Kinds that have at least one verb sent by e-mail: those a member sets preferences for."""
    keys = {verb.kind for verb in _verbs.values() if verb.email}
    return sorted((kind for kind in _kinds.values() if kind.key in keys),
                  key=lambda kind: (kind.order, kind.key))


def verbs_of_kind(kind: str) -> list[str]:
    return [verb.key for verb in _verbs.values() if verb.kind == kind]


def register_builtin() -> None:
    """The kinds and verbs of the members app itself and of the webinars, which use the
    centre for their in-site notices (their e-mails carry calendar invites and stay theirs)."""
    register_kind("network", _("Connections and followers"), order=10)
    register_kind("messages", _("Direct messages"), order=20)
    register_kind("webinars", _("Webinars"), order=30)
    register_kind("moderation", _("Moderation decisions"), order=90)
    register_verb("connection.requested", kind="network",
                  text=_("%(actor)s asked to connect with you"),
                  grouped_text=ngettext_lazy("%(count)s new connection request",
                                             "%(count)s new connection requests", "count"))
    register_verb("connection.accepted", kind="network",
                  text=_("%(actor)s accepted your connection request"),
                  grouped_text=ngettext_lazy("%(count)s member accepted your connection requests",
                                             "%(count)s members accepted your connection requests",
                                             "count"))
    register_verb("follow.started", kind="network", text=_("%(actor)s started following you"),
                  grouped_text=ngettext_lazy("%(count)s new follower", "%(count)s new followers",
                                             "count"))
    register_verb("message.received", kind="messages", text=_("%(actor)s sent you a message"),
                  grouped_text=ngettext_lazy("%(count)s new message in “%(title)s”",
                                             "%(count)s new messages in “%(title)s”", "count"))
    register_verb("webinar.confirmed", kind="webinars",
                  text=_("Your place at “%(title)s” is confirmed"), email=False)
    register_verb("webinar.promoted", kind="webinars",
                  text=_("A place opened up: you are now registered for “%(title)s”"), email=False)
    register_verb("webinar.changed", kind="webinars", text=_("“%(title)s” has changed"),
                  grouped_text=ngettext_lazy("“%(title)s” has changed %(count)s time",
                                             "“%(title)s” has changed %(count)s times", "count"),
                  email=False)
    register_verb("webinar.materials", kind="webinars",
                  text=_("The recording and materials of “%(title)s” are online"), email=False)
    register_verb("moderation.decision", kind="moderation",
                  text=_("A moderator reviewed a report about your account"), email=False)
