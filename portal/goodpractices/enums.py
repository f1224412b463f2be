from django.db import models
from django.utils.translation import gettext_lazy as _


class CallState(models.TextChoices):
    UPCOMING = "upcoming", _("Upcoming")
    OPEN = "open", _("Open for submissions")
    REVIEW = "review", _("In review")
    VOTING = "voting", _("Community vote")
    CLOSED = "closed", _("Awaiting results")
    RESULTS = "results", _("Results announced")


class SubmissionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    CLARIFICATION = "clarification", _("Clarification requested")
    UNDER_REVIEW = "under_review", _("Under review")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    NOT_RETAINED = "not_retained", _("Not retained")
    WINNER = "winner", _("Winner")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Aggregation(models.TextChoices):
    MEDIAN = "median", _("Median of the reviews")
    MEAN = "mean", _("Mean of the reviews")


class SubmitterRule(models.TextChoices):
    MEMBERS = "members", _("Any member, alone")
    TEAMS = "teams", _("Members, alone or in multi-country teams")


class PracticeType(models.TextChoices):
    PRIOR_LEARNING = "prior_learning", _("Recognition of prior learning")
    STANDARDS = "standards", _("Harmonised standards and certification")
    TRAINING = "training", _("Harmonised training programmes")
    PRE_DEPARTURE = "pre_departure", _("Pre-departure training")
    REINTEGRATION = "reintegration", _("Reintegration support")
    MATCHING = "matching", _("Skills matching")
    OTHER = "other", _("Other")


class MilestoneStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DELAYED = "delayed", _("Delayed")
