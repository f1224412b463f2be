from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

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
