"""Webinar series, webinars and their agenda, speakers, materials and registrations.

A webinar is edited in the Wagtail admin with drafts, revisions, previews and scheduled
publishing; only its published (live) version is read by the public pages. Times are
stored in UTC; each webinar names the IANA zone its programme is written in.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.timezone import now
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.fields import RichTextField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    PreviewableMixin,
    RevisionMixin,
    TranslatableMixin,
)
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin
from wagtail_localize.fields import SynchronizedField

from portal.core.enums import OrganisationType
from portal.core.models import Country, Language, Theme
from portal.core.timezones import in_zone, timezone_choices
from portal.core.validators import validate_timezone

from .enums import (
    ACTIVE_STATUSES,
    AttendanceSource,
    MaterialKind,
    MessageAudience,
    Platform,
    QuestionKind,
    RegistrationStatus,
)
from .validators import (
    parse_reminder_schedule,
    split_list,
    validate_link,
    validate_not_reserved_slug,
    validate_reminder_schedule,
    validate_zone_list,
)

RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


def new_token() -> str:
    return secrets.token_urlsafe(32)


class WebinarSeries(TranslatableMixin, index.Indexed, ClusterableModel):
    """A series; its translations share its slug (the address under each language prefix)."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200)
    description = RichTextField(_("description"), blank=True, features=RICH_TEXT_FEATURES)
    themes = ParentalManyToManyField(Theme, verbose_name=_("themes"), blank=True,
                                     related_name="webinar_series")
    image = models.ForeignKey("wagtailimages.Image", verbose_name=_("image"), null=True,
                              blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    search_fields = [index.SearchField("title", boost=2), index.AutocompleteField("title"),
                     index.SearchField("description"), index.FilterField("locale")]
    override_translatable_fields = [SynchronizedField("slug")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["title"]
        verbose_name = _("webinar series")
        verbose_name_plural = _("webinar series")
        constraints = [models.UniqueConstraint(fields=["slug", "locale"],
                                               name="webinars_series_slug_per_locale")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        """In the active language: slugs are shared, so /fr/… shows the French version
        when there is one, else this one with a note."""
        return reverse("webinars:series", kwargs={"slug": self.slug})

    def get_search_language(self) -> str:
        from portal.core.i18n import object_language

        return object_language(self)


class SeriesPartner(Orderable):
    series = ParentalKey(WebinarSeries, on_delete=models.CASCADE, related_name="partners")
    name = models.CharField(_("organisation"), max_length=200)
    logo = models.ForeignKey("wagtailimages.Image", verbose_name=_("logo"), null=True,
                             blank=True, on_delete=models.SET_NULL, related_name="+")
    url = models.URLField(_("website"), blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("partner organisation")

    def __str__(self) -> str:
        return self.name


class Speaker(TranslatableMixin, index.Indexed, models.Model):
    """A speaker; the job title and bio are translatable, the rest is the person's."""

    name = models.CharField(_("name"), max_length=160)
    title = models.CharField(_("job title"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    country = models.ForeignKey(Country, verbose_name=_("country"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    photo = models.ForeignKey("wagtailimages.Image", verbose_name=_("photo"), null=True,
                              blank=True, on_delete=models.SET_NULL, related_name="+")
    bio = models.TextField(_("short bio"), blank=True,
                           help_text=_("Markdown: **bold**, *italic*, [links](https://…)."))
    member = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("member account"),
                               null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="speaker_profiles",
                               help_text=_("Link the speaker to a member of the community."))

    search_fields = [index.SearchField("name", boost=2), index.AutocompleteField("name"),
                     index.SearchField("organisation"), index.SearchField("title")]
    override_translatable_fields = [SynchronizedField("name"),
                                    SynchronizedField("organisation")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name", "pk"]
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})" if self.organisation else self.name

    @property
    def affiliation(self) -> str:
        return ", ".join(part for part in (self.title, self.organisation) if part)


#: The longest a webinar lasts: the form refuses more, and the database holds no more
#: (a constraint), which the coming list's start bound relies on.
LONGEST_WEBINAR_MINUTES = 24 * 60
LONGEST_WEBINAR = timedelta(minutes=LONGEST_WEBINAR_MINUTES)


class WebinarQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def live(self):
        return self.filter(live=True)

    def visible_to(self, user):
        from portal.members.rules import is_member

        webinars = self.live()
        if not is_member(user):
            webinars = webinars.filter(is_members_only=False)
        return webinars

    # Each also bounds the start, which follows from the end: the list is then read along
    # the start index from the present, where without it SQLite read every past webinar
    # before the first coming one (and every coming one before the last past one).
    def upcoming(self, at=None):
        at = at or now()
        return self.filter(end_at__gte=at, start__gte=at - LONGEST_WEBINAR).order_by(
            "start", "pk")

    def past(self, at=None):
        at = at or now()
        return self.filter(end_at__lt=at, start__lt=at).order_by("-start", "-pk")


class Webinar(TranslatableMixin, DraftStateMixin, LockableMixin, RevisionMixin, PreviewableMixin,
              index.Indexed, ClusterableModel):
    """A webinar in one language. Its translations share its slug; times, capacity and
    registrations belong to the original (the version in the default language), so both
    versions have one registration list (see `portal.core.i18n.original_of`)."""

    title = models.CharField(_("title"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=255,
                            validators=[validate_not_reserved_slug],
                            help_text=_("The last part of the address: /webinars/<slug>/"))
    series = models.ForeignKey(WebinarSeries, verbose_name=_("series"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="webinars")
    summary = models.TextField(_("summary"), max_length=600,
                               help_text=_("One or two sentences, shown in listings, e-mails "
                                           "and calendars."))
    introduction = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES,
                                 help_text=_("The concept note: background and the questions "
                                             "the webinar takes up."))
    objectives = RichTextField(_("objectives"), blank=True, features=RICH_TEXT_FEATURES)
    expected_outcomes = RichTextField(_("expected outcomes"), blank=True,
                                      features=RICH_TEXT_FEATURES)
    themes = ParentalManyToManyField(Theme, verbose_name=_("themes"), blank=True,
                                     related_name="webinars")
    countries = ParentalManyToManyField(Country, verbose_name=_("countries"), blank=True,
                                        related_name="webinars")
    language = models.ForeignKey(Language, verbose_name=_("language"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="webinars")
    image = models.ForeignKey("wagtailimages.Image", verbose_name=_("image"), null=True,
                              blank=True, on_delete=models.SET_NULL, related_name="+")

    start = models.DateTimeField(_("start"), db_index=True)
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), default=60,
        validators=[MinValueValidator(5), MaxValueValidator(LONGEST_WEBINAR_MINUTES)])
    end_at = models.DateTimeField(_("end"), editable=False, db_index=True,
                                  help_text=_("Start plus duration, kept for queries."))
    timezone = models.CharField(_("time zone of the event"), max_length=64,
                                choices=timezone_choices, default="Africa/Johannesburg",
                                validators=[validate_timezone],
                                help_text=_("The zone the programme is written in; the start "
                                            "and registration times are typed in this zone."))
    display_timezones = models.CharField(
        _("also show times in"), max_length=300, blank=True, validators=[validate_zone_list],
        help_text=_("Other zones to show side by side, separated by commas, e.g. "
                    "“Africa/Nairobi, Africa/Lagos”."))

    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, validators=[MinValueValidator(1)],
        help_text=_("Leave empty for unlimited places. When full, people join a waiting list."))
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True,
                                                  blank=True)
    is_members_only = models.BooleanField(
        _("members only"), default=False,
        help_text=_("Only logged-in members see and can register for this webinar."))

    platform = models.CharField(_("meeting platform"), max_length=20, choices=Platform.choices,
                                default=Platform.ZOOM)
    join_url = models.URLField(_("join link"), max_length=500, blank=True,
                               help_text=_("Kept private: registrants reach it through their "
                                           "personal link shortly before the start."))
    join_details = models.TextField(_("joining details"), blank=True,
                                    help_text=_("Meeting ID, passcode, dial-in numbers. Private, "
                                                "like the join link."))
    reminder_schedule = models.CharField(
        _("reminders"), max_length=100, blank=True, default="24h, 1h",
        validators=[validate_reminder_schedule],
        help_text=_("When reminders go out before the start, e.g. “24h, 1h”. Empty: none."))

    recording_url = models.URLField(_("recording"), max_length=500, blank=True)
    discussion_url = models.CharField(_("discussion link"), max_length=500, blank=True,
                                      validators=[validate_link],
                                      help_text=_("Where participants continue the discussion, "
                                                  "e.g. a forum topic."))
    is_cancelled = models.BooleanField(_("cancelled"), default=False)
    cancellation_note = models.TextField(_("cancellation note"), blank=True,
                                         help_text=_("Sent to registrants when you publish the "
                                                     "cancellation."))

    # Kept by the services, never by an editor: preserved when a revision is published.
    sequence = models.PositiveIntegerField(default=0, editable=False)
    calendar_state = models.JSONField(default=dict, blank=True, editable=False)
    cancellation_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    SERVICE_FIELDS = ("sequence", "calendar_state", "cancellation_notified_at")

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = WebinarQuerySet.as_manager()

    search_fields = [
        index.SearchField("title", boost=3),
        index.AutocompleteField("title"),
        index.SearchField("summary", boost=2),
        index.SearchField("introduction"),
        index.SearchField("objectives"),
        index.SearchField("expected_outcomes"),
        index.SearchField("programme_text"),
        index.RelatedFields("themes", [index.SearchField("name"), index.SearchField("name_fr")]),
        index.RelatedFields("countries", [index.SearchField("name"),
                                          index.SearchField("name_fr")]),
        index.RelatedFields("series", [index.SearchField("title")]),
        index.FilterField("live"),
        index.FilterField("is_members_only"),
        index.FilterField("is_cancelled"),
        index.FilterField("start"),
        index.FilterField("language"),
        index.FilterField("series"),
        index.FilterField("locale"),
    ]
    # What is the webinar's and not a language's stays in step with the original.
    override_translatable_fields = [
        SynchronizedField("slug"), SynchronizedField("join_details"),
        SynchronizedField("reminder_schedule"), SynchronizedField("display_timezones"),
        SynchronizedField("discussion_url"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["-start", "-pk"]
        verbose_name = _("webinar")
        verbose_name_plural = _("webinars")
        indexes = [models.Index(fields=["live", "start"], name="webinars_live_start")]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"],
                                    name="webinars_webinar_slug_per_locale"),
            models.CheckConstraint(condition=Q(duration_minutes__lte=LONGEST_WEBINAR_MINUTES),
                                   name="webinars_webinar_at_most_a_day"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        """In the active language: slugs are shared, so /fr/… shows the French version
        when there is one, else this one with a note."""
        return reverse("webinars:detail", kwargs={"slug": self.slug})

    def get_search_language(self) -> str:
        """The language of the text (its locale), not the language spoken at the event."""
        from portal.core.i18n import object_language

        return object_language(self)

    def save(self, *args, **kwargs):
        if self.start is not None:
            self.end_at = self.end
            update_fields = kwargs.get("update_fields")
            if update_fields is not None and {"start", "duration_minutes"} & set(update_fields):
                kwargs["update_fields"] = {*update_fields, "end_at"}
        super().save(*args, **kwargs)

    # Revisions -------------------------------------------------------------------------

    def with_content_json(self, content):
        """Publishing an older draft must not roll back what the services keep."""
        obj = super().with_content_json(content)
        for name in (*self.SERVICE_FIELDS, "translation_key", "locale_id"):
            setattr(obj, name, getattr(self, name))
        return obj

    def get_preview_template(self, request, mode_name):
        return "webinars/webinar_detail.html"

    def get_preview_context(self, request, mode_name):
        from .selectors import webinar_detail_context  # selectors import models

        context = super().get_preview_context(request, mode_name)
        context.update(webinar_detail_context(webinar=self, request=request, preview=True))
        return context

    # Derived values ----------------------------------------------------------------------

    @property
    def end(self):
        return self.start + timedelta(minutes=self.duration_minutes)

    @property
    def display_zone_names(self) -> list[str]:
        return [name for name in split_list(self.display_timezones) if name != self.timezone]

    @property
    def zone_names(self) -> list[str]:
        return [self.timezone, *self.display_zone_names]

    @property
    def local_start(self):
        return in_zone(self.start, self.timezone)

    @property
    def local_end(self):
        return in_zone(self.end, self.timezone)

    @property
    def reminder_minutes(self) -> list[int]:
        try:
            return parse_reminder_schedule(self.reminder_schedule)
        except ValueError:
            return []

    @property
    def is_unlimited(self) -> bool:
        return self.capacity is None

    @property
    def registration_closes(self):
        """Registration closes at the set time, else when the webinar ends."""
        return self.registration_closes_at or self.end

    @classmethod
    def get_indexed_objects(cls):
        return super().get_indexed_objects().prefetch_related(
            "sessions__moderator_links__speaker", "sessions__items__speaker_links__speaker")

    def programme_text(self) -> str:
        """The agenda as plain text for the search index: titles, topics, moderators and
        speakers with their affiliations, in one walk over the prefetched programme."""
        parts = []
        for session in self.sessions.all():
            parts += [session.title, session.description]
            parts += [link.speaker.name for link in session.moderator_links.all()]
            for item in session.items.all():
                parts += [item.title, item.description, item.sub_topics]
                for link in item.speaker_links.all():
                    parts += [link.speaker.name, link.speaker.affiliation]
        return "\n".join(dict.fromkeys(part for part in parts if part))

    def clean(self):
        super().clean()
        errors = []
        opens, closes = self.registration_opens_at, self.registration_closes_at
        if opens and closes and opens >= closes:
            errors.append(_("Registration must close after it opens."))
        if self.start and closes and closes > self.start + timedelta(
                minutes=self.duration_minutes or 0):
            errors.append(_("Registration cannot close after the webinar ends."))
        if errors:
            raise ValidationError(errors)


def _follow_parent_locale(child, parent) -> None:
    """A programme entry is in its webinar's language (copies for a translation too)."""
    if parent is not None and parent.locale_id and child.locale_id != parent.locale_id:
        child.locale_id = parent.locale_id


class AgendaSession(TranslatableMixin, Orderable, ClusterableModel):
    webinar = ParentalKey(Webinar, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("title"), max_length=200,
                             help_text=_("E.g. “Session 2: panel discussion”."))
    description = models.TextField(_("description"), blank=True, max_length=1000)

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("agenda session")
        verbose_name_plural = _("agenda sessions")

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        _follow_parent_locale(self, self.webinar if self.webinar_id else None)
        super().save(*args, **kwargs)

    @property
    def duration_minutes(self) -> int:
        return sum(item.duration_minutes or 0 for item in self.items.all())


class SessionModerator(Orderable):
    session = ParentalKey(AgendaSession, on_delete=models.CASCADE,
                          related_name="moderator_links")
    speaker = models.ForeignKey(Speaker, verbose_name=_("moderator"), on_delete=models.CASCADE,
                                related_name="moderated_sessions")

    class Meta(Orderable.Meta):
        verbose_name = _("moderator")
        verbose_name_plural = _("moderators")


class AgendaItem(TranslatableMixin, Orderable, ClusterableModel):
    session = ParentalKey(AgendaSession, on_delete=models.CASCADE, related_name="items")
    label = models.CharField(_("label"), max_length=20, blank=True,
                             help_text=_("Optional short label, e.g. “3A” or “Topic 1”."))
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), validators=[MinValueValidator(1), MaxValueValidator(600)])
    title = models.CharField(_("title or focus area"), max_length=255)
    description = models.TextField(_("description"), blank=True, max_length=2000)
    sub_topics = models.TextField(_("sub-topics"), blank=True,
                                  help_text=_("One per line."))

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        _follow_parent_locale(self, self.session if self.session_id else None)
        super().save(*args, **kwargs)

    @property
    def sub_topic_list(self) -> list[str]:
        return [line.strip(" -•\t") for line in self.sub_topics.splitlines() if line.strip(" -•\t")]


class AgendaItemSpeaker(Orderable):
    item = ParentalKey(AgendaItem, on_delete=models.CASCADE, related_name="speaker_links")
    speaker = models.ForeignKey(Speaker, verbose_name=_("speaker"), on_delete=models.CASCADE,
                                related_name="agenda_items")

    class Meta(Orderable.Meta):
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")


class WebinarMaterial(TranslatableMixin, Orderable):
    """A document, a page of the resource library or a link, shown after the event. Its
    title is translated with the webinar; the document, page and link are the original's
    (a translator may point the French version at a French document)."""

    webinar = ParentalKey(Webinar, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(_("title"), max_length=255)
    kind = models.CharField(_("kind"), max_length=20, choices=MaterialKind.choices,
                            default=MaterialKind.PRESENTATION)
    document = models.ForeignKey("wagtaildocs.Document", verbose_name=_("document"), null=True,
                                 blank=True, on_delete=models.SET_NULL, related_name="+")
    page = models.ForeignKey("wagtailcore.Page", verbose_name=_("resource page"), null=True,
                             blank=True, on_delete=models.SET_NULL, related_name="+")
    url = models.URLField(_("link"), max_length=500, blank=True)

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("material")
        verbose_name_plural = _("materials")

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        _follow_parent_locale(self, self.webinar if self.webinar_id else None)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        sources = [bool(self.document_id), bool(self.page_id), bool(self.url)]
        if sum(sources) != 1:
            raise ValidationError(_("Give exactly one of: a document, a resource page or a "
                                    "link."))

    @property
    def href(self) -> str:
        if self.document_id and self.document:
            return self.document.url
        if self.page_id and self.page:
            return self.page.url or ""
        return self.url


class Registration(models.Model):
    webinar = models.ForeignKey(Webinar, verbose_name=_("webinar"), on_delete=models.CASCADE,
                                related_name="registrations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("member"), null=True,
                             blank=True, on_delete=models.SET_NULL,
                             related_name="webinar_registrations")
    name = models.CharField(_("full name"), max_length=160)
    email = models.EmailField(_("e-mail address"), max_length=254)
    email_normalised = models.CharField(max_length=254, editable=False, db_index=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    organisation_type = models.CharField(_("type of organisation"), max_length=32,
                                         choices=OrganisationType.choices, blank=True)
    country = models.ForeignKey(Country, verbose_name=_("country"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    job_title = models.CharField(_("job title"), max_length=160, blank=True)
    consent_privacy = models.BooleanField(_("agreed to the privacy notice"), default=False)
    consent_updates = models.BooleanField(_("wants news of future webinars"), default=False)
    language = models.CharField(_("language"), max_length=8, default="en")
    timezone = models.CharField(_("time zone"), max_length=64, blank=True)

    status = models.CharField(_("status"), max_length=12, choices=RegistrationStatus.choices,
                              default=RegistrationStatus.CONFIRMED)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    sequence_offset = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(_("registered"), default=now, db_index=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    promoted_at = models.DateTimeField(_("promoted from the waiting list"), null=True,
                                       blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    attended = models.BooleanField(_("attended"), default=False)
    attendance_source = models.CharField(_("attendance recorded by"), max_length=12,
                                         choices=AttendanceSource.choices, blank=True)
    first_joined_at = models.DateTimeField(_("first joined"), null=True, blank=True)
    join_count = models.PositiveIntegerField(_("joins"), default=0)
    # Reminders, the follow-up and organisers' messages can be turned off (one click from
    # the e-mail, RFC 8058); the confirmation and news of a change or cancellation cannot.
    optional_mail_stopped_at = models.DateTimeField(
        _("reminders and messages stopped"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["webinar", "email_normalised"],
                condition=Q(status__in=[status.value for status in ACTIVE_STATUSES]),
                name="webinars_one_active_registration_per_email"),
        ]
        indexes = [models.Index(fields=["webinar", "status", "created_at"],
                                name="webinars_reg_queue")]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}> – {self.webinar}"

    def save(self, *args, **kwargs):
        self.email_normalised = normalise_email(self.email)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("webinars:manage", kwargs={"token": self.token})

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def is_confirmed(self) -> bool:
        return self.status == RegistrationStatus.CONFIRMED

    @property
    def join_path(self) -> str:
        return reverse("webinars:join", kwargs={"token": self.token})

    @property
    def is_erased(self) -> bool:
        """Its member deleted the account: nobody to write to any more."""
        return self.email.endswith("@" + ERASED_EMAIL_DOMAIN)


ERASED_EMAIL_DOMAIN = "invalid.example"


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


class ReminderSent(models.Model):
    """A claim, taken before a notice is queued, that makes each notice go out once."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE,
                                     related_name="notices_sent")
    kind = models.CharField(max_length=40)
    sent_at = models.DateTimeField(default=now)

    class Meta:
        verbose_name = _("notice sent")
        constraints = [models.UniqueConstraint(fields=["registration", "kind"],
                                               name="webinars_notice_once")]

    def __str__(self) -> str:
        return f"{self.kind} → {self.registration_id}"


class CalendarFeedToken(models.Model):
    """The secret in a member's personal calendar feed address; resetting it revokes the old."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="webinar_feed_token")
    token = models.CharField(max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(default=now)

    class Meta:
        verbose_name = _("calendar feed token")

    def __str__(self) -> str:
        return f"feed of user {self.user_id}"


class WebinarMessage(models.Model):
    """A message an organiser sent to a webinar's registrants (kept as a record)."""

    webinar = models.ForeignKey(Webinar, on_delete=models.CASCADE, related_name="messages")
    audience = models.CharField(_("recipients"), max_length=12, choices=MessageAudience.choices,
                                default=MessageAudience.ACTIVE)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"), max_length=10_000)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    sent_at = models.DateTimeField(default=now)
    recipient_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("message to registrants")

    def __str__(self) -> str:
        return self.subject


# Registration questions an organiser adds to one webinar ------------------------------------

class RegistrationQuestion(TranslatableMixin, Orderable):
    """A question of the organiser's own on the registration form (interpretation language,
    accessibility needs, a question for the panel...). Its label, hint and choices are
    translated with the webinar; answers always point at the original's question, so both
    language versions share one list of answers."""

    webinar = ParentalKey(Webinar, on_delete=models.CASCADE, related_name="questions")
    label = models.CharField(_("question"), max_length=200)
    help_text = models.CharField(_("hint"), max_length=300, blank=True)
    kind = models.CharField(_("type of answer"), max_length=12, choices=QuestionKind.choices,
                            default=QuestionKind.SHORT_TEXT)
    choices = models.TextField(_("choices"), blank=True,
                               help_text=_("For “one choice from a list”: one choice a line."))
    required = models.BooleanField(_("an answer is required"), default=False)

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("registration question")
        verbose_name_plural = _("registration questions")

    def __str__(self) -> str:
        return self.label

    def save(self, *args, **kwargs):
        _follow_parent_locale(self, self.webinar if self.webinar_id else None)
        super().save(*args, **kwargs)

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]

    def clean(self):
        if self.kind == QuestionKind.CHOICE and len(self.choice_list) < 2:
            raise ValidationError({"choices": _("Give at least two choices, one a line.")})


class RegistrationAnswer(models.Model):
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE,
                                     related_name="answers")
    question = models.ForeignKey(RegistrationQuestion, on_delete=models.CASCADE,
                                 related_name="answers")
    value = models.TextField(_("answer"), blank=True)

    class Meta:
        verbose_name = _("answer to a registration question")
        verbose_name_plural = _("answers to registration questions")
        constraints = [models.UniqueConstraint(fields=["registration", "question"],
                                               name="webinars_one_answer_per_question")]

    def __str__(self) -> str:
        return self.value
