"""Calls for good practices (Wagtail pages), the submissions members send to them, their
reviews and community votes, and the practice repository with its action plans."""

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import BaseTranslatableField

from portal.core.enums import Region
from portal.core.i18n import TranslatedSitemapMixin, original_of
from portal.core.models import Country, Theme
from portal.core.validators import validate_timezone
from portal.resources.fields import MultipleChoiceCharField

from .admin_forms import CallAdminForm
from .enums import (
    Aggregation,
    CallState,
    MilestoneStatus,
    PracticeType,
    SubmissionStatus,
    SubmitterRule,
)
from .files import attachment_storage


class PracticeIndexPage(TranslatedSitemapMixin, Page):
    """/good-practices/: the repository of practices, with the calls below it."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["core.HomePage"]
    subpage_types = ["goodpractices.CallIndexPage", "goodpractices.PracticePage"]
    max_count = 1

    class Meta:
        verbose_name = _("good practices repository")

    def serve(self, request, *args, **kwargs):
        from .views import practice_index

        return practice_index(request, index_page=self)

    def serve_preview(self, request, mode_name):
        return self.serve(request)


class CallIndexPage(TranslatedSitemapMixin, Page):
    """/good-practices/calls/: every published call."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["goodpractices.PracticeIndexPage"]
    subpage_types = ["goodpractices.CallPage"]
    max_count = 1

    class Meta:
        verbose_name = _("calls for good practices")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        from .selectors import calls_listing

        context["calls"] = calls_listing()
        return context


class CallPage(TranslatedSitemapMixin, Page):
    introduction = RichTextField(_("introduction"))
    themes = ParentalManyToManyField(Theme, verbose_name=_("themes"), blank=True,
                                     related_name="+")
    countries = ParentalManyToManyField(Country, verbose_name=_("eligible countries"),
                                        blank=True, related_name="+")
    regions = MultipleChoiceCharField(_("eligible regions"), multiple_choices=Region.choices)
    submitters = models.CharField(_("who may submit"), max_length=10,
                                  choices=SubmitterRule.choices, default=SubmitterRule.TEAMS)
    timezone = models.CharField(_("time zone of the call"), max_length=64,
                                default="Africa/Abidjan", validators=[validate_timezone],
                                help_text=_("Dates below are typed and shown in this zone."))
    opens_at = models.DateTimeField(_("opens"), null=True)
    deadline_at = models.DateTimeField(_("submission deadline"), null=True)
    review_ends_at = models.DateTimeField(_("review ends"), null=True)
    voting_starts_at = models.DateTimeField(_("voting starts"), null=True)
    voting_ends_at = models.DateTimeField(_("voting ends"), null=True)
    announcement_at = models.DateTimeField(_("results announced"), null=True)
    expert_weight = models.PositiveSmallIntegerField(
        _("weight of the expert score (%)"), default=70,
        validators=[MaxValueValidator(100)],
        help_text=_("The community vote weighs the rest."))
    aggregation = models.CharField(_("score of a submission"), max_length=10,
                                   choices=Aggregation.choices, default=Aggregation.MEDIAN)
    blind_review = models.BooleanField(
        _("blind review"), default=True,
        help_text=_("Reviewers do not see authors, co-authors or organisations."))
    reviews_per_submission = models.PositiveSmallIntegerField(
        _("reviews per submission"), default=3, validators=[MinValueValidator(1)])
    vote_budget = models.PositiveSmallIntegerField(
        _("votes per member"), default=3, validators=[MinValueValidator(1)])
    hide_totals_until_close = models.BooleanField(_("hide vote totals until voting closes"),
                                                  default=True)
    departure_note = models.TextField(
        _("why the selection departs from the ranking"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        MultiFieldPanel([
            FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
            FieldPanel("countries", widget=forms.CheckboxSelectMultiple),
            FieldPanel("regions"),
            FieldPanel("submitters"),
        ], heading=_("Scope and eligibility")),
        MultiFieldPanel([
            FieldPanel("timezone"),
            FieldRowPanel([FieldPanel("local_opens"), FieldPanel("local_deadline")]),
            FieldRowPanel([FieldPanel("local_review_ends"), FieldPanel("local_voting_starts")]),
            FieldRowPanel([FieldPanel("local_voting_ends"), FieldPanel("local_announcement")]),
        ], heading=_("Dates")),
        InlinePanel("criteria", heading=_("Criteria"), label=_("criterion"), min_num=1),
        MultiFieldPanel([
            FieldPanel("blind_review"), FieldPanel("reviews_per_submission"),
            FieldPanel("aggregation"), FieldPanel("expert_weight"),
            FieldPanel("vote_budget"), FieldPanel("hide_totals_until_close"),
        ], heading=_("Review and vote")),
    ]
    base_form_class = CallAdminForm
    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    parent_page_types = ["goodpractices.CallIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("call for good practices")
        verbose_name_plural = _("calls for good practices")

    def state(self, now=None) -> str:
        now = now or timezone.now()
        if self.opens_at is None or now < self.opens_at:
            return CallState.UPCOMING
        if self.deadline_at is None or now < self.deadline_at:
            return CallState.OPEN
        if self.voting_starts_at is None or now < self.voting_starts_at:
            return CallState.REVIEW
        if self.voting_ends_at is None or now < self.voting_ends_at:
            return CallState.VOTING
        if self.announcement_at is None or now < self.announcement_at:
            return CallState.CLOSED
        return CallState.RESULTS

    def accepts_submissions(self, now=None) -> bool:
        return self.state(now) == CallState.OPEN

    def voting_open(self, now=None) -> bool:
        return self.state(now) == CallState.VOTING

    def get_context(self, request, *args, **kwargs):
        from .selectors import call_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(call_page_context(call=self, user=request.user))
        return context


class CallStep(models.Model):
    """A step the periodic task took on its own at one of the call's dates (the deadline
    passed, voting closed). One row per call and step: taking a step twice, or from two
    runners at once, does nothing the second time."""

    REVIEW_OPENED = "review_opened"
    VOTES_FROZEN = "votes_frozen"
    STEPS = [(REVIEW_OPENED, _("Submissions moved to review")),
             (VOTES_FROZEN, _("Vote totals frozen"))]

    call = models.ForeignKey(CallPage, on_delete=models.CASCADE, related_name="steps")
    step = models.CharField(max_length=20, choices=STEPS)
    done_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["call", "step"], name="gp_call_step_once")]

    def __str__(self) -> str:
        return f"{self.call_id}:{self.step}"


