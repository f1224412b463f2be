"""Webinars, series and their programme become translatable.

Safe on an existing database: the locale and translation key are added nullable, every
existing row gets the default locale (English) and its own translation key, and only then
are the columns made required and unique together. Slugs become unique per locale (a
translation keeps its original's slug).
"""

import uuid

import django.db.models.deletion

import portal.webinars.validators
from django.conf import settings
from django.db import migrations, models

MODELS = ("webinarseries", "webinar", "agendasession", "agendaitem")


def fill_locale_and_keys(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    language = settings.LANGUAGE_CODE.split("-")[0]
    locale, _created = Locale.objects.get_or_create(language_code=language)
    for name in MODELS:
        model = apps.get_model("webinars", name)
        for pk in model.objects.values_list("pk", flat=True):
            model.objects.filter(pk=pk).update(translation_key=uuid.uuid4(), locale=locale)


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
        ("core", "0004_french_locale"),
        ("wagtailcore", "0094_alter_page_locale"),
        ("webinars", "0002_editor_permissions"),
    ]

    operations = [
        *[operation for name in MODELS for operation in _nullable(name)],
        migrations.RunPython(fill_locale_and_keys, migrations.RunPython.noop),
        *[operation for name in MODELS for operation in _required(name)],
        migrations.AlterField(
            model_name="webinar", name="slug",
            field=models.SlugField(
                help_text="The last part of the address: /webinars/<slug>/", max_length=255,
                validators=[portal.webinars.validators.validate_not_reserved_slug],
                verbose_name="slug")),
        migrations.AlterField(
            model_name="webinarseries", name="slug",
            field=models.SlugField(max_length=200, verbose_name="slug")),
        migrations.AddConstraint(
            model_name="webinarseries",
            constraint=models.UniqueConstraint(fields=("slug", "locale"),
                                               name="webinars_series_slug_per_locale")),
        migrations.AddConstraint(
            model_name="webinar",
            constraint=models.UniqueConstraint(fields=("slug", "locale"),
                                               name="webinars_webinar_slug_per_locale")),
    ]
