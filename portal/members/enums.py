from django.db import models
from django.utils.translation import gettext_lazy as _


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public: anyone can see my profile")
    MEMBERS = "members", _("Members only: signed-in members can see my profile")
    HIDDEN = "hidden", _("Hidden: only I can see my profile")
