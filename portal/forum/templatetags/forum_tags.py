from django import template
from django.conf import settings

from portal.core.markdown import render_markdown
from portal.forum.rules import is_forum_moderator

register = template.Library()


@register.filter
def forum_moderator(user) -> bool:
    return is_forum_moderator(user)


@register.filter
def post_markdown(text):
    """A post's Markdown, sanitised, keeping only images uploaded to the forum."""
    return render_markdown(text, images_under=f"{settings.MEDIA_URL}forum/")
