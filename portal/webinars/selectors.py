"""Reads: what the public pages, feeds and organiser tools show, fetched without N+1."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.images import get_image_model

from portal.core.enums import OrganisationType
from portal.core.fragments import cached_value, lazy_entries
from portal.core.i18n import localized_list, object_language, one_per_translation, original_of
from portal.core.models import Language, Theme
from portal.core.timezones import get_zone, in_zone, is_valid_zone
from portal.members.rules import is_member

from .agenda import agenda_schedule, zoned_range
from .enums import ACTIVE_STATUSES, Phase, RegistrationStatus
from .i18n import materials_in_language
from .models import (
    AgendaItem,
    AgendaItemSpeaker,
    AgendaSession,
    Registration,
    SessionModerator,
    Webinar,
    WebinarSeries,
)
from .rules import join_opens_at, join_window_open

SPEAKER_PHOTO = "fill-160x160"
CARD_IMAGE = "fill-640x360"


def _renditions(filter_spec: str) -> Prefetch:
    Rendition = get_image_model().get_rendition_model()
    return Prefetch("renditions", queryset=Rendition.objects.filter(
        filter_spec=filter_spec))


def webinar_cards(queryset: QuerySet) -> QuerySet:
    """Everything a webinar card shows, in a fixed number of queries."""
    return (
        queryset.select_related("series", "language", "image")
        .prefetch_related("themes", Prefetch("image__renditions",
                                             queryset=_renditions(CARD_IMAGE).queryset))
    )


def webinar_listing(*, user, series: str = "", theme: str = "", language: str = "",
                    at=None) -> tuple[QuerySet, QuerySet]:
    at = at or timezone.now()
    webinars = one_per_translation(Webinar.objects.visible_to(user))
    if series:
        webinars = webinars.filter(series__slug=series)
    if theme:
        webinars = webinars.filter(themes__slug=theme)
    if language:
        webinars = webinars.filter(language__code=language)
    webinars = webinar_cards(webinars)
    return webinars.upcoming(at), webinars.past(at)


def listing_facets(*, user) -> dict:
    from portal.members.rules import is_member

    return cached_value("webinar-facets", (is_member(user),), lambda: _listing_facets(user),
                        depends="content")


def _listing_facets(user) -> dict:
    """The series, themes and languages that have a webinar to show. Each choice asks
    whether one visible webinar has it, which stops at the first one found (through the
    foreign key's index): the work grows with the number of choices, not of webinars,
    where ``DISTINCT`` over a join reads every webinar."""
    visible = Webinar.objects.visible_to(user)
    series = WebinarSeries.objects.filter(translation_key__in=WebinarSeries.objects.filter(
        Exists(visible.filter(series_id=OuterRef("pk")))).values("translation_key"))
    return {
        "series": list(one_per_translation(series).order_by("title")),
        "themes": list(Theme.objects.filter(Exists(visible.filter(themes=OuterRef("pk"))))
                       .order_by("name")),
        "languages": list(Language.objects.filter(
            Exists(visible.filter(language_id=OuterRef("pk")))).order_by("name")),
    }


def upcoming_webinars(*, user, limit: int = 3, at=None) -> list[Webinar]:
    return list(webinar_cards(one_per_translation(Webinar.objects.visible_to(user))).upcoming(at)
                .filter(is_cancelled=False)[:limit])


def webinar_summary_queryset() -> QuerySet:
    """A webinar without its programme: enough to check access, show its status and
    register (see webinar_page_context for the rest)."""
    return Webinar.objects.select_related("series", "language", "image")


def webinar_shown_at(slug: str) -> Webinar | None:
    """The live webinar at this address, in the visitor's language when translated (kept
    per generation: any change to a webinar starts a new one)."""
    return cached_value("webinar-at", (slug,), lambda: one_per_translation(
        webinar_summary_queryset().filter(live=True, slug=slug)).first(), depends="content")


def registration_questions(webinar: Webinar) -> list:
    """The registration form's questions in the active language, kept per generation."""
    from .i18n import questions_in_language

    language = get_language() or "en"
    return cached_value("webinar-questions", (webinar.pk,),
                        lambda: questions_in_language(webinar, language), depends="content")


