"""Reads for calls: the call page, a member's submissions, the ranking, the repository."""

from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from portal.core.i18n import default_language, one_per_translation, original_of
from portal.core.timezones import in_zone

from .enums import CallState, SubmissionStatus
from .models import CallPage, PracticePage, Submission, Vote
from .rules import can_vote, is_call_editor, is_member

S = SubmissionStatus
DATE_FIELDS = [("opens_at", "Opens"), ("deadline_at", "Submission deadline"),
               ("review_ends_at", "Review ends"), ("voting_starts_at", "Voting starts"),
               ("voting_ends_at", "Voting ends"), ("announcement_at", "Results announced")]


def call_dates(call: CallPage) -> list[dict]:
    from .admin_forms import LOCAL_FIELDS

    labels = dict(LOCAL_FIELDS.values())
    result = []
    for field, _label in DATE_FIELDS:
        value = getattr(call, field)
        if value is not None:
            result.append({"key": field, "label": str(labels[field]).replace(" (local time)", ""),
                           "utc": value, "zoned": in_zone(value, call.timezone)})
    return result


def call_by_slug(slug: str) -> CallPage | None:
    """The live call with this address, as the original: submissions, reviews and votes
    belong to it whatever language the visitor reads the call in."""
    return one_per_translation(CallPage.objects.live().filter(slug=slug),
                               default_language()).first()


def calls_listing():
    """Every live call once, in the visitor's language when translated."""
    return one_per_translation(CallPage.objects.live()).order_by("-deadline_at")


def call_page_context(*, call: CallPage, user) -> dict:
    # A translation shows the original's submissions, votes and winners.
    original = original_of(call)
    state = call.state()
    context = {"state": state, "state_label": CallState(state).label,
               "dates": call_dates(call), "criteria": list(call.criteria.all()),
               "now": timezone.now()}
    if state in (CallState.VOTING, CallState.CLOSED, CallState.RESULTS):
        shortlist = original.submissions.filter(
            status__in=[S.SHORTLISTED, S.WINNER]).prefetch_related("partner_countries")
        context["shortlist"] = list(shortlist.order_by("title"))
        context["show_totals"] = not (call.hide_totals_until_close and state == CallState.VOTING)
        if is_member(user):
            context["my_votes"] = set(Vote.objects.filter(call=original, voter=user)
                                      .values_list("submission_id", flat=True))
            context["can_vote"] = state == CallState.VOTING and can_vote(user)
            context["votes_left"] = call.vote_budget - len(context["my_votes"])
    context["winners"] = list(one_per_translation(original.practices.live()).order_by("title")) \
        if state == CallState.RESULTS else []
    context["is_call_editor"] = is_call_editor(user)
    return context


def open_calls(limit: int = 3):
    now = timezone.now()
    return list(one_per_translation(CallPage.objects.live())
                .filter(opens_at__lte=now, deadline_at__gt=now).order_by("deadline_at")[:limit])


def submissions_of(user):
    return (Submission.objects.filter(Q(author=user) | Q(coauthors__user=user)).distinct()
            .select_related("call").order_by("-updated_at"))


@dataclass
class RankingRow:
    submission: Submission
    expert: float | None
    votes: int
    final: float
    rank: int = 0


def call_ranking(*, call: CallPage, statuses=(S.SHORTLISTED, S.WINNER, S.NOT_RETAINED,
                                               S.UNDER_REVIEW)) -> list[RankingRow]:
    """Expert score and votes, each scaled to the best in the call (0–1), combined with the
    call's weights; ties keep the earlier submission first."""
    submissions = list(call.submissions.filter(status__in=statuses).select_related("author")
                       .order_by("pk"))
    best_score = max((sub.expert_score or 0 for sub in submissions), default=0) or 1
    best_votes = max((sub.vote_count for sub in submissions), default=0) or 1
    weight = call.expert_weight / 100
    rows = [RankingRow(sub, sub.expert_score, sub.vote_count,
                       round(weight * (sub.expert_score or 0) / best_score
                             + (1 - weight) * sub.vote_count / best_votes, 4))
            for sub in submissions]
    rows.sort(key=lambda row: (-row.final, row.submission.pk))
    for number, row in enumerate(rows, start=1):
        row.rank = number
    return rows


def reviewer_assignments(user):
    return (user.gp_assignments.select_related("submission__call")
            .order_by("submission__call_id", "submission__title"))


def practice_team_ids(practice: PracticePage) -> set[int]:
    ids = set(practice.team.values_list("user_id", flat=True))
    if practice.submission_id:
        submission = practice.submission
        if submission.author_id:
            ids.add(submission.author_id)
        ids |= set(submission.coauthors.filter(confirmed_at__isnull=False)
                   .values_list("user_id", flat=True))
    return ids


def practices_filtered(*, params) -> tuple:
    practices = one_per_translation(PracticePage.objects.live()).select_related(
        "call").prefetch_related("themes", "countries")
    for key, lookup in (("theme", "themes__slug"), ("country", "countries__iso_code"),
                        ("type", "practice_type"), ("year", "year"), ("call", "call__slug"),
                        ("region", "countries__region")):
        value = params.get(key)
        if value:
            if key == "call":  # a practice's call is the original call
                practices = practices.filter(call__in=CallPage.objects.filter(slug=value))
                continue
            practices = practices.filter(**{lookup: value})
    return practices.distinct().order_by("-year", "title")
