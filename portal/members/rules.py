"""Who may see what: named predicates checked in views and services."""

from .enums import Visibility


def is_member(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def can_view_profile(user, profile) -> bool:
    if is_member(user) and user.pk == profile.user_id:
        return True
    if profile.visibility == Visibility.PUBLIC:
        return True
    return profile.visibility == Visibility.MEMBERS and is_member(user)


def visible_visibilities(user) -> list[str]:
    if is_member(user):
        return [Visibility.PUBLIC, Visibility.MEMBERS]
    return [Visibility.PUBLIC]


def is_editor(user) -> bool:
    return bool(user and user.is_authenticated and
                (user.is_superuser or user.groups.filter(name="Editors").exists()))


def is_moderator(user) -> bool:
    return bool(user and user.is_authenticated and
                (user.is_superuser or user.groups.filter(name="Moderators").exists()))