def webinar_detail_queryset() -> QuerySet:
    speaker_links = AgendaItemSpeaker.objects.select_related(
        "speaker__country", "speaker__photo", "speaker__member__profile").prefetch_related(
        Prefetch("speaker__photo__renditions", queryset=_renditions(SPEAKER_PHOTO).queryset))
    moderator_links = SessionModerator.objects.select_related(
        "speaker__country", "speaker__photo", "speaker__member__profile").prefetch_related(
        Prefetch("speaker__photo__renditions", queryset=_renditions(SPEAKER_PHOTO).queryset))
    return (
        Webinar.objects.select_related("series", "language", "image")
        .prefetch_related(
            "themes", "countries", "series__partners__logo__renditions",
            Prefetch("sessions", queryset=AgendaSession.objects.order_by("sort_order", "pk")
                     .prefetch_related(
                         Prefetch("moderator_links", queryset=moderator_links),
                         Prefetch("items", queryset=AgendaItem.objects.order_by(
                             "sort_order", "pk").prefetch_related(
                             Prefetch("speaker_links", queryset=speaker_links))))),
        )
    )


def webinar_phase(webinar: Webinar, *, confirmed: int, at=None) -> str:
    at = at or timezone.now()
    if webinar.is_cancelled:
        return Phase.CANCELLED
    if at >= webinar.end:
        return Phase.ENDED
    if webinar.start <= at:
        return Phase.LIVE
    if webinar.registration_opens_at and at < webinar.registration_opens_at:
        return Phase.NOT_YET_OPEN
    if at >= webinar.registration_closes:
        return Phase.CLOSED
    if webinar.capacity is not None and confirmed >= webinar.capacity:
        return Phase.WAITLIST
    return Phase.OPEN


def registration_is_open(webinar: Webinar, at=None) -> bool:
    at = at or timezone.now()
    if webinar.is_cancelled or not webinar.live:
        return False
    if webinar.registration_opens_at and at < webinar.registration_opens_at:
        return False
    return at < webinar.registration_closes


@dataclass
class ZoneColumn:
    zone: str
    label: str
    city: str
    is_event: bool = False
    is_viewer: bool = False


def zone_columns(webinar: Webinar, viewer_zone: str) -> list[ZoneColumn]:
    columns: dict[str, ZoneColumn] = {}
    for name in webinar.zone_names:
        start = in_zone(webinar.start, name)
        columns.setdefault(name, ZoneColumn(name, start.label, start.city,
                                            is_event=name == webinar.timezone))
    if is_valid_zone(viewer_zone):
        if viewer_zone in columns:
            columns[viewer_zone].is_viewer = True
        else:
            start = in_zone(webinar.start, viewer_zone)
            columns[viewer_zone] = ZoneColumn(viewer_zone, start.label, start.city,
                                              is_viewer=True)
    return list(columns.values())


def speakers_in_order(schedule) -> list:
    speakers = {}
    for session in schedule:
        for scheduled in session.items:
            for link in scheduled.item.speaker_links.all():
                speakers.setdefault(link.speaker_id or id(link), link.speaker)
    return list(speakers.values())


def moderators_in_order(schedule) -> list:
    moderators = {}
    for session in schedule:
        for link in session.session.moderator_links.all():
            moderators.setdefault(link.speaker_id or id(link), link.speaker)
    return list(moderators.values())


def member_registration(webinar: Webinar, user) -> Registration | None:
    if not is_member(user) or not webinar.pk:
        return None
    return (Registration.objects.filter(webinar=webinar, status__in=ACTIVE_STATUSES)
            .filter(Q(user=user) | Q(email_normalised=user.email.strip().lower()))
            .first())


def viewer_zone_source(request) -> str:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        if is_valid_zone(getattr(getattr(user, "profile", None), "timezone", "")):
            return "profile"
    return "browser" if is_valid_zone(request.COOKIES.get("portal_tz", "")) else "default"


def _speakers_in_visitors_language(webinar: Webinar) -> None:
    """Show each speaker's translated job title and bio when there is one (one query, only
    when some speaker is in another language than the visitor's)."""
    links = []
    for session in webinar.sessions.all():
        links.extend(session.moderator_links.all())
        for item in session.items.all():
            links.extend(item.speaker_links.all())
    speakers = localized_list([link.speaker for link in links])
    for link, speaker in zip(links, speakers, strict=True):
        if speaker is not link.speaker:
            link.speaker = speaker


