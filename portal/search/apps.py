from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "portal.search"
    label = "portal_search"
    verbose_name = _("Site search")

    def ready(self):
        from .models import SynonymGroup
        from .wording import forget_synonyms

        post_save.connect(forget_synonyms, sender=SynonymGroup,
                          dispatch_uid="search-synonyms-saved")
        post_delete.connect(forget_synonyms, sender=SynonymGroup,
                            dispatch_uid="search-synonyms-deleted")
