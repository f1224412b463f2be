from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GoodPracticesConfig(AppConfig):
    name = "portal.goodpractices"
    label = "goodpractices"
    verbose_name = _("Good practices")

    def ready(self):
        from django.db.models.signals import post_delete
        from wagtail.signals import page_published, page_unpublished

        from portal.core.demo import register_demo_loader
        from portal.core.fragments import register_area_set
        from portal.core.home_sections import register_home_section
        from portal.core.navigation import register_nav_item
        from portal.core.periodic import register_periodic_command
        from portal.members.activity import register_profile_activity
        from portal.members.erasure import register_erasure_handler
        from portal.members.exports import register_export_section
        from portal.members.notifications import register_kind, register_verb
        from portal.search.registry import register_search_area

        from .demo import load
        from .integration import (
            CALLS_SEARCH_AREA,
            PRACTICES_AREAS,
            PRACTICES_SEARCH_AREA,
            erase_member,
            export_member,
            open_calls_section,
            practices_url,
            practices_url_forget,
            profile_activity,
        )
        from .models import CallPage, PracticeIndexPage, PracticePage
        from .tasks import call_published

        page_published.connect(_sync_translations, sender=CallPage,
                               dispatch_uid="goodpractices-sync-call-translations")
        page_published.connect(_sync_translations, sender=PracticePage,
                               dispatch_uid="goodpractices-sync-practice-translations")
        for signal in (page_published, page_unpublished, post_delete):
            signal.connect(practices_url_forget, sender=PracticeIndexPage,
                           dispatch_uid=f"goodpractices-nav-{id(signal)}")
        page_published.connect(call_published, sender=CallPage,
                               dispatch_uid="goodpractices-call-published")
        register_kind("goodpractices", _("Calls for good practices"), order=40)
        register_verb("goodpractices.clarification", kind="goodpractices",
                      text=_("%(actor)s asked a question about “%(title)s”"))
        register_verb("goodpractices.answered", kind="goodpractices",
                      text=_("%(actor)s answered your question about “%(title)s”"))
        register_verb("goodpractices.coauthor", kind="goodpractices",
                      text=_("%(actor)s named you co-author of “%(title)s”: please confirm"))
        register_verb("goodpractices.review_open", kind="goodpractices",
                      text=_("The deadline of “%(title)s” has passed: submissions are in "
                             "review"))
        register_verb("goodpractices.decision", kind="goodpractices",
                      text=_("A decision was made on “%(title)s”"))
        register_nav_item("goodpractices", _("Good practices"), practices_url, order=30)
        register_area_set("practices", lambda: PRACTICES_AREAS)
        register_home_section("open_calls", open_calls_section, order=25, depends="practices")
        register_search_area(PRACTICES_SEARCH_AREA)
        register_search_area(CALLS_SEARCH_AREA)
        register_profile_activity("goodpractices", profile_activity)
        register_export_section("goodpractices", export_member)
        register_erasure_handler("goodpractices", erase_member)
        register_demo_loader("goodpractices", load, order=40)
        register_periodic_command("advance_calls", every_seconds=60)


def _sync_translations(sender, instance, **kwargs):
    """An original's dates and classification reach its translations when it is published;
    a translation being published takes them from its original."""
    from portal.core.i18n import original_of

    from .services import page_translations_sync

    page_translations_sync(page=original_of(instance))