def webinar_detail_context(*, webinar: Webinar, request, preview: bool = False,
                           at=None) -> dict:
    return {**webinar_status_context(webinar=webinar, request=request, preview=preview, at=at),
            **webinar_programme_context(webinar=webinar, preview=preview)}


def webinar_status_context(*, webinar: Webinar, request, preview: bool = False,
                           at=None) -> dict:
    """What changes with the clock, the registrations and the viewer: the phase, the
    places left and the viewer's own registration (a couple of queries)."""
    at = at or timezone.now()
    confirmed = 0
    # Registrations belong to the original; a translation shows the same places left.
    original = original_of(webinar) if webinar.pk else webinar
    if webinar.pk and not preview:
        # Kept per generation, which every registration and cancellation renews.
        confirmed = cached_value("webinar-confirmed", (original.pk,), lambda: Registration.objects
                                 .filter(webinar=original, status=RegistrationStatus.CONFIRMED)
                                 .count())
    phase = webinar_phase(webinar, confirmed=confirmed, at=at)
    places_left = None
    if webinar.capacity is not None:
        places_left = max(webinar.capacity - confirmed, 0)
    return {
        "webinar": webinar,
        # The templates' name for the webinar outside its kept fragments (see
        # webinar_page_context): the same object here.
        "event": webinar,
        "translatable_object": webinar if webinar.pk else None,
        "preview": preview,
        "phase": phase,
        "phase_label": Phase(phase).label,
        "registration_open": registration_is_open(webinar, at) and not preview,
        "places_left": places_left,
        "confirmed_count": confirmed,
        "ended": at >= webinar.end,
        "viewer_zone": getattr(request, "viewer_timezone", "UTC"),
        "viewer_zone_source": viewer_zone_source(request),
        "member_registration": None if preview else member_registration(original,
                                                                          request.user),
    }


def webinar_programme_context(*, webinar: Webinar, preview: bool = False) -> dict:
    """The programme, speakers and materials: the costly part, the same for everyone."""
    if webinar.pk and not preview:
        _speakers_in_visitors_language(webinar)
    # The page shows the event's zone and its display zones only; the viewer's own column
    # is filled in the browser (static/js/localtimes.js), so the HTML is the same for all.
    columns = zone_columns(webinar, "")
    zones = [column.zone for column in columns]
    schedule = agenda_schedule(webinar, zones)
    event_day = in_zone(webinar.start, webinar.timezone).local.date()
    if webinar.pk and not preview:
        materials = materials_in_language(webinar, object_language(webinar))
    else:
        materials = list(webinar.materials.all())
    return {
        "columns": columns,
        "event_times": [zoned_range(webinar.start, webinar.end, zone, event_date=event_day)
                        for zone in zones],
        "event_day": event_day,
        "schedule": schedule,
        "speakers": speakers_in_order(schedule),
        "moderators": moderators_in_order(schedule),
        "materials": materials,
    }


def webinar_page_context(*, webinar: Webinar, request) -> dict:
    """The public webinar page's context. `webinar` was loaded without its programme; the
    programme's parts load it (all prefetched, one go) only when a template asks for them,
    which the page's kept fragments do not."""
    context = webinar_status_context(webinar=webinar, request=request)

    def programme() -> dict:
        shown = webinar_detail_queryset().get(pk=webinar.pk)
        return {"webinar": shown, **webinar_programme_context(webinar=shown)}

    context.update(lazy_entries(programme, (
        "webinar", "columns", "event_times", "event_day", "schedule", "speakers", "moderators",
        "materials")))
    return context


def registration_by_token(token: str) -> Registration | None:
    return (Registration.objects.select_related("webinar", "country", "user")
            .filter(token=token).first())


def registration_view_state(registration: Registration, at=None) -> dict:
    at = at or timezone.now()
    webinar = registration.webinar
    return {
        "join_open": registration.is_confirmed and join_window_open(webinar, at)
        and bool(webinar.join_url),
        "join_opens_at": join_opens_at(webinar),
        "ended": at >= webinar.end,
    }


def member_registrations(user) -> QuerySet:
    return (Registration.objects.filter(user=user).select_related("webinar")
            .order_by("-webinar__start"))


