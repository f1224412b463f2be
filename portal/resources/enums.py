from django.db import models
from django.utils.translation import gettext_lazy as _


class ResourceType(models.TextChoices):
    REPORT = "report", _("Report")
    POLICY_BRIEF = "policy_brief", _("Policy brief")
    COUNTRY_STUDY = "country_study", _("Country study")
    TOOLKIT = "toolkit", _("Toolkit")
    TRAINING = "training", _("Training material")
    PRESENTATION = "presentation", _("Presentation")
    RECORDING = "recording", _("Recording")
    NEWS = "news", _("News")
    OTHER = "other", _("Other")


class Access(models.TextChoices):
    PUBLIC = "public", _("Public")
    MEMBERS = "members", _("Members only")


class SortOrder(models.TextChoices):
    NEWEST = "newest", _("Newest first")
    TITLE = "title", _("Title (A to Z)")
    DOWNLOADS = "downloads", _("Most downloaded")


class CalloutTone(models.TextChoices):
    INFO = "info", _("Information")
    KEY = "key", _("Key message")
    WARNING = "warning", _("Caution")
