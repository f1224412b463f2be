from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from portal.core.models import Country

from .models import ResourceIndexPage, ResourcePage
from .sections import library_url_forget


@receiver(page_published, sender=ResourceIndexPage)
@receiver(page_unpublished, sender=ResourceIndexPage)
@receiver(post_delete, sender=ResourceIndexPage)
def forget_library_url(sender, **kwargs):
    library_url_forget()


@receiver(page_published, sender=ResourcePage)
def sync_translations(sender, instance, **kwargs):
    """An original's classification and access reach its translations when it is
    published; a translation being published takes them from its original."""
    from portal.core.i18n import original_of

    from .services import resource_translations_sync

    resource_translations_sync(page=original_of(instance))


def _resources_of(country) -> list[int]:
    return list(ResourcePage.countries.through.objects.filter(country_id=country.pk)
                .values_list("resourcepage_id", flat=True))


@receiver(post_save, sender=Country)
def refresh_regions_of_country(sender, instance, raw=False, **kwargs):
    """A country moved to another region moves its resources' stored regions with it."""
    from .services import resource_regions_refresh

    if not raw:
        resource_regions_refresh(page_ids=_resources_of(instance))


@receiver(pre_delete, sender=Country)
def remember_resources_of_country(sender, instance, **kwargs):
    instance._resources_before_delete = _resources_of(instance)


@receiver(post_delete, sender=Country)
def refresh_regions_after_country_deleted(sender, instance, **kwargs):
    from .services import resource_regions_refresh

    resource_regions_refresh(page_ids=getattr(instance, "_resources_before_delete", ()))
