"""Demo members: one per role, with verified e-mail addresses and filled-in profiles."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from portal.core.models import Country, Language, Theme

from .enums import Visibility
from .services import profile_get_or_create, profile_update

DEMO_PASSWORD = "demo-portal-2024"  # noqa: S105

DEMO_MEMBERS = [
    {"email": "amina.diallo@example.org", "name": "Amina Diallo", "group": None,
     "job_title": "Labour migration officer", "organisation": "Ministry of Labour",
     "organisation_type": "government", "country": "SN", "timezone": "Africa/Dakar",
     "themes": ["recognition-portability", "governance"], "languages": ["fr", "en", "wo"],
     "bio": "Works on bilateral labour agreements and the **recognition of skills** of "
            "returning migrant workers.", "visibility": Visibility.PUBLIC},
    {"email": "editor@example.org", "name": "Grace Wanjiru", "group": "Editors",
     "job_title": "Knowledge management specialist", "organisation": "CoP secretariat",
     "organisation_type": "international", "country": "KE", "timezone": "Africa/Nairobi",
     "themes": ["matching-skills", "skills-anticipation"], "languages": ["en", "sw"],
     "bio": "Curates the resource library and the webinar series.",
     "visibility": Visibility.PUBLIC},
    {"email": "moderator@example.org", "name": "Kwame Mensah", "group": "Moderators",
     "job_title": "Community facilitator", "organisation": "Ghana TVET Service",
     "organisation_type": "training", "country": "GH", "timezone": "Africa/Accra",
     "themes": ["prior-learning", "social-dialogue"], "languages": ["en"],
     "bio": "Keeps the discussions friendly and useful.", "visibility": Visibility.MEMBERS},
    {"email": "admin@example.org", "name": "Portal Administrator", "group": None,
     "superuser": True, "job_title": "Administrator", "organisation": "CoP secretariat",
     "organisation_type": "international", "country": "ZA", "timezone": "Africa/Johannesburg",
     "themes": [], "languages": ["en", "fr"], "bio": "", "visibility": Visibility.HIDDEN},
    {"email": "thabo.nkosi@example.org", "name": "Thabo Nkosi", "group": None,
     "job_title": "Researcher", "organisation": "University of the Witwatersrand",
     "organisation_type": "academia", "country": "ZA", "timezone": "Africa/Johannesburg",
     "themes": ["skills-anticipation", "return-reintegration"], "languages": ["en", "zu"],
     "bio": "Studies return migration and the reintegration of skilled workers.",
     "visibility": Visibility.MEMBERS},
]


def demo_member_get_or_create(spec: dict):
    User = get_user_model()
    user = User.objects.filter(email__iexact=spec["email"]).first()
    if user is None:
        first, _, last = spec["name"].partition(" ")
        user = User(username=spec["email"].split("@")[0], email=spec["email"],
                    first_name=first, last_name=last)
        user.set_password(DEMO_PASSWORD)
        if spec.get("superuser"):
            user.is_superuser = user.is_staff = True
        user.save()
        EmailAddress.objects.create(user=user, email=spec["email"], verified=True, primary=True)
        profile = profile_get_or_create(user=user)
        profile_update(
            profile=profile,
            data={"display_name": spec["name"], "job_title": spec["job_title"],
                  "organisation": spec["organisation"],
                  "organisation_type": spec["organisation_type"],
                  "country": Country.objects.get(iso_code=spec["country"]),
                  "timezone": spec["timezone"], "bio": spec["bio"],
                  "visibility": spec["visibility"]},
            themes=Theme.objects.filter(slug__in=spec["themes"]),
            languages=Language.objects.filter(code__in=spec["languages"]),
        )
    if spec.get("group"):
        user.groups.add(Group.objects.get(name=spec["group"]))
    return user


def demo_network(users: dict) -> None:
    """A few connections, a pending request and a follow, so the network looks alive.
    The services are idempotent: loading the demo again changes nothing."""
    from .network.services import connection_accept, connection_request, follow_start

    amina, grace = users["amina.diallo@example.org"], users["editor@example.org"]
    kwame, thabo = users["moderator@example.org"], users["thabo.nkosi@example.org"]
    for requester, addressee in ((amina, thabo), (grace, amina), (kwame, grace)):
        connection_accept(user=addressee, connection=connection_request(
            requester=requester, addressee=addressee))
    connection_request(requester=thabo, addressee=kwame)  # left pending for Kwame
    follow_start(follower=thabo, followed=grace)
    demo_conversation(amina, thabo)


DEMO_MESSAGES = [
    "Hello Thabo, your study on **returning skilled workers** came up at our ministry's "
    "meeting on the bilateral agreement with Mauritania. Could we talk about it?",
    "Gladly, Amina. The chapter on recognising skills acquired abroad is the most relevant; "
    "I can share the draft before the next webinar.",
    "Perfect. Shall we speak after the webinar on skills partnerships?",
]


def demo_conversation(amina, thabo) -> None:
    from .messaging.services import conversation_start, message_send, one_to_one_between

    if one_to_one_between(amina, thabo) is not None:
        return
    conversation = conversation_start(sender=amina, recipients=[thabo], body=DEMO_MESSAGES[0],
                                      subject="Recognition of skills of returning workers")
    message_send(sender=thabo, conversation=conversation, body=DEMO_MESSAGES[1])
    message_send(sender=amina, conversation=conversation, body=DEMO_MESSAGES[2])


def load(say) -> None:
    users = {spec["email"]: demo_member_get_or_create(spec) for spec in DEMO_MEMBERS}
    demo_network(users)
    say(f"{len(DEMO_MEMBERS)} members (password: {DEMO_PASSWORD}), with connections, "
        "a conversation and notifications")
