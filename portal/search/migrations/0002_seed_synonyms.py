"""The synonym groups a new portal starts with, in English and French."""

from django.db import migrations

from portal.search.seed_synonyms import SYNONYM_GROUPS


def seed(apps, schema_editor):
    SynonymGroup = apps.get_model("portal_search", "SynonymGroup")
    existing = set(SynonymGroup.objects.values_list("terms", flat=True))
    SynonymGroup.objects.bulk_create(
        SynonymGroup(terms="\n".join(terms)) for terms in SYNONYM_GROUPS
        if "\n".join(terms) not in existing)


def unseed(apps, schema_editor):
    SynonymGroup = apps.get_model("portal_search", "SynonymGroup")
    SynonymGroup.objects.filter(terms__in=["\n".join(terms) for terms in SYNONYM_GROUPS]).delete()


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0001_synonym_group")]

    operations = [migrations.RunPython(seed, unseed)]
