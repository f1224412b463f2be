import json
from io import BytesIO

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageOps

from .erasure import erase_member_data
from .exports import collect_export_sections
from .models import Profile

PHOTO_SIZE = (512, 512)
User = get_user_model()


def profile_get_or_create(*, user) -> Profile:
    profile, _created = Profile.objects.get_or_create(
        user=user, defaults={"display_name": user.get_full_name()}
    )
    return profile


def photo_normalise(uploaded) -> ContentFile:
    """Re-encode a checked upload as a square-cropped JPEG without its metadata."""
    uploaded.seek(0)
    with Image.open(uploaded) as image:
        image.draft("RGB", (PHOTO_SIZE[0] * 2, PHOTO_SIZE[1] * 2))
        image = ImageOps.exif_transpose(image).convert("RGB")
        image = ImageOps.fit(image, PHOTO_SIZE, method=Image.Resampling.LANCZOS)
        buffer = BytesIO()
        image.save(buffer, format="JPEG", quality=85, optimize=True)
    return ContentFile(buffer.getvalue(), name="photo.jpg")


@transaction.atomic
def profile_update(*, profile: Profile, data: dict, themes=None, languages=None,
                   photo=None, remove_photo: bool = False) -> Profile:
    # Encode the new photo first: if it fails, the member keeps the current one.
    new_photo = photo_normalise(photo) if photo is not None else None
    for field, value in data.items():
        setattr(profile, field, value)
    if (remove_photo or new_photo is not None) and profile.photo:
        profile.photo.delete(save=False)
    if new_photo is not None:
        profile.photo.save("photo.jpg", new_photo, save=False)
    if profile.is_complete and profile.completed_at is None:
        profile.completed_at = timezone.now()
    profile.save()
    if themes is not None:
        profile.themes.set(themes)
    if languages is not None:
        profile.languages.set(languages)
    return profile


def account_export(*, user) -> dict:
    """Everything the portal holds about a member, as JSON-ready data."""
    profile = profile_get_or_create(user=user)
    data = {
        "exported_at": timezone.now(),
        "account": {
            "name": user.get_full_name(),
            "email_addresses": list(user.emailaddress_set.values("email", "verified", "primary")),
            "two_factor": two_factor_status(user),
            "date_joined": user.date_joined,
            "last_login": user.last_login,
        },
        "profile": {
            "display_name": profile.display_name,
            "job_title": profile.job_title,
            "organisation": profile.organisation,
            "organisation_type": profile.organisation_type,
            "country": profile.country.iso_code if profile.country else None,
            "themes": [theme.slug for theme in profile.themes.all()],
            "languages": [language.code for language in profile.languages.all()],
            "bio": profile.bio,
            "timezone": profile.timezone,
            "visibility": profile.visibility,
            "email_preferences": {
                "webinar_announcements": profile.email_webinar_announcements,
                "community_digest": profile.email_community_digest,
                "forum_replies": profile.email_forum_replies,
            },
            "photo": profile.photo.url if profile.photo else None,
        },
    }
    data.update(collect_export_sections(user))
    return data


def two_factor_status(user) -> dict:
    """Which second factors are on (never their secrets)."""
    from allauth.mfa.models import Authenticator

    kinds = list(Authenticator.objects.filter(user=user).values("type", "created_at",
                                                                 "last_used_at"))
    return {"enabled": any(kind["type"] != Authenticator.Type.RECOVERY_CODES for kind in kinds),
            "methods": kinds}


def mail_erase_for_user(user) -> int:
    from portal.core.services import mail_erase_for_addresses

    addresses = [user.email, *user.emailaddress_set.values_list("email", flat=True)]
    return mail_erase_for_addresses(addresses)


def sessions_erase_for_user(user) -> int:
    """Sessions on every device the member was logged in on (the current one is already
    flushed by logging out)."""
    from django.contrib.sessions.models import Session

    doomed = [session.pk for session in Session.objects.filter(expire_date__gt=timezone.now())
              .iterator() if session.get_decoded().get("_auth_user_id") == str(user.pk)]
    return Session.objects.filter(pk__in=doomed).delete()[0]


def account_export_json(*, user) -> str:
    return json.dumps(account_export(user=user), cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)


@transaction.atomic
def account_delete(*, user) -> None:
    """Delete the account and profile after each app erased what it holds about the member.
    Content that points at the user with SET_NULL stays, shown as written by a former member."""
    erase_member_data(user)
    profile = Profile.objects.filter(user=user).first()
    if profile and profile.photo:
        profile.photo.delete(save=False)
    user.delete()
