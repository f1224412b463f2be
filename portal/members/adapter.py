from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse

from portal.core.mail import message_from_email
from portal.core.tasks import queue_email


class PortalAccountAdapter(DefaultAccountAdapter):
    def get_signup_redirect_url(self, request):
        return reverse("members:profile_edit") + "?welcome=1"

    def get_email_verification_redirect_url(self, email_address):
        profile = getattr(email_address.user, "profile", None)
        if profile is not None and not profile.is_complete:
            return reverse("members:profile_edit") + "?welcome=1"
        return super().get_email_verification_redirect_url(email_address)

    def send_mail(self, template_prefix, email, context):
        """Account e-mails go through the task queue too, as text and HTML. They name the
        portal (in the reader's language) where allauth would name an unset site."""
        from types import SimpleNamespace
        from urllib.parse import urlparse

        from django.conf import settings

        from portal.core.branding import site_name

        context = {**context, "current_site": SimpleNamespace(
            name=site_name(), domain=urlparse(settings.WAGTAILADMIN_BASE_URL).netloc)}
        queue_email(message_from_email(self.render_mail(template_prefix, email, context)))
