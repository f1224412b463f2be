"""Writes for calls: submissions and their guarded state changes, clarifications, reviews,
votes and winners.

A state change is one conditional UPDATE (`WHERE status = <expected>`), so two requests that
race to change the same submission cannot both win; each change is logged with who and
when. A vote is one row under a unique constraint, so two clicks at once give one vote.
Review scores are stored and recomputed whenever a criterion's weight or scale changes.
Notifications are recorded through the members' notification centre inside the same
transaction; their e-mails go out later from its queue.
"""

from statistics import mean, median

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.core.db import create_once
from portal.core.i18n import default_language, one_per_translation, written_language
from portal.members.moderation.rules import ensure_can_post
from portal.members.notifications import notify

from .enums import Aggregation, SubmissionStatus
from .models import (
    CallCriterion,
    CallPage,
    Clarification,
    Review,
    ReviewerAssignment,
    ReviewScore,
    Submission,
    SubmissionAttachment,
    SubmissionCoAuthor,
    SubmissionEvent,
    Vote,
)
from .rules import (
    can_edit_submission,
    can_vote,
    has_conflict,
    is_call_editor,
    is_reviewer,
    is_team_member,
)
from .validators import check_attachment

S = SubmissionStatus
EDITABLE_FIELDS = ["title", "summary", "idea", "partner_organisations", "target_groups",
                   "sectors", "expected_results", "resources_needed"]
EDITOR_TRANSITIONS = {
    S.SUBMITTED: {S.UNDER_REVIEW, S.NOT_RETAINED},
    S.UNDER_REVIEW: {S.SHORTLISTED, S.NOT_RETAINED},
    S.SHORTLISTED: {S.WINNER, S.NOT_RETAINED, S.UNDER_REVIEW},
    S.NOT_RETAINED: {S.UNDER_REVIEW, S.SHORTLISTED},
    S.WINNER: {S.SHORTLISTED},
}
WITHDRAWABLE = {S.DRAFT, S.SUBMITTED, S.CLARIFICATION, S.UNDER_REVIEW}


class SubmissionError(Exception):
    """A refused action; the message is shown to the person who tried."""


def _log(submission, *, actor, action, from_status="", to_status="", note="") -> None:
    SubmissionEvent.objects.create(submission=submission, actor=actor, action=action,
                                   from_status=from_status, to_status=to_status, note=note)


def ranking_refresh_later(call_id: int) -> None:
    """Queue a rebuild of the call's stored ranking. With the database queue the task is
    only seen once this transaction commits, so it reads what was just written."""
    from .tasks import rebuild_call_ranking

    rebuild_call_ranking.enqueue(call_id=call_id)


@transaction.atomic
def call_ranking_rebuild(*, call: CallPage) -> int:
    """Compute the ranking once and store each submission's final score and rank (None for
    the ones outside the ranking); returns how many rows changed."""
    from .selectors import ranking_compute

    ranked = {row.submission.pk: row for row in ranking_compute(call=call)}
    changed = []
    for submission in call.submissions.only("pk", "rank", "final_score"):
        row = ranked.get(submission.pk)
        wanted = (row.rank, row.final) if row else (None, None)
        if (submission.rank, submission.final_score) != wanted:
            submission.rank, submission.final_score = wanted
            changed.append(submission)
    Submission.objects.bulk_update(changed, ["rank", "final_score"], batch_size=500)
    return len(changed)


def _move(submission, *, actor, to_status, from_statuses, action, note="",
          rerank=True) -> Submission:
    from_status = submission.status
    if from_status not in from_statuses:
        raise SubmissionError(_("This submission cannot change from “%(from)s” to “%(to)s”.")
                              % {"from": S(from_status).label, "to": S(to_status).label})
    changed = Submission.objects.filter(pk=submission.pk, status=from_status).update(
        status=to_status, updated_at=timezone.now())
    if not changed:
        raise SubmissionError(_("Someone else changed this submission: reload the page."))
    submission.status = to_status
    _log(submission, actor=actor, action=action, from_status=from_status, to_status=to_status,
         note=note)
    if rerank:
        ranking_refresh_later(submission.call_id)
    return submission