class CallCriterion(Orderable):
    call = ParentalKey(CallPage, related_name="criteria", on_delete=models.CASCADE)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    weight = models.PositiveSmallIntegerField(_("weight"), default=1,
                                              validators=[MinValueValidator(1)])
    scale = models.PositiveSmallIntegerField(_("scale (highest score)"), default=5,
                                             validators=[MinValueValidator(1),
                                                         MaxValueValidator(100)])

    panels = [FieldPanel("name"), FieldPanel("description"),
              FieldRowPanel([FieldPanel("weight"), FieldPanel("scale")])]

    class Meta(Orderable.Meta):
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")

    def __str__(self) -> str:
        return self.name


class Submission(models.Model):
    call = models.ForeignKey(CallPage, verbose_name=_("call"), on_delete=models.CASCADE,
                             related_name="submissions")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("author"), null=True,
                               on_delete=models.SET_NULL, related_name="gp_submissions")
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=1000)
    idea = models.TextField(_("the practice or partnership idea"), max_length=10000,
                            help_text=_("Markdown: **bold**, *italic*, lists."))
    partner_countries = models.ManyToManyField(Country, verbose_name=_("partner countries"),
                                               blank=True, related_name="+")
    partner_organisations = models.TextField(_("partner organisations"), blank=True,
                                             max_length=2000, help_text=_("One per line."))
    target_groups = models.TextField(_("target groups"), blank=True, max_length=2000)
    sectors = models.CharField(_("sectors"), max_length=300, blank=True)
    expected_results = models.TextField(_("expected results"), blank=True, max_length=4000)
    resources_needed = models.TextField(_("resources needed"), blank=True, max_length=4000)
    status = models.CharField(_("status"), max_length=20, choices=SubmissionStatus.choices,
                              default=SubmissionStatus.DRAFT, db_index=True)
    language = models.CharField(_("language"), max_length=12, blank=True,
                                help_text=_("The language it was written in, as the site was shown to its author."))
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    expert_score = models.FloatField(_("expert score"), null=True, blank=True)
    score_spread = models.FloatField(_("spread of the reviews"), null=True, blank=True)
    review_count = models.PositiveSmallIntegerField(default=0)
    vote_count = models.PositiveIntegerField(default=0)
    # Kept by services.call_ranking_rebuild (a task queued whenever a review, a vote, a
    # status or the call's weights change): pages read them and compute nothing.
    final_score = models.FloatField(_("final score"), null=True, blank=True)
    rank = models.PositiveIntegerField(_("rank"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("goodpractices:submission", kwargs={"pk": self.pk})


class SubmissionCoAuthor(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE,
                                   related_name="coauthors")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="gp_coauthorships")
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["submission", "user"],
                                               name="gp_coauthor_once")]

    def __str__(self) -> str:
        return str(self.user_id)


