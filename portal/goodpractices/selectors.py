"""Reads for calls: the call page, a member's submissions, the ranking, the repository."""

from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from portal.core.i18n import default_language, one_per_translation, original_of
from portal.core.models import few_of_a_kind
from portal.core.params import parse_year
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
    return few_of_a_kind(one_per_translation(CallPage.objects.live())).order_by("-deadline_at")


def call_page_context(*, call: CallPage, user) -> dict:
    # A translation shows the original's submissions, votes and winners.
    original = original_of(call)
    state = call.state()
    # The criteria, shortlist and winners are read only when the page's kept fragment is
    # missing (a visitor's page is kept whole; see call_page.html).
    context = {"state": state, "state_label": CallState(state).label,
               "dates": call_dates(call),
               "criteria": SimpleLazyObject(lambda: list(call.criteria.all())),
               "now": timezone.now()}
    if state in (CallState.VOTING, CallState.CLOSED, CallState.RESULTS):
        shortlist = original.submissions.filter(
            status__in=[S.SHORTLISTED, S.WINNER]).prefetch_related("partner_countries")
        # during the vote, a neutral order; afterwards the stored ranking
        order = ("title",) if state == CallState.VOTING else ("rank", "title")
        context["shortlist"] = SimpleLazyObject(lambda: list(shortlist.order_by(*order)))
        context["show_totals"] = not (call.hide_totals_until_close and state == CallState.VOTING)
        if is_member(user):
            context["my_votes"] = set(Vote.objects.filter(call=original, voter=user)
                                      .values_list("submission_id", flat=True))
            context["can_vote"] = state == CallState.VOTING and can_vote(user)
            context["votes_left"] = call.vote_budget - len(context["my_votes"])
    context["winners"] = SimpleLazyObject(
        lambda: list(one_per_translation(original.practices.live()).order_by("title"))
        if state == CallState.RESULTS else [])
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


RANKED_STATUSES = (S.SHORTLISTED, S.WINNER, S.NOT_RETAINED, S.UNDER_REVIEW)


def ranking_compute(*, call: CallPage, statuses=RANKED_STATUSES) -> list[RankingRow]:
    """Expert score and votes, each scaled to the best in the call (0–1), combined with the
    call's weights; ties keep the earlier submission first. Only the rebuild task runs
    this; pages read what it stored (`call_ranking`)."""
    submissions = list(call.submissions.filter(status__in=statuses).order_by("pk"))
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


def call_ranking(*, call: CallPage) -> list[RankingRow]:
    """The stored ranking: one query, whatever the number of submissions."""
    submissions = call.submissions.filter(status__in=RANKED_STATUSES, rank__isnull=False)
    return [RankingRow(sub, sub.expert_score, sub.vote_count, sub.final_score or 0, sub.rank)
            for sub in submissions.order_by("rank", "pk")]


@dataclass
class AttachmentCopy:
    """What a download sends: the stored file, or a blind copy with its metadata removed."""

    name: str
    content_type: str
    file: object = None
    data: bytes | None = None


def attachments_listed(*, user, submission) -> list:
    """The submission's attachments, each with the name this viewer sees."""
    from .files import blind_name
    from .rules import sees_blind

    blind = sees_blind(user, submission)
    attachments = list(submission.attachments.order_by("pk"))
    for number, attachment in enumerate(attachments, start=1):
        attachment.shown_name = blind_name(attachment, number) if blind else attachment.name
    return attachments


def attachment_copy(*, user, submission, attachment) -> AttachmentCopy:
    """The caller has checked that `user` may see `submission`. Raises OSError when the
    file is missing from the storage."""
    from .files import content_type, stripped
    from .rules import sees_blind

    shown = next(item for item in attachments_listed(user=user, submission=submission)
                 if item.pk == attachment.pk)
    handle = attachment.file.open("rb")
    if not sees_blind(user, submission):
        return AttachmentCopy(shown.shown_name, content_type(attachment), file=handle)
    with handle:
        data = stripped(handle.read(), attachment.kind)
    return AttachmentCopy(shown.shown_name, content_type(attachment), data=data)


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
    practices = few_of_a_kind(one_per_translation(PracticePage.objects.live())).select_related(
        "call").prefetch_related("themes", "countries")
    for key, lookup in (("theme", "themes__slug"), ("country", "countries__iso_code"),
                        ("type", "practice_type"), ("year", "year"), ("call", "call__slug"),
                        ("region", "countries__region")):
        value = params.get(key)
        if key == "year":
            value = parse_year(value)
        if value:
            if key == "call":  # a practice's call is the original call
                practices = practices.filter(call__in=CallPage.objects.filter(slug=value))
                continue
            practices = practices.filter(**{lookup: value})
    return practices.distinct().order_by("-year", "title")