def _notify_team(submission, *, verb, actor, exclude=None):
    recipients = [submission.author] if submission.author_id else []
    recipients += [coauthor.user for coauthor in
                   submission.coauthors.filter(confirmed_at__isnull=False).select_related("user")]
    for user in recipients:
        if exclude is None or user.pk != exclude.pk:
            notify(recipient=user, verb=verb, actor=actor, target=submission,
                   url=submission.get_absolute_url(), title=submission.title)


def _set_coauthors(submission, coauthors, *, actor) -> None:
    wanted = {user.pk: user for user in coauthors if user.pk != submission.author_id}
    submission.coauthors.exclude(user_id__in=wanted).delete()
    existing = set(submission.coauthors.values_list("user_id", flat=True))
    for pk, user in wanted.items():
        if pk not in existing:
            SubmissionCoAuthor.objects.create(submission=submission, user=user)
            notify(recipient=user, verb="goodpractices.coauthor", actor=actor,
                   target=submission, url=submission.get_absolute_url(),
                   title=submission.title)


@transaction.atomic
def submission_create(*, call: CallPage, author, data: dict, partner_countries=(),
                      coauthors=(), attachments=(), language: str | None = None) -> Submission:
    ensure_can_post(author)
    if not call.accepts_submissions():
        raise SubmissionError(_("This call is not open for submissions."))
    if coauthors and call.submitters != "teams":
        raise SubmissionError(_("This call accepts individual submissions only."))
    profile = getattr(author, "profile", None)
    submission = Submission.objects.create(
        call=call, author=author, organisation=getattr(profile, "organisation", "") or "",
        language=written_language(language),
        **{field: data.get(field, "") for field in EDITABLE_FIELDS})
    submission.partner_countries.set(partner_countries)
    _set_coauthors(submission, coauthors, actor=author)
    for upload in attachments:
        attachment_add(submission=submission, upload=upload, actor=author)
    _log(submission, actor=author, action="created", to_status=S.DRAFT)
    return submission


@transaction.atomic
def submission_update(*, submission: Submission, actor, data: dict, partner_countries=None,
                      coauthors=None, attachments=()) -> Submission:
    ensure_can_post(actor)
    if not can_edit_submission(actor, submission):
        raise SubmissionError(_("This submission can no longer be edited."))
    for field in EDITABLE_FIELDS:
        if field in data:
            setattr(submission, field, data[field])
    submission.save()
    if partner_countries is not None:
        submission.partner_countries.set(partner_countries)
    if coauthors is not None and submission.author_id == actor.pk:
        _set_coauthors(submission, coauthors, actor=actor)
    for upload in attachments:
        attachment_add(submission=submission, upload=upload, actor=actor)
    _log(submission, actor=actor, action="edited")
    return submission


def attachment_add(*, submission, upload, actor) -> SubmissionAttachment:
    kind = check_attachment(upload)
    attachment = SubmissionAttachment(submission=submission, name=upload.name[:200],
                                      size=upload.size, kind=kind)
    attachment.file.save(upload.name, upload, save=False)
    attachment.save()
    return attachment


@transaction.atomic
def submission_submit(*, submission: Submission, actor, now=None) -> Submission:
    ensure_can_post(actor)
    if submission.author_id != actor.pk:
        raise SubmissionError(_("Only the author can submit."))
    if not submission.call.accepts_submissions(now):
        raise SubmissionError(_("The deadline has passed."))
    _move(submission, actor=actor, to_status=S.SUBMITTED, from_statuses={S.DRAFT},
          action="submitted")
    Submission.objects.filter(pk=submission.pk).update(submitted_at=now or timezone.now())
    return submission


