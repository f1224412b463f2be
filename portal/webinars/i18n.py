"""A webinar's text in a reader's language, on the original's record.

E-mails and calendar files speak of the original webinar (its UID, SEQUENCE, times and the
registration all belong to it) but in the registrant's language when a translation exists.

Materials and registration questions are read the same way: the original's rows, in its
order, each swapped for its translation (same translation key, in the reader's locale) when
there is one. A material or question added after the translation was made still shows, in
the original's words, until a translator catches up; answers always point at the original's
question, so the organiser reads one list of answers whatever language people registered in.
"""

import copy

from portal.core.i18n import (
    default_language,
    locale_for,
    localized_list,
    object_language,
    original_of,
    translation_in,
)

TEXT_FIELDS = ("title", "summary", "introduction", "objectives", "expected_outcomes",
               "cancellation_note")


def webinar_in_language(webinar, language: str):
    """`webinar` (or its original) with the texts of its live translation in `language`."""
    original = original_of(webinar)
    translated = translation_in(original, language) if language else None
    if translated is None or translated.pk == original.pk:
        return original
    shown = copy.copy(original)
    for name in TEXT_FIELDS:
        setattr(shown, name, getattr(translated, name))
    return shown


def _translations_of(rows: list, model, language: str) -> dict:
    """{translation key: row in `language`} for `rows` (one query; none when the rows are
    already in that language)."""
    pending = [row.translation_key for row in rows if object_language(row) != language]
    locale = locale_for(language) if pending else None
    if locale is None:
        return {}
    return {row.translation_key: row
            for row in model._default_manager.filter(translation_key__in=pending, locale=locale)
            .select_related(*_RELATED.get(model.__name__, ()))}


_RELATED = {"WebinarMaterial": ("document", "page")}


def materials_in_language(webinar, language: str) -> list:
    """The original's materials in `language`: each translated row when there is one (its
    title, and the document a translator may have chosen for it), else the original row.
    A material pointing at a resource page points at that page's translation when live."""
    from .models import WebinarMaterial

    original = original_of(webinar)
    rows = list(WebinarMaterial.objects.filter(webinar=original)
                .select_related("document", "page").order_by("sort_order", "pk"))
    found = _translations_of(rows, WebinarMaterial, language)
    shown = [found.get(row.translation_key, row) for row in rows]
    with_pages = [material for material in shown if material.page_id and material.page]
    if with_pages:
        pages = localized_list([material.page for material in with_pages], language)
        for material, page in zip(with_pages, pages, strict=True):
            material.page = page
    return shown


def questions_in_language(webinar, language: str) -> list:
    """The original's registration questions, worded in `language` when translated.

    Each item is the original question (its primary key names the form field and the
    answer), with `label`, `help_text` and `choice_pairs` (stored value, shown label) taken
    from the translation, and `lang` set to the language of the words shown. A choice is
    stored in the original's wording, so every answer to a question reads the same.
    """
    from .questions import webinar_questions

    original = original_of(webinar)
    questions = webinar_questions(original)
    found = _translations_of(questions, type(questions[0]), language) if questions else {}
    shown = []
    for question in questions:
        item = copy.copy(question)
        values = question.choice_list
        item.choice_pairs = list(zip(values, values, strict=True))
        item.lang = object_language(question) or default_language()
        translated = found.get(question.translation_key)
        if translated is not None:
            item.label = translated.label
            item.help_text = translated.help_text or question.help_text
            labels = translated.choice_list
            if len(labels) == len(values):
                item.choice_pairs = list(zip(values, labels, strict=True))
            item.lang = language
        shown.append(item)
    return shown
