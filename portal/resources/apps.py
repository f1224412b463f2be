from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResourcesConfig(AppConfig):
    name = "portal.resources"
    label = "resources"
    verbose_name = _("Resources")

    def ready(self):
        from portal.core.demo import register_demo_loader
        from portal.core.fragments import register_area_set
        from portal.core.home_sections import register_home_section
        from portal.core.navigation import register_nav_item
        from portal.core.prebuilt import register_prebuilt
        from portal.search.registry import register_search_area

        from . import signals  # noqa: F401  (navigation cache, stored regions)
        from .demo import load, load_approver
        from .facets import LIBRARY_COUNTS, library_counts_build, library_counts_variants
        from .search import RESOURCES_SEARCH_AREA
        from .sections import latest_resources_section, library_url
        from .selectors import LIBRARY_AREAS

        register_nav_item("resources", _("Resources"), library_url, order=20)
        register_home_section("resources", latest_resources_section, order=20,
                              depends="library")
        register_demo_loader("resources", load, order=30)
        register_demo_loader("resource_approver", load_approver, order=31)
        register_search_area(RESOURCES_SEARCH_AREA)
        register_area_set("library", lambda: LIBRARY_AREAS)
        register_prebuilt(LIBRARY_COUNTS, depends="library", variants=library_counts_variants,
                          build=library_counts_build)