@transaction.atomic
def submission_withdraw(*, submission: Submission, actor) -> Submission:
    if not is_team_member(actor, submission) or submission.author_id != actor.pk:
        raise SubmissionError(_("Only the author can withdraw a submission."))
    return _move(submission, actor=actor, to_status=S.WITHDRAWN, from_statuses=WITHDRAWABLE,
                 action="withdrawn")


@transaction.atomic
def submission_transition(*, submission: Submission, actor, to_status: str,
                          note: str = "") -> Submission:
    """An editor's decision: review, shortlist, retain or not, winner."""
    if not is_call_editor(actor):
        raise SubmissionError(_("Only editors decide on submissions."))
    allowed = {status for status, targets in EDITOR_TRANSITIONS.items() if to_status in targets}
    _move(submission, actor=actor, to_status=to_status, from_statuses=allowed,
          action="decision", note=note)
    if to_status in (S.SHORTLISTED, S.NOT_RETAINED, S.WINNER):
        _notify_team(submission, verb="goodpractices.decision", actor=actor)
    return submission


@transaction.atomic
def reviews_open(*, call: CallPage, actor) -> int:
    """After the deadline: every submitted entry goes under review."""
    if not is_call_editor(actor):
        raise SubmissionError(_("Only editors decide on submissions."))
    moved = 0
    for submission in call.submissions.filter(status=S.SUBMITTED):
        _move(submission, actor=actor, to_status=S.UNDER_REVIEW, from_statuses={S.SUBMITTED},
              action="decision", rerank=False)
        moved += 1
    if moved:
        ranking_refresh_later(call.pk)
    return moved


@transaction.atomic
def coauthor_confirm(*, submission: Submission, user) -> None:
    changed = submission.coauthors.filter(user=user, confirmed_at__isnull=True).update(
        confirmed_at=timezone.now())
    if not changed:
        raise SubmissionError(_("There is no invitation to confirm."))
    _log(submission, actor=user, action="coauthor_confirmed")


@transaction.atomic
def clarification_request(*, submission: Submission, actor, question: str,
                          language: str | None = None) -> Clarification:
    assigned = ReviewerAssignment.objects.filter(submission=submission, reviewer=actor).exists()
    if not (is_call_editor(actor) or assigned):
        raise SubmissionError(_("Only editors and the submission's reviewers may ask."))
    previous = submission.status
    _move(submission, actor=actor, to_status=S.CLARIFICATION,
          from_statuses={S.SUBMITTED, S.UNDER_REVIEW}, action="clarification_requested",
          note=question)
    clarification = Clarification.objects.create(submission=submission, asked_by=actor,
                                                 question=question, previous_status=previous,
                                                 language=written_language(language))
    _notify_team(submission, verb="goodpractices.clarification", actor=actor)
    return clarification


@transaction.atomic
def clarification_answer(*, submission: Submission, actor, answer: str,
                         language: str | None = None) -> Clarification:
    ensure_can_post(actor)
    if not is_team_member(actor, submission):
        raise SubmissionError(_("Only the submission's team may answer."))
    clarification = submission.clarifications.filter(answered_at__isnull=True).last()
    if clarification is None:
        raise SubmissionError(_("There is no open question."))
    _move(submission, actor=actor, to_status=clarification.previous_status,
          from_statuses={S.CLARIFICATION}, action="clarification_answered", note=answer)
    clarification.answer, clarification.answered_at = answer, timezone.now()
    clarification.answer_language = written_language(language)
    clarification.save(update_fields=["answer", "answered_at", "answer_language"])
    if clarification.asked_by_id:
        notify(recipient=clarification.asked_by, verb="goodpractices.answered", actor=actor,
               target=submission, url=submission.get_absolute_url(), title=submission.title)
    return clarification


# Reviews ------------------------------------------------------------------------------