def feed_webinars(*, series: WebinarSeries | None = None) -> QuerySet:
    """Public feeds: live, open-to-all webinars, cancelled ones kept so calendars drop them."""
    webinars = one_per_translation(Webinar.objects.filter(live=True, is_members_only=False))
    if series is not None:
        webinars = webinars.filter(series__translation_key=series.translation_key)
    return webinars.order_by("start", "pk")


def personal_feed_registrations(user) -> QuerySet:
    """A member's registrations for their feed: active ones, and cancelled ones so their
    calendar removes them (unless they registered again)."""
    return (Registration.objects.filter(user=user, webinar__live=True)
            .select_related("webinar").order_by("webinar__start", "-created_at"))


# Organiser reports -------------------------------------------------------------------------

def registrants(webinar: Webinar, *, status: str = "", country=None,
                organisation_type: str = "", attended: str = "", query: str = "") -> QuerySet:
    rows = (Registration.objects.filter(webinar=webinar).select_related("country", "user")
            .order_by("created_at", "pk"))
    if status:
        rows = rows.filter(status=status)
    if country is not None:
        rows = rows.filter(country=country)
    if organisation_type:
        rows = rows.filter(organisation_type=organisation_type)
    if attended == "yes":
        rows = rows.filter(attended=True)
    elif attended == "no":
        rows = rows.filter(attended=False)
    if query:
        rows = rows.filter(Q(name__icontains=query) | Q(email__icontains=query)
                           | Q(organisation__icontains=query))
    return rows


def registrant_counts(webinar: Webinar) -> dict:
    counts = Registration.objects.filter(webinar=webinar).aggregate(
        total=Count("pk"),
        confirmed=Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED)),
        waitlisted=Count("pk", filter=Q(status=RegistrationStatus.WAITLISTED)),
        cancelled=Count("pk", filter=Q(status=RegistrationStatus.CANCELLED)),
        attended=Count("pk", filter=Q(attended=True)),
        countries=Count("country", distinct=True),
    )
    counts["places_left"] = (None if webinar.capacity is None
                             else max(webinar.capacity - counts["confirmed"], 0))
    return counts


def registrations_by_day(webinar: Webinar) -> list[tuple[str, int]]:
    rows = (Registration.objects.filter(webinar=webinar)
            .annotate(day=TruncDate("created_at", tzinfo=get_zone(webinar.timezone)))
            .values("day").annotate(count=Count("pk")).order_by("day"))
    by_day = {row["day"]: row["count"] for row in rows}
    if not by_day:
        return []
    first, last = min(by_day), max(by_day)
    span = min((last - first).days, 365)
    days = [first + timedelta(days=offset) for offset in range(span + 1)]
    return [(day.isoformat(), by_day.get(day, 0)) for day in days]


def registrations_by_country(webinar: Webinar) -> list[tuple[str, int]]:
    rows = (Registration.objects.filter(webinar=webinar).exclude(status=RegistrationStatus.CANCELLED)
            .values("country__name", "country__name_fr").annotate(count=Count("pk")))
    french = (get_language() or "").startswith("fr")
    return [((row["country__name_fr"] if french and row["country__name_fr"]
              else row["country__name"]) or _("Not given"), row["count"]) for row in rows]


def registrations_by_organisation_type(webinar: Webinar) -> list[tuple[str, int]]:
    labels = dict(OrganisationType.choices)
    rows = (Registration.objects.filter(webinar=webinar).exclude(status=RegistrationStatus.CANCELLED)
            .values("organisation_type").annotate(count=Count("pk")))
    return [(str(labels.get(row["organisation_type"], _("Not given"))), row["count"])
            for row in rows]


BACKLINK_LIMIT = 20


def webinars_using_resource(page, request) -> list[tuple[str, str]]:
    """(title, url) of the webinars, visible to this visitor, whose materials include the
    resource page: the resource's "Part of these webinars" box. Newest first, bounded."""
    user = getattr(request, "user", None)
    webinars = (Webinar.objects.visible_to(user)
                .filter(materials__page_id=page.pk).distinct()
                .order_by("-start", "-pk").only("title", "slug")[:BACKLINK_LIMIT])
    return [(webinar.title, webinar.get_absolute_url()) for webinar in webinars]
