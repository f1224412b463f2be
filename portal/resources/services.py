"""Writes for the library."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .models import DocumentDownloadCount


@transaction.atomic
def document_download_record(*, document) -> None:
    """Count one download of a library document (safe under concurrent downloads)."""
    now = timezone.now()
    updated = DocumentDownloadCount.objects.filter(document_id=document.pk).update(
        count=F("count") + 1, last_downloaded_at=now)
    if updated:
        return
    try:
        with transaction.atomic():
            DocumentDownloadCount.objects.create(document_id=document.pk, count=1,
                                                 last_downloaded_at=now)
    except IntegrityError:
        DocumentDownloadCount.objects.filter(document_id=document.pk).update(
            count=F("count") + 1, last_downloaded_at=now)


# What belongs to the resource and not to a language: translations read it from the original.
SHARED_FIELDS = ("access", "resource_type", "publication_date", "explicit_regions",
                 "organisations", "external_link", "cover_image_id")


@transaction.atomic
def resource_translations_sync(*, page) -> int:
    """Copy the classification and access of an original onto its translations, so that
    facets, listings and privacy agree in every language. Returns how many were updated."""
    from .models import ResourcePage

    translations = list(ResourcePage.objects.filter(translation_key=page.translation_key)
                        .exclude(pk=page.pk).values_list("pk", flat=True))
    if not translations:
        return 0
    ResourcePage.objects.filter(pk__in=translations).update(
        **{name: getattr(page, name) for name in SHARED_FIELDS},
        region_codes=page.region_codes)
    for relation, column in ((ResourcePage.themes.through, "theme_id"),
                             (ResourcePage.countries.through, "country_id"),
                             (ResourcePage.languages.through, "language_id")):
        wanted = list(relation.objects.filter(resourcepage_id=page.pk)
                      .values_list(column, flat=True))
        relation.objects.filter(resourcepage_id__in=translations).delete()
        relation.objects.bulk_create([relation(resourcepage_id=pk, **{column: value})
                                      for pk in translations for value in wanted])
    return len(translations)


@transaction.atomic
def resource_regions_refresh(*, page_ids) -> int:
    """Rewrite the stored regions of these resources from their countries and explicit
    regions: after a country changes region or is deleted. Returns how many changed."""
    from .fields import join_choices, split_choices
    from .models import ResourcePage

    page_ids = list(page_ids)
    country_regions: dict[int, set[str]] = {}
    for page_id, region in (ResourcePage.countries.through.objects
                            .filter(resourcepage_id__in=page_ids)
                            .values_list("resourcepage_id", "country__region")):
        country_regions.setdefault(page_id, set()).add(region)
    changed = 0
    rows = ResourcePage.objects.filter(pk__in=page_ids).values_list(
        "pk", "explicit_regions", "region_codes")
    for page_id, explicit, stored in rows:
        wanted = join_choices([*split_choices(explicit), *country_regions.get(page_id, ())])
        if wanted != stored:
            ResourcePage.objects.filter(pk=page_id).update(region_codes=wanted)
            changed += 1
    return changed
