from django.utils.translation import gettext


def site_name() -> str:
    """The portal's name in the active language (settings.WAGTAIL_SITE_NAME is the admin's)."""
    return gettext("Skills & Labour Migration Community of Practice")