@transaction.atomic
def assignment_create(*, submission: Submission, reviewer, actor) -> ReviewerAssignment:
    if not is_call_editor(actor):
        raise SubmissionError(_("Only editors assign reviewers."))
    if not is_reviewer(reviewer):
        raise SubmissionError(_("This member is not in the Reviewers group."))
    if has_conflict(reviewer, submission):
        raise SubmissionError(_("This reviewer has a conflict of interest with this "
                                "submission."))
    assignment, _created = ReviewerAssignment.objects.get_or_create(
        call_id=submission.call_id, submission=submission, reviewer=reviewer)
    return assignment


@transaction.atomic
def assignments_balance(*, call: CallPage, reviewers, actor) -> int:
    """Give each submission up to `reviews_per_submission` reviewers, always picking the
    reviewer with the fewest assignments in the call who has no conflict."""
    if not is_call_editor(actor):
        raise SubmissionError(_("Only editors assign reviewers."))
    reviewers = [user for user in reviewers if is_reviewer(user)]
    load = dict(call.assignments.values("reviewer").annotate(n=Count("pk"))
                .values_list("reviewer", "n"))
    created = 0
    submissions = call.submissions.filter(
        status__in=[S.SUBMITTED, S.UNDER_REVIEW, S.CLARIFICATION]
    ).annotate(n=Count("assignments")).prefetch_related("coauthors", "assignments")
    for submission in submissions.order_by("n", "pk"):
        have = {assignment.reviewer_id for assignment in submission.assignments.all()}
        candidates = sorted((user for user in reviewers
                             if user.pk not in have and not has_conflict(user, submission)),
                            key=lambda user: (load.get(user.pk, 0), user.pk))
        for user in candidates[:max(0, call.reviews_per_submission - len(have))]:
            ReviewerAssignment.objects.create(call=call, submission=submission, reviewer=user)
            load[user.pk] = load.get(user.pk, 0) + 1
            created += 1
    return created


def weighted_score(values: dict, criteria) -> float | None:
    """0–100: the weighted mean of each criterion's value over its scale; None when a
    criterion has no value yet."""
    total_weight = sum(criterion.weight for criterion in criteria)
    if not criteria or not total_weight:
        return None
    total = 0.0
    for criterion in criteria:
        value = values.get(criterion.pk)
        if value is None:
            return None
        total += criterion.weight * value / criterion.scale
    return round(100 * total / total_weight, 4)


def aggregate(scores: list[float], method: str) -> tuple[float | None, float | None]:
    """(score, spread) of a submission's complete reviews."""
    if not scores:
        return None, None
    value = median(scores) if method == Aggregation.MEDIAN else mean(scores)
    return round(value, 4), round(max(scores) - min(scores), 4)


def submission_score_refresh(*, submission: Submission) -> None:
    scores = [score for score in submission.reviews.values_list("score", flat=True)
              if score is not None]
    value, spread = aggregate(scores, submission.call.aggregation)
    Submission.objects.filter(pk=submission.pk).update(
        expert_score=value, score_spread=spread, review_count=len(scores))


@transaction.atomic
def review_save(*, submission: Submission, reviewer, values: dict, comments: dict,
                private_note: str = "") -> Review:
    """values/comments: {criterion pk: value/comment}."""
    if not ReviewerAssignment.objects.filter(submission=submission, reviewer=reviewer).exists():
        raise SubmissionError(_("You are not assigned to this submission."))
    if has_conflict(reviewer, submission):
        raise SubmissionError(_("You have a conflict of interest with this submission."))
    if submission.status not in (S.SUBMITTED, S.UNDER_REVIEW, S.CLARIFICATION):
        raise SubmissionError(_("This submission is not in review."))
    criteria = list(submission.call.criteria.all())
    for criterion in criteria:
        value = values.get(criterion.pk)
        if value is not None and not 0 <= value <= criterion.scale:
            raise SubmissionError(_("“%(name)s” is scored from 0 to %(scale)d.")
                                  % {"name": criterion.name, "scale": criterion.scale})
    review, _created = Review.objects.get_or_create(submission=submission, reviewer=reviewer)
    review.private_note = private_note
    review.scores.all().delete()
    ReviewScore.objects.bulk_create([
        ReviewScore(review=review, criterion=criterion, value=values[criterion.pk],
                    comment=comments.get(criterion.pk, ""))
        for criterion in criteria if values.get(criterion.pk) is not None])
    review.score = weighted_score(values, criteria)
    review.save()
    submission_score_refresh(submission=submission)
    ranking_refresh_later(submission.call_id)
    return review


