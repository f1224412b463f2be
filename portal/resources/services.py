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
