from django.db import migrations, models


def store_regions(apps, schema_editor):
    """Fill the stored regions of existing resources: explicit ones plus their countries'."""
    ResourcePage = apps.get_model("resources", "ResourcePage")
    CountryLink = ResourcePage.countries.through
    regions: dict[int, set[str]] = {}
    for page_id, explicit in ResourcePage.objects.values_list("pk", "explicit_regions"):
        regions[page_id] = {code for code in explicit.split(",") if code}
    for page_id, region in CountryLink.objects.values_list("resourcepage_id", "country__region"):
        regions.setdefault(page_id, set()).add(region)
    for page_id, codes in regions.items():
        if codes:
            ResourcePage.objects.filter(pk=page_id).update(
                region_codes="," + ",".join(sorted(codes)) + ",")


class Migration(migrations.Migration):

    dependencies = [
        ("resources", "0004_merge_0003_document_language_0003_home_page_review"),
    ]

    operations = [
        migrations.AddField(
            model_name="resourcepage",
            name="region_codes",
            field=models.CharField(blank=True, default="", editable=False, max_length=200,
                                   verbose_name="covered regions"),
        ),
        migrations.RunPython(store_regions, migrations.RunPython.noop),
    ]
