"""A practice's partners and milestones become translatable with their page.

Safe on an existing database: each row takes its practice's locale. A row of a translated
practice shares its translation key with the original's row at the same place (the copies
the translation workflow made); every other row gets its own key. Only then are the columns
made required and unique together.
"""

import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MODELS = ("practicepartner", "milestone")


def fill_locale_and_keys(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Locale = apps.get_model("wagtailcore", "Locale")
    PracticePage = apps.get_model("goodpractices", "PracticePage")
    default = Locale.objects.filter(
        language_code=settings.LANGUAGE_CODE.split("-")[0]).values_list("pk", flat=True).first()
    practice_ids = list(PracticePage.objects.values_list("pk", flat=True))
    pages = {row["pk"]: row for row in Page.objects.filter(pk__in=practice_ids).values(
        "pk", "locale_id", "translation_key")}
    for name in MODELS:
        model = apps.get_model("goodpractices", name)
        rows: dict[int, list[int]] = {}
        for pk, practice_id in model.objects.order_by("sort_order", "pk").values_list(
                "pk", "practice_id"):
            rows.setdefault(practice_id, []).append(pk)
        # The original is the version in the default language (else the oldest); its
        # copies borrow its rows' keys place by place.
        by_key: dict = {}
        for practice_id in sorted(rows, key=lambda pk: (pages[pk]["locale_id"] != default,
                                                        pk)):
            by_key.setdefault(pages[practice_id]["translation_key"], []).append(practice_id)
        for practice_ids_of_key in by_key.values():
            wanted = [uuid.uuid4() for _pk in rows[practice_ids_of_key[0]]]
            for practice_id in practice_ids_of_key:
                for position, pk in enumerate(rows[practice_id]):
                    key = wanted[position] if position < len(wanted) else uuid.uuid4()
                    model.objects.filter(pk=pk).update(
                        translation_key=key, locale_id=pages[practice_id]["locale_id"])


def _nullable(name):
    return [
        migrations.AddField(
            model_name=name, name="translation_key",
            field=models.UUIDField(editable=False, null=True)),
        migrations.AddField(
            model_name=name, name="locale",
            field=models.ForeignKey(editable=False, null=True,
                                    on_delete=django.db.models.deletion.PROTECT,
                                    related_name="+", to="wagtailcore.locale",
                                    verbose_name="locale")),
    ]


def _required(name):
    return [
        migrations.AlterField(
            model_name=name, name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False)),
        migrations.AlterField(
            model_name=name, name="locale",
            field=models.ForeignKey(editable=False,
                                    on_delete=django.db.models.deletion.PROTECT,
                                    related_name="+", to="wagtailcore.locale",
                                    verbose_name="locale")),
        migrations.AlterUniqueTogether(name=name, unique_together={("translation_key", "locale")}),
    ]


class Migration(migrations.Migration):

    dependencies = [
        ("goodpractices", "0002_reviewers_group"),
        ("wagtailcore", "0094_alter_page_locale"),
    ]

    operations = [
        *[operation for name in MODELS for operation in _nullable(name)],
        migrations.RunPython(fill_locale_and_keys, migrations.RunPython.noop),
        *[operation for name in MODELS for operation in _required(name)],
    ]
