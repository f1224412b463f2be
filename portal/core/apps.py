from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "portal.core"
    label = "core"
    verbose_name = _("Portal core")

    def ready(self):
        from django.db.models.signals import post_delete, post_migrate, post_save, pre_migrate
        from django_tasks.signals import task_finished
        from wagtail.models import Locale

        from . import checks  # noqa: F401  (registers deploy checks)
        from .demo import register_demo_loader
        from .demo_content import load, load_privacy
        from .fragments import register_area_set
        from .i18n import locale_codes_forget
        from .link_cards import register_link_card, wagtail_page_cards
        from .pagecache import connect_invalidation, content_areas, page_areas
        from .periodic import register_periodic_command
        from .prebuilt import migration_finished, migration_started
        from .tasks import forget_sent_message

        connect_invalidation()
        pre_migrate.connect(migration_started, dispatch_uid="core-prebuilt-migrating")
        post_migrate.connect(migration_finished, dispatch_uid="core-prebuilt-migrated")
        register_area_set("pages", page_areas)
        register_area_set("content", content_areas)
        register_demo_loader("home", load, order=10)
        register_demo_loader("privacy", load_privacy, order=11)
        register_link_card("wagtail_serve", wagtail_page_cards)
        register_periodic_command("publish_scheduled", every_seconds=60)
        register_periodic_command("tasks_housekeeping", every_seconds=300)
        register_periodic_command("build_prebuilt", every_seconds=3600)
        task_finished.connect(forget_sent_message, dispatch_uid="portal-forget-sent-mail")
        post_save.connect(locale_codes_forget, sender=Locale, dispatch_uid="core-locale-saved")
        post_delete.connect(locale_codes_forget, sender=Locale, dispatch_uid="core-locale-gone")
