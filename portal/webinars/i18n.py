"""A webinar's text in a reader's language, on the original's record.

E-mails and calendar files speak of the original webinar (its UID, SEQUENCE, times and the
registration all belong to it) but in the registrant's language when a translation exists.
"""

import copy

from portal.core.i18n import original_of, translation_in

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
