from django.db.models import Count, Q, QuerySet

from ..models import Profile
from ..selectors import profiles_visible_to
from .models import Block, Connection, ConnectionStatus, Follow


def is_blocked_either_way(a_id: int, b_id: int) -> bool:
    return Block.objects.filter(Q(blocker_id=a_id, blocked_id=b_id)
                                | Q(blocker_id=b_id, blocked_id=a_id)).exists()


def blocked_ids(user) -> set[int]:
    """Members this member blocked (their content is collapsed for them)."""
    return set(Block.objects.filter(blocker=user).values_list("blocked_id", flat=True))


def blocked_either_way_ids(user) -> set[int]:
    rows = Block.objects.filter(Q(blocker=user) | Q(blocked=user)).values_list(
        "blocker_id", "blocked_id")
    return {a if b == user.pk else b for a, b in rows}


def connection_between(a_id: int, b_id: int) -> Connection | None:
    low, high = (a_id, b_id) if a_id < b_id else (b_id, a_id)
    return Connection.objects.filter(user_low_id=low, user_high_id=high).first()


def are_connected(a_id: int, b_id: int) -> bool:
    connection = connection_between(a_id, b_id)
    return connection is not None and connection.status == ConnectionStatus.ACCEPTED


def connected_ids(user_id: int) -> set[int]:
    rows = Connection.objects.filter(Q(user_low_id=user_id) | Q(user_high_id=user_id),
                                     status=ConnectionStatus.ACCEPTED).values_list(
        "user_low_id", "user_high_id")
    return {low if high == user_id else high for low, high in rows}


def connections_count(user_id: int) -> int:
    return Connection.objects.filter(Q(user_low_id=user_id) | Q(user_high_id=user_id),
                                     status=ConnectionStatus.ACCEPTED).count()


def _profiles(ids) -> QuerySet[Profile]:
    return (Profile.objects.filter(user_id__in=ids, user__is_active=True)
            .select_related("country", "user").prefetch_related("themes")
            .order_by("display_name", "pk"))


def connections_of(user) -> QuerySet[Profile]:
    """A member's connections (seen by that member: they agreed to it, whatever the
    visibility of each profile, except hidden ones)."""
    return _profiles(connected_ids(user.pk)).exclude(visibility="hidden")


def incoming_requests(user) -> list[Connection]:
    return list(Connection.objects.filter(addressee=user, status=ConnectionStatus.PENDING)
                .select_related("requester__profile__country").order_by("-created_at"))


def outgoing_requests(user) -> list[Connection]:
    return list(Connection.objects.filter(requester=user, status=ConnectionStatus.PENDING)
                .select_related("addressee__profile__country").order_by("-created_at"))


def following_of(user) -> QuerySet[Profile]:
    ids = Follow.objects.filter(follower=user).values_list("followed_id", flat=True)
    return profiles_visible_to(user).filter(user_id__in=ids).order_by("display_name", "pk")


def followers_count(user_id: int) -> int:
    return Follow.objects.filter(followed_id=user_id).count()


def suggestions_for(user, *, limit: int = 6) -> list[Profile]:
    """Members who share a theme or the country, not yet connected or asked, not blocked
    either way, visible to the member; most themes in common first."""
    profile = getattr(user, "profile", None)
    if profile is None:
        return []
    theme_ids = list(profile.themes.values_list("pk", flat=True))
    related = Connection.objects.filter(Q(user_low=user) | Q(user_high=user)).values_list(
        "user_low_id", "user_high_id")
    excluded = {user.pk} | {a for pair in related for a in pair} | blocked_either_way_ids(user)
    match = Q(themes__in=theme_ids)
    if profile.country_id:
        match |= Q(country_id=profile.country_id)
    candidates = (profiles_visible_to(user).exclude(user_id__in=excluded).filter(match)
                  .annotate(shared=Count("themes", filter=Q(themes__in=theme_ids), distinct=True))
                  .order_by("-shared", "display_name", "pk"))
    return list(candidates[:limit])


def relationship(viewer, other) -> dict:
    """What the profile page shows between the viewer and another member."""
    if not (viewer and viewer.is_authenticated) or viewer.pk == other.pk:
        return {}
    connection = connection_between(viewer.pk, other.pk)
    state = "none"
    if connection is not None:
        if connection.status == ConnectionStatus.ACCEPTED:
            state = "connected"
        else:
            state = "sent" if connection.requester_id == viewer.pk else "received"
    return {
        "state": state,
        "connection": connection,
        "following": Follow.objects.filter(follower=viewer, followed=other).exists(),
        "blocked": Block.objects.filter(blocker=viewer, blocked=other).exists(),
    }


def can_mention(author, mentioned) -> bool:
    """For the forum's @mentions: only a member the author may see, never one who blocked
    the author (or whom the author blocked)."""
    from ..rules import can_view_profile

    profile = getattr(mentioned, "profile", None)
    if profile is None or not mentioned.is_active or not can_view_profile(author, profile):
        return False
    return not is_blocked_either_way(author.pk, mentioned.pk)


def mentionable_profiles(author, prefix: str, *, limit: int = 8) -> list[Profile]:
    """Names for the mention autocomplete: visible to the author, no block either way."""
    prefix = prefix.strip()
    if not prefix:
        return []
    return list(profiles_visible_to(author).filter(display_name__istartswith=prefix)
                .exclude(user_id__in=blocked_either_way_ids(author) | {author.pk})
                .order_by("display_name", "pk")[:limit])
