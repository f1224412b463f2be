from allauth.account.signals import email_confirmed
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import published

from .models import Webinar, WebinarSeries


@receiver(published, sender=Webinar, dispatch_uid="webinars_after_publish")
def webinar_published(sender, instance, **kwargs):
    from portal.core.i18n import original_of

    from .services import webinar_after_publish, webinar_translations_sync

    original = original_of(instance)
    if original.pk != instance.pk:
        # A translation: registrations, notices and places belong to the original.
        webinar_translations_sync(webinar=original)
        return
    webinar_after_publish(webinar=instance)
    webinar_translations_sync(webinar=instance)


@receiver(post_save, sender=Webinar, dispatch_uid="webinars_discussion_topic")
def webinar_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    """Its forum topic follows whether the webinar is live and public (a draft save that
    touches neither leaves it alone)."""
    if raw or (update_fields is not None
               and not {"live", "is_members_only"} & set(update_fields)):
        return
    from .discussion import discussion_topic_sync

    discussion_topic_sync(webinar=instance)


@receiver(email_confirmed, dispatch_uid="webinars_attach_registrations")
def attach_registrations(sender, request=None, email_address=None, **kwargs):
    from .services import registrations_attach_to_user

    if email_address is not None and email_address.user_id:
        registrations_attach_to_user(user=email_address.user, email=email_address.email)


@receiver(post_save, sender=Webinar, dispatch_uid="webinars_feeds_webinar_saved")
@receiver(post_delete, sender=Webinar, dispatch_uid="webinars_feeds_webinar_deleted")
@receiver(post_save, sender=WebinarSeries, dispatch_uid="webinars_feeds_series_saved")
@receiver(post_delete, sender=WebinarSeries, dispatch_uid="webinars_feeds_series_deleted")
def calendar_feeds_outdated(sender, raw=False, **kwargs):
    if raw:
        return
    from .feeds import feeds_rebuild_soon

    feeds_rebuild_soon()
