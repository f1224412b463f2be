"""Synonyms that editors manage: each group lists words or phrases that mean the same."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


def split_terms(text: str) -> list[str]:
    """The non-empty lines of ``text``, stripped, in order, without repeats."""
    return list(dict.fromkeys(line.strip() for line in text.splitlines() if line.strip()))


class SynonymGroup(models.Model):
    terms = models.TextField(
        _("terms"),
        help_text=_("One word, acronym or phrase per line, in any language. A search for any "
                    "of them also finds the others, e.g. “RPL” and “recognition of prior "
                    "learning”."))
    updated_at = models.DateTimeField(auto_now=True)

    panels = [FieldPanel("terms")]

    class Meta:
        ordering = ["terms"]
        verbose_name = _("search synonyms")
        verbose_name_plural = _("search synonyms")

    def __str__(self) -> str:
        return " = ".join(self.term_list)

    @property
    def term_list(self) -> list[str]:
        return split_terms(self.terms)

    def clean(self):
        super().clean()
        if len(self.term_list) < 2:
            raise ValidationError({"terms": _("Give at least two terms, one per line.")})
