from django import template
from django.urls import reverse

from ..enums import Phase

register = template.Library()

PHASE_CLASSES = {
    Phase.OPEN: "open",
    Phase.WAITLIST: "full",
    Phase.NOT_YET_OPEN: "closed",
    Phase.CLOSED: "closed",
    Phase.LIVE: "live",
    Phase.ENDED: "ended",
    Phase.CANCELLED: "cancelled",
}


@register.filter
def phase_class(phase) -> str:
    return PHASE_CLASSES.get(phase, "closed")


@register.filter
def initials(name: str) -> str:
    parts = [part for part in (name or "").replace("-", " ").split() if part[:1].isalpha()]
    return "".join(part[0] for part in parts[:2]).upper() or "?"


@register.inclusion_tag("webinars/includes/my_webinars.html", takes_context=True)
def my_webinars(context):
    """The member dashboard's "My webinars" panel, with the personal calendar feed."""
    from ..selectors import member_registrations
    from ..services import feed_token_get_or_create

    request = context["request"]
    user = request.user
    if not user.is_authenticated:
        return {"registrations": [], "request": request}
    token = feed_token_get_or_create(user=user)
    path = reverse("webinars:personal_feed", kwargs={"token": token.token})
    feed_url = request.build_absolute_uri(path)
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "registrations": list(member_registrations(user)[:20]),
        "feed_url": feed_url,
        "webcal_url": "webcal://" + feed_url.split("://", 1)[1],
        "next": request.get_full_path(),
    }
