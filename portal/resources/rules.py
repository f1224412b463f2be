"""Who may see what in the library: named predicates used by views, selectors and hooks."""

from portal.members.rules import is_member

from .enums import Access


def can_view_members_only(user) -> bool:
    return is_member(user)


def can_view_resource(user, page) -> bool:
    """Whether the user may read this (live) resource page and its documents."""
    if page.access == Access.MEMBERS:
        return can_view_members_only(user)
    return True


def can_bypass_access(user) -> bool:
    """Editors previewing drafts in the admin may open any library document."""
    return bool(user and user.is_authenticated and user.is_active
                and user.has_perm("wagtailadmin.access_admin"))
