from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse


class PortalAccountAdapter(DefaultAccountAdapter):
    def get_signup_redirect_url(self, request):
        return reverse("members:profile_edit") + "?welcome=1"

    def get_email_verification_redirect_url(self, email_address):
        profile = getattr(email_address.user, "profile", None)
        if profile is not None and not profile.is_complete:
            return reverse("members:profile_edit") + "?welcome=1"
        return super().get_email_verification_redirect_url(email_address)
