"""Each public webinar's discussion lives in a forum topic, in the forum's "Webinars"
category. The forum knows nothing of webinars: it keeps a topic per key, and this module
(webinars sit above the forum) names the key and writes the opening post."""

from django.utils.translation import gettext as _
from django.utils.translation import override

from portal.core.i18n import original_of
from portal.forum import selectors as forum_selectors
from portal.forum import services as forum_services


def discussion_key(webinar) -> str:
    """One discussion for all language versions: keyed by the original."""
    return f"webinar:{original_of(webinar).pk}"


def discussion_topic_ensure(*, webinar):
    """Create the topic once, when a public webinar is published (members-only webinars
    keep their plain discussion link, if any: the Webinars category is public)."""
    if not webinar.pk or not webinar.live or webinar.is_members_only:
        return None
    with override("en"):
        body = "\n\n".join(part for part in (
            webinar.summary,
            _("Questions, reflections and resources about this webinar are welcome here. "
              "The webinar's page: %(url)s") % {"url": webinar.get_absolute_url()}) if part)
    return forum_services.topic_for_object(key=discussion_key(webinar), title=webinar.title,
                                           body=body)


def discussion_topic_sync(*, webinar) -> None:
    """After every save: a live public webinar has its topic shown (created if need be); a
    members-only, unpublished or cancelled-then-hidden one has it withdrawn."""
    webinar = original_of(webinar)
    if webinar.pk and webinar.live and not webinar.is_members_only:
        discussion_topic_ensure(webinar=webinar)
        forum_services.topic_for_object_set_visible(key=discussion_key(webinar), visible=True)
    elif webinar.pk:
        forum_services.topic_for_object_set_visible(key=discussion_key(webinar), visible=False)


def discussion_for(webinar) -> dict | None:
    """The link the webinar page shows: its forum topic, else the editor's own link."""
    if webinar.pk:
        topic = forum_selectors.topic_for_key(discussion_key(webinar))
        if topic is not None:
            return {"url": topic.get_absolute_url(), "replies": topic.reply_count}
    if webinar.discussion_url:
        return {"url": webinar.discussion_url, "replies": None}
    return None
