from django import template

from portal.forum.rules import is_forum_moderator

register = template.Library()


@register.filter
def forum_moderator(user) -> bool:
    return is_forum_moderator(user)