@transaction.atomic
def call_scores_recompute(*, call: CallPage) -> int:
    """After a criterion's weight or scale changed: every review and submission again."""
    criteria = list(CallCriterion.objects.filter(call=call))
    reviews = Review.objects.filter(submission__call=call).prefetch_related("scores")
    for review in reviews:
        values = {score.criterion_id: score.value for score in review.scores.all()}
        review.score = weighted_score(values, criteria)
        review.save(update_fields=["score"])
    count = 0
    for submission in call.submissions.select_related("call"):
        submission_score_refresh(submission=submission)
        count += 1
    call_ranking_rebuild(call=call)
    return count


@transaction.atomic
def submission_report(*, reporter, submission: Submission, reason: str, details: str = ""):
    """Send a submission's text to the shared moderators' queue; what was reported is kept
    with the report, as it read then."""
    from portal.members.moderation.services import ModerationError, report_create

    from .rules import can_report_submission

    if not can_report_submission(reporter, submission):
        raise SubmissionError(_("You cannot report this submission."))
    excerpt = "\n\n".join(part for part in (submission.title, submission.summary,
                                             submission.idea) if part)
    try:
        return report_create(reporter=reporter, member=submission.author, reason=reason,
                             details=details, target=submission, area="goodpractices",
                             excerpt=excerpt, url=submission.get_absolute_url())
    except ModerationError as error:
        raise SubmissionError(str(error)) from None


# Votes ---------------------------------------------------------------------------------


@transaction.atomic
def vote_cast(*, submission: Submission, voter) -> Vote:
    call = submission.call
    if not call.voting_open() or votes_frozen(call):
        raise SubmissionError(_("Voting is not open."))
    if not can_vote(voter):
        raise SubmissionError(_("Voting needs a verified e-mail address and an account that is "
                                "a few days old."))
    if submission.status != S.SHORTLISTED:
        raise SubmissionError(_("Only shortlisted submissions can receive votes."))
    if Vote.objects.filter(call=call, voter=voter).count() >= call.vote_budget:
        raise SubmissionError(_("You have used all your votes in this call; withdraw one to "
                                "vote for another."))
    try:
        with transaction.atomic():
            vote = Vote.objects.create(call=call, submission=submission, voter=voter)
    except IntegrityError:
        raise SubmissionError(_("You have already voted for this submission.")) from None
    Submission.objects.filter(pk=submission.pk).update(vote_count=submission.votes.count())
    ranking_refresh_later(call.pk)
    return vote


@transaction.atomic
def vote_withdraw(*, submission: Submission, voter) -> None:
    if not submission.call.voting_open() or votes_frozen(submission.call):
        raise SubmissionError(_("Voting is closed."))
    submission.votes.filter(voter=voter).delete()
    Submission.objects.filter(pk=submission.pk).update(vote_count=submission.votes.count())
    ranking_refresh_later(submission.call_id)


# Winners -------------------------------------------------------------------------------


