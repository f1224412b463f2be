from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="members_profile_on_user_create")
def create_profile_for_new_user(sender, instance, created, **kwargs):
    if created and not kwargs.get("raw"):
        from .services import profile_get_or_create

        profile_get_or_create(user=instance)
