from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from portal.core.enums import OrganisationType
from portal.core.models import Country, Language, Theme
from portal.core.validators import validate_timezone

from .enums import Visibility


def avatar_path(profile: "Profile", filename: str) -> str:
    return f"avatars/{profile.user_id}.jpg"


class Profile(index.Indexed, models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="profile")
    display_name = models.CharField(_("display name"), max_length=120, blank=True)
    photo = models.ImageField(_("photo"), upload_to=avatar_path, blank=True)
    job_title = models.CharField(_("job title"), max_length=160, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    organisation_type = models.CharField(_("type of organisation"), max_length=32,
                                         choices=OrganisationType.choices, blank=True)
    country = models.ForeignKey(Country, verbose_name=_("country"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    themes = models.ManyToManyField(Theme, verbose_name=_("areas of expertise"), blank=True,
                                    related_name="+")
    languages = models.ManyToManyField(Language, verbose_name=_("languages spoken"), blank=True,
                                       related_name="+")
    bio = models.TextField(_("short bio"), max_length=2000, blank=True,
                           help_text=_("Markdown: **bold**, *italic*, [links](https://…), lists."))
    timezone = models.CharField(_("time zone"), max_length=64, blank=True,
                                validators=[validate_timezone],
                                help_text=_("Webinar times are shown in this zone. Leave empty "
                                            "to use your browser's zone."))
    visibility = models.CharField(_("profile visibility"), max_length=10,
                                  choices=Visibility.choices, default=Visibility.MEMBERS)
    language = models.CharField(_("language of e-mails"), max_length=8,
                                choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE)
    allow_messages_from_all = models.BooleanField(
        _("members I am not connected with may message me"), default=False)
    suspended_until = models.DateTimeField(_("suspended until"), null=True, blank=True)
    silenced_until = models.DateTimeField(
        _("silenced until"), null=True, blank=True,
        help_text=_("A silenced member reads the forum but cannot post, reply or react."))
    email_webinar_announcements = models.BooleanField(_("announcements of new webinars"),
                                                      default=True)
    email_community_digest = models.BooleanField(_("a weekly digest of community activity"),
                                                 default=False)
    email_forum_replies = models.BooleanField(_("replies to my forum posts"), default=True)
    completed_at = models.DateTimeField(_("profile completed"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    search_fields = [
        index.SearchField("display_name", boost=3),
        index.SearchField("organisation", boost=2),
        index.SearchField("job_title"),
        index.SearchField("bio"),
        index.RelatedFields("country", [index.SearchField("name"), index.SearchField("name_fr")]),
        index.RelatedFields("themes", [index.SearchField("name"), index.SearchField("name_fr")]),
        index.AutocompleteField("display_name"),
        index.AutocompleteField("organisation"),
        index.FilterField("visibility"),
    ]

    class Meta:
        verbose_name = _("member profile")
        verbose_name_plural = _("member profiles")
        ordering = ["display_name"]
        indexes = [
            # The directory's order: its first page is read in order, not sorted from
            # every profile.
            models.Index(fields=["display_name", "id"], name="members_profile_by_name"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("members:detail", kwargs={"pk": self.pk})

    @property
    def name(self) -> str:
        return self.display_name or self.user.get_full_name() or _("Member")

    @property
    def is_complete(self) -> bool:
        return bool(self.display_name and self.organisation and self.country_id)


# The notification centre and the network keep their models beside their services.
from .messaging.models import Conversation, Message, Participant  # noqa: E402,F401
from .moderation.models import Report, ReportReason, ReportStatus  # noqa: E402,F401
from .network.models import Block, Connection, ConnectionStatus, Follow  # noqa: E402,F401
from .notifications.models import (  # noqa: E402,F401
    Notification,
    NotificationInbox,
    NotificationPreference,
)