@transaction.atomic
def winners_select(*, call: CallPage, winners, actor, departure_note: str = "") -> list:
    """Mark the chosen shortlisted submissions as winners (the rest of the shortlist is not
    retained) and record why the choice departs from the ranking, if it does."""
    from .selectors import call_ranking

    if not is_call_editor(actor):
        raise SubmissionError(_("Only editors select winners."))
    chosen = {submission.pk for submission in winners}
    call_ranking_rebuild(call=call)
    ranking = [row.submission.pk for row in call_ranking(call=call)]
    departs = set(ranking[:len(chosen)]) != chosen
    if departs and not departure_note.strip():
        raise SubmissionError(_("Your choice departs from the ranking: say why."))
    for submission in call.submissions.filter(status=S.SHORTLISTED):
        target = S.WINNER if submission.pk in chosen else S.NOT_RETAINED
        submission_transition(submission=submission, actor=actor, to_status=target,
                              note=departure_note if departs else "")
    CallPage.objects.filter(pk=call.pk).update(departure_note=departure_note.strip())
    for submission in call.submissions.filter(pk__in=chosen, practice__isnull=True):
        practice_from_submission(submission=submission)
    return sorted(chosen)


def practice_from_submission(*, submission: Submission):
    """A winner becomes a public practice in the repository; its team (author and confirmed
    co-authors) posts progress, editors complete the action plan in the admin."""
    from django.utils.text import slugify

    from .models import PracticeIndexPage, PracticePage, PracticePartner

    index = PracticeIndexPage.objects.first()
    if index is None:
        return None
    call = submission.call
    slug = slugify(submission.title)[:60] or "practice"
    if PracticePage.objects.filter(slug=slug).exists():
        slug = f"{slug}-{submission.pk}"
    page = PracticePage(title=submission.title, slug=slug, summary=submission.summary[:800],
                        year=(call.deadline_at or timezone.now()).year, call=call,
                        submission=submission)
    page.countries = list(submission.partner_countries.all())
    page.themes = list(call.themes.all())
    page.partners = [PracticePartner(name=line.strip()[:200]) for line in
                     submission.partner_organisations.splitlines() if line.strip()]
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


@transaction.atomic
def progress_update_create(*, practice, author, text: str, language: str | None = None):
    from .models import ProgressUpdate
    from .selectors import practice_team_ids

    ensure_can_post(author)
    if author.pk not in practice_team_ids(practice):
        raise SubmissionError(_("Only the practice's team posts progress."))
    return ProgressUpdate.objects.create(practice=practice, author=author, text=text,
                                         language=written_language(language))


# The call's dates ----------------------------------------------------------------------


def _step_take(call: CallPage, step: str, now) -> bool:
    """Record that `step` was taken for `call`; False when it already was (by an earlier
    run or by a runner at the same moment)."""
    from .models import CallStep

    return create_once(CallStep, call=call, step=step, done_at=now)


def _review_recipients(call: CallPage) -> list:
    """The editors, and the call's assigned reviewers (every reviewer when nobody is
    assigned yet)."""
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    from .rules import REVIEWERS_GROUP

    assigned = call.assignments.values("reviewer_id")
    reviewers = Q(pk__in=assigned) if call.assignments.exists() \
        else Q(groups__name=REVIEWERS_GROUP)
    return list(get_user_model().objects.filter(is_active=True).filter(
        Q(groups__name="Editors") | Q(is_superuser=True) | reviewers).distinct().order_by("pk"))


def call_deadline_pass(*, call: CallPage, now) -> int:
    """After the deadline, submitted entries go under review (entries that come back to
    "submitted" from a clarification later are moved by the next run). The editors and
    reviewers hear of it once."""
    from django.urls import reverse

    moved = 0
    for submission in call.submissions.filter(status=S.SUBMITTED).order_by("pk"):
        try:
            with transaction.atomic():
                _move(submission, actor=None, to_status=S.UNDER_REVIEW,
                      from_statuses={S.SUBMITTED}, action="deadline_passed", rerank=False)
        except SubmissionError:
            continue  # another runner or an editor moved it first
        moved += 1
    if moved:
        ranking_refresh_later(call.pk)
    if _step_take(call, "review_opened", now):
        for user in _review_recipients(call):
            url = reverse("goodpractices:ranking", kwargs={"slug": call.slug}) \
                if is_call_editor(user) else reverse("goodpractices:review_list")
            notify(recipient=user, verb="goodpractices.review_open", target=call, url=url,
                   title=call.title)
    return moved


