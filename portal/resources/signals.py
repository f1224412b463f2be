from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from .models import ResourceIndexPage
from .sections import library_url_forget


@receiver(page_published, sender=ResourceIndexPage)
@receiver(page_unpublished, sender=ResourceIndexPage)
@receiver(post_delete, sender=ResourceIndexPage)
def forget_library_url(sender, **kwargs):
    library_url_forget()
