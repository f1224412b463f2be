"""Speakers become translatable (job title and bio); existing speakers get the default
locale and their own translation key before the columns are made required."""

import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def fill_locale_and_keys(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Speaker = apps.get_model("webinars", "Speaker")
    locale, _created = Locale.objects.get_or_create(
        language_code=settings.LANGUAGE_CODE.split("-")[0])
    for pk in Speaker.objects.values_list("pk", flat=True):
        Speaker.objects.filter(pk=pk).update(translation_key=uuid.uuid4(), locale=locale)


class Migration(migrations.Migration):

    dependencies = [
        ("webinars", "0003_translatable_webinars"),
    ]

    operations = [
        migrations.AddField(
            model_name="speaker", name="translation_key",
            field=models.UUIDField(editable=False, null=True)),
        migrations.AddField(
            model_name="speaker", name="locale",
            field=models.ForeignKey(editable=False, null=True,
                                    on_delete=django.db.models.deletion.PROTECT,
                                    related_name="+", to="wagtailcore.locale",
                                    verbose_name="locale")),
        migrations.RunPython(fill_locale_and_keys, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="speaker", name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False)),
        migrations.AlterField(
            model_name="speaker", name="locale",
            field=models.ForeignKey(editable=False,
                                    on_delete=django.db.models.deletion.PROTECT,
                                    related_name="+", to="wagtailcore.locale",
                                    verbose_name="locale")),
        migrations.AlterUniqueTogether(name="speaker",
                                       unique_together={("translation_key", "locale")}),
    ]
