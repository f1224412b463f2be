"""Webinar materials and registration questions become translatable with their webinar.

Safe on an existing database: each row takes its webinar's locale. A row of a translated
webinar shares its translation key with the original's row at the same place (the copies
wagtail-localize made), so answers and translations line up; every other row gets its own
key. Only then are the columns made required and unique together.
"""

import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MODELS = ("webinarmaterial", "registrationquestion")


def fill_locale_and_keys(apps, schema_editor):
    Webinar = apps.get_model("webinars", "Webinar")
    Locale = apps.get_model("wagtailcore", "Locale")
    default = Locale.objects.filter(
        language_code=settings.LANGUAGE_CODE.split("-")[0]).values_list("pk", flat=True).first()
    webinars = {row["pk"]: row for row in Webinar.objects.values("pk", "locale_id",
                                                                  "translation_key")}
    for name in MODELS:
        model = apps.get_model("webinars", name)
        rows: dict[int, list[int]] = {}
        for pk, webinar_id in model.objects.order_by("sort_order", "pk").values_list(
                "pk", "webinar_id"):
            rows.setdefault(webinar_id, []).append(pk)
        # The original is the version in the default language (else the oldest); its
        # copies borrow its rows' keys place by place.
        by_key: dict = {}
        for webinar_id in sorted(rows, key=lambda pk: (webinars[pk]["locale_id"] != default,
                                                       pk)):
            by_key.setdefault(webinars[webinar_id]["translation_key"], []).append(webinar_id)
        for webinar_ids in by_key.values():
            wanted = [uuid.uuid4() for _pk in rows[webinar_ids[0]]]
            for webinar_id in webinar_ids:
                for position, pk in enumerate(rows[webinar_id]):
                    key = wanted[position] if position < len(wanted) else uuid.uuid4()
                    model.objects.filter(pk=pk).update(
                        translation_key=key, locale_id=webinars[webinar_id]["locale_id"])


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
        ("wagtailcore", "0094_alter_page_locale"),
        ("webinars", "0005_merge_20261201_2157"),
    ]

    operations = [
        *[operation for name in MODELS for operation in _nullable(name)],
        migrations.RunPython(fill_locale_and_keys, migrations.RunPython.noop),
        *[operation for name in MODELS for operation in _required(name)],
    ]