def attachment_path(instance, filename):
    return f"goodpractices/{instance.submission_id}/{filename}"


class SubmissionAttachment(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE,
                                   related_name="attachments")
    file = models.FileField(upload_to=attachment_path, storage=attachment_storage)
    name = models.CharField(max_length=200)
    size = models.PositiveIntegerField()
    kind = models.CharField(max_length=10)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return str(self.name)


class SubmissionEvent(models.Model):
    """Every change of a submission: who, when, from which state to which."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                              related_name="+")
    action = models.CharField(max_length=40)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    note = models.TextField(blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return str(self.action)


class Clarification(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE,
                                   related_name="clarifications")
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                 related_name="+")
    question = models.TextField(_("question"), max_length=4000)
    answer = models.TextField(_("answer"), max_length=4000, blank=True)
    language = models.CharField(_("language of the question"), max_length=12, blank=True)
    answer_language = models.CharField(_("language of the answer"), max_length=12,
                                       blank=True)
    previous_status = models.CharField(max_length=20)
    asked_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["asked_at", "pk"]

    def __str__(self) -> str:
        return str(self.question)


class ReviewerAssignment(models.Model):
    call = models.ForeignKey(CallPage, on_delete=models.CASCADE, related_name="assignments")
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE,
                                   related_name="assignments")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                 related_name="gp_assignments")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["submission", "reviewer"],
                                               name="gp_assignment_once")]

    def __str__(self) -> str:
        return str(self.reviewer_id)


class Review(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                 on_delete=models.SET_NULL, related_name="gp_reviews")
    score = models.FloatField(null=True, help_text="Weighted score on a 0–100 scale.")
    private_note = models.TextField(_("private note for the editors"), blank=True,
                                    max_length=4000)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["submission", "reviewer"],
                                               name="gp_review_once")]

    def __str__(self) -> str:
        return str(self.score)


class ReviewScore(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(CallCriterion, on_delete=models.CASCADE, related_name="+")
    value = models.PositiveSmallIntegerField()
    comment = models.TextField(blank=True, max_length=4000)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["review", "criterion"],
                                               name="gp_score_once")]

    def __str__(self) -> str:
        return str(self.value)


class Vote(models.Model):
    call = models.ForeignKey(CallPage, on_delete=models.CASCADE, related_name="votes")
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="votes")
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                              related_name="gp_votes")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["submission", "voter"],
                                               name="gp_vote_once")]

    def __str__(self) -> str:
        return str(self.voter_id)


class PracticePage(TranslatedSitemapMixin, Page):
    """A practice in the repository: a call's winner or one an editor adds, with its
    action plan."""

    summary = models.TextField(_("summary"), max_length=800)
    description = RichTextField(_("description"), blank=True)
    practice_type = models.CharField(_("type of practice"), max_length=20,
                                     choices=PracticeType.choices, default=PracticeType.OTHER,
                                     db_index=True)
    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    themes = ParentalManyToManyField(Theme, verbose_name=_("themes"), blank=True,
                                     related_name="+")
    countries = ParentalManyToManyField(Country, verbose_name=_("countries"), blank=True,
                                        related_name="+")
    call = models.ForeignKey(CallPage, verbose_name=_("call"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="practices")
    submission = models.OneToOneField(Submission, null=True, blank=True,
                                      on_delete=models.SET_NULL, related_name="practice")
    goals = RichTextField(_("goals of the action plan"), blank=True,
                          features=["bold", "italic", "ul", "ol"])
    related_resources = ParentalManyToManyField("resources.ResourcePage", blank=True,
                                                verbose_name=_("related resources"),
                                                related_name="+")

    content_panels = [
        *Page.content_panels, FieldPanel("summary"), FieldPanel("description"),
        MultiFieldPanel([
            FieldRowPanel([FieldPanel("practice_type"), FieldPanel("year")]),
            FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
            FieldPanel("countries", widget=forms.CheckboxSelectMultiple),
            FieldPanel("call"), FieldPanel("related_resources"),
        ], heading=_("Classification")),
        FieldPanel("goals"),
        InlinePanel("partners", heading=_("Partners"), label=_("partner")),
        InlinePanel("milestones", heading=_("Milestones"), label=_("milestone")),
        InlinePanel("team", heading=_("Team (may post progress)"), label=_("team member")),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"),
                     index.SearchField("description")]
    # The submission a practice came from belongs to the original only (it is one to one).
    exclude_fields_in_copy = ["submission"]
    override_translatable_fields = [BaseTranslatableField("submission")]
    parent_page_types = ["goodpractices.PracticeIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")

    def get_context(self, request, *args, **kwargs):
        from .rules import is_member
        from .selectors import practice_team_ids

        context = super().get_context(request, *args, **kwargs)
        # Progress, the team and the submission belong to the original practice. The
        # updates are read only when the page's kept fragment is missing.
        context["updates"] = SimpleLazyObject(lambda: list(
            original_of(self).updates.select_related("author__profile")[:50]))
        user = request.user
        context["can_post_progress"] = is_member(user) and user.pk in practice_team_ids(
            original_of(self))
        return context


class _InPracticeLanguage(TranslatableMixin, Orderable):
    """A row of a practice's action plan, in its practice's language: translated with the
    page by the translation workflow (copies for a translation take its locale)."""

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        abstract = True

    def save(self, *args, **kwargs):
        practice = self.practice if self.practice_id else None
        if practice is not None and practice.locale_id and self.locale_id != practice.locale_id:
            self.locale_id = practice.locale_id
        super().save(*args, **kwargs)


class PracticePartner(_InPracticeLanguage):
    practice = ParentalKey(PracticePage, related_name="partners", on_delete=models.CASCADE)
    name = models.CharField(_("partner"), max_length=200)
    country = models.ForeignKey(Country, verbose_name=_("country"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    role = models.CharField(_("role"), max_length=300, blank=True)

    class Meta(_InPracticeLanguage.Meta):
        pass


class Milestone(_InPracticeLanguage):
    practice = ParentalKey(PracticePage, related_name="milestones", on_delete=models.CASCADE)
    title = models.CharField(_("milestone"), max_length=200)
    due_date = models.DateField(_("due date"))
    status = models.CharField(_("status"), max_length=12, choices=MilestoneStatus.choices,
                              default=MilestoneStatus.PLANNED)

    class Meta(_InPracticeLanguage.Meta):
        pass


class PracticeTeamMember(Orderable):
    practice = ParentalKey(PracticePage, related_name="team", on_delete=models.CASCADE)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("member"),
                             on_delete=models.CASCADE, related_name="+")


class ProgressUpdate(models.Model):
    practice = models.ForeignKey(PracticePage, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                               related_name="+")
    text = models.TextField(_("progress update"), max_length=4000)
    language = models.CharField(_("language"), max_length=12, blank=True,
                                help_text=_("The language it was written in, as the site was shown to its author."))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return str(self.text)
