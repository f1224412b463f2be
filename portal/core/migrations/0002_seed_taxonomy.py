from django.db import migrations

from portal.core import seed_data


def seed(apps, schema_editor):
    Theme = apps.get_model("core", "Theme")
    Country = apps.get_model("core", "Country")
    Language = apps.get_model("core", "Language")
    for slug, name, name_fr in seed_data.THEMES:
        Theme.objects.update_or_create(slug=slug, defaults={"name": name, "name_fr": name_fr})
    for region, countries in seed_data.COUNTRIES.items():
        for iso_code, name, name_fr in countries:
            Country.objects.update_or_create(
                iso_code=iso_code,
                defaults={"name": name, "name_fr": name_fr, "region": region, "is_au_member": True},
            )
    for iso_code, name, name_fr in seed_data.DESTINATIONS:
        Country.objects.update_or_create(
            iso_code=iso_code,
            defaults={"name": name, "name_fr": name_fr, "region": "outside", "is_au_member": False},
        )
    for code, name, name_fr in seed_data.LANGUAGES:
        Language.objects.update_or_create(code=code, defaults={"name": name, "name_fr": name_fr})


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