def call_votes_freeze(*, call: CallPage, now) -> bool:
    """When voting closes, each submission's total is counted one last time and kept: later
    changes (an account erased, say) no longer move it."""
    if not _step_take(call, "votes_frozen", now):
        return False
    totals = dict(Vote.objects.filter(call=call).values("submission")
                  .annotate(n=Count("pk")).values_list("submission", "n"))
    for submission in call.submissions.only("pk", "vote_count"):
        total = totals.get(submission.pk, 0)
        if submission.vote_count != total:
            Submission.objects.filter(pk=submission.pk).update(vote_count=total)
    ranking_refresh_later(call.pk)
    return True


def votes_frozen(call: CallPage) -> bool:
    return call.steps.filter(step="votes_frozen").exists()


def calls_advance(*, now=None) -> dict:
    """The periodic task: take every step whose date has passed, in UTC as the server
    reads its clock. Safe to run as often as wanted, and twice at once."""
    now = now or timezone.now()
    moved = frozen = 0
    # Submissions and votes belong to the original; its translations share its dates.
    calls = one_per_translation(CallPage.objects.all(), default_language())
    for call in calls.filter(deadline_at__lte=now).exclude(
            steps__step="review_opened").order_by("pk"):
        with transaction.atomic():
            moved += call_deadline_pass(call=call, now=now)
    # entries answered back to "submitted" after the step was taken
    for call in calls.filter(deadline_at__lte=now, submissions__status=S.SUBMITTED,
                                        steps__step="review_opened").distinct().order_by("pk"):
        with transaction.atomic():
            moved += call_deadline_pass(call=call, now=now)
    for call in calls.filter(voting_ends_at__lte=now).exclude(
            steps__step="votes_frozen").order_by("pk"):
        with transaction.atomic():
            frozen += call_votes_freeze(call=call, now=now)
    return {"moved": moved, "frozen": frozen}


# Translations --------------------------------------------------------------------------------

# What belongs to a call or a practice and not to a language: its translations take these
# from the original when either is published, so dates, rules and facets agree everywhere.
CALL_SHARED_FIELDS = (
    "regions", "submitters", "timezone", "opens_at", "deadline_at", "review_ends_at",
    "voting_starts_at", "voting_ends_at", "announcement_at", "expert_weight", "aggregation",
    "blind_review", "reviews_per_submission", "vote_budget", "hide_totals_until_close",
)
PRACTICE_SHARED_FIELDS = ("practice_type", "year", "call_id")


@transaction.atomic
def page_translations_sync(*, page) -> int:
    """Copy the shared fields and classification of an original call or practice onto its
    translations (their texts stay as translated). Returns how many were updated."""
    from .models import CallPage, PracticePage

    model = type(page)
    if model is CallPage:
        shared, relations = CALL_SHARED_FIELDS, ("themes", "countries")
    elif model is PracticePage:
        shared, relations = PRACTICE_SHARED_FIELDS, ("themes", "countries",
                                                     "related_resources")
    else:
        return 0
    translations = list(model.objects.filter(translation_key=page.translation_key)
                        .exclude(pk=page.pk).values_list("pk", flat=True))
    if not translations:
        return 0
    model.objects.filter(pk__in=translations).update(
        **{name: getattr(page, name) for name in shared})
    owner = f"{model._meta.model_name}_id"
    for name in relations:
        through = getattr(model, name).through
        column = next(field.attname for field in through._meta.concrete_fields
                      if field.is_relation and field.attname != owner)
        wanted = list(through.objects.filter(**{owner: page.pk}).values_list(column, flat=True))
        through.objects.filter(**{f"{owner}__in": translations}).delete()
        through.objects.bulk_create([through(**{owner: pk, column: value})
                                     for pk in translations for value in wanted])
    return len(translations)
