"""Writes through the editors' translation workflow (wagtail-localize).

Editors translate in the admin: a translation copies the original's text into segments
that are translated one by one, shows which ones are missing after the original changes,
and exports and imports PO files. These services drive the same models, so demo content
and tests create translations exactly as the admin does.
"""

from __future__ import annotations

from django.db import transaction
from wagtail.models import Locale, Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)


@transaction.atomic
def translation_start(*, instance, language: str) -> Translation:
    """Start (or find) the translation of `instance` into `language`, from its latest
    version. Creates the locale when needed."""
    locale, _created = Locale.objects.get_or_create(language_code=language)
    source, _created = TranslationSource.get_or_create_from_instance(instance)
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True})
    return translation


@transaction.atomic
def translation_sync(*, instance) -> TranslationSource:
    """Read the original again after it changed: new or changed strings show as
    untranslated until someone translates them."""
    source, created = TranslationSource.get_or_create_from_instance(instance)
    if not created:
        source.update_from_db()
    return source


def translation_missing(*, translation: Translation) -> list[str]:
    """The source strings with no translation yet (what is out of date)."""
    segments = StringSegment.objects.filter(source=translation.source).select_related("string")
    done = set(StringTranslation.objects.filter(
        translation_of__in=[segment.string_id for segment in segments],
        locale=translation.target_locale,
        context__in=[segment.context_id for segment in segments],
    ).values_list("translation_of_id", "context_id"))
    return [segment.string.data for segment in segments
            if (segment.string_id, segment.context_id) not in done]


@transaction.atomic
def translation_fill(*, translation: Translation, strings: dict[str, str]) -> int:
    """Translate the segments whose source text appears in `strings` (plain text on several
    lines is matched line for line); returns how many."""
    count = 0
    for segment in (StringSegment.objects.filter(source=translation.source)
                    .select_related("string", "context")):
        text = strings.get(segment.string.data)
        if text is None and "<br/>" in segment.string.data:
            # Several lines of plain text are stored with <br/> between them.
            text = strings.get(segment.string.data.replace("<br/>", "\n"))
            text = text.replace("\n", "<br/>") if text is not None else None
        if text is None:
            continue
        StringTranslation.objects.update_or_create(
            translation_of=segment.string, locale=translation.target_locale,
            context=segment.context,
            defaults={"data": text, "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                      "has_error": False, "field_error": ""})
        count += 1
    return count


@transaction.atomic
def translation_publish(*, instance, language: str, strings: dict[str, str], user=None):
    """Translate `instance` into `language` with `strings` (source text -> translation)
    and publish it; untranslated strings keep the original's text. Returns the translated
    object (the page or snippet in `language`)."""
    translation_sync(instance=instance)
    translation = translation_start(instance=instance, language=language)
    translation_fill(translation=translation, strings=strings)
    if isinstance(instance, Page):
        # Publish now from a fresh revision: the workflow's own publish waits for the
        # commit and would write back the tree counters of a stale copy of the page.
        translation.save_target(user=user, publish=False)
        target = translation.get_target_instance()
        target.get_latest_revision().publish(user=user)
        return target.specific_class.objects.get(pk=target.pk)
    translation.save_target(user=user, publish=True)
    return translation.get_target_instance()
