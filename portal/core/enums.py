from django.db import models
from django.utils.translation import gettext_lazy as _


def choice_label(choices: type[models.Choices], value) -> str:
    """The label of ``value`` among ``choices``, or the value itself when it is none of
    them. One lookup: a model's get_FOO_display() builds a dict of every choice at each
    call, hashing each lazily translated label, which shows where a hundred search hits
    are described at once."""
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)


class Region(models.TextChoices):
    WEST_AFRICA = "west", _("West Africa")
    CENTRAL_AFRICA = "central", _("Central Africa")
    EAST_AFRICA = "east", _("East Africa")
    SOUTHERN_AFRICA = "southern", _("Southern Africa")
    NORTH_AFRICA = "north", _("North Africa")
    OUTSIDE_AFRICA = "outside", _("Outside Africa")


class OrganisationType(models.TextChoices):
    GOVERNMENT = "government", _("Government")
    EMPLOYERS = "employers", _("Employers' organisation")
    WORKERS = "workers", _("Workers' organisation")
    TRAINING_PROVIDER = "training", _("Training provider")
    EMPLOYMENT_SERVICE = "employment_service", _("Employment service")
    NGO = "ngo", _("NGO / civil society organisation")
    ACADEMIA = "academia", _("Academia / research")
    INTERNATIONAL = "international", _("International organisation")
    DIASPORA = "diaspora", _("Diaspora association")
    PRIVATE = "private", _("Private company")
    OTHER = "other", _("Other")
