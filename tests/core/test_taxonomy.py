from portal.core.enums import Region
from portal.core.models import Country, Language, Theme
from portal.core.seed_data import PROJECT_COUNTRY_CODES


def test_taxonomy_seeds_all_african_union_member_states(db):
    assert Country.objects.filter(is_au_member=True).count() == 55
    assert set(Country.objects.values_list("region", flat=True)) == set(Region.values)


def test_taxonomy_seeds_the_sixteen_project_countries(db):
    assert Country.objects.filter(iso_code__in=PROJECT_COUNTRY_CODES).count() == 16


def test_taxonomy_seeds_main_destination_countries_outside_africa(db):
    outside = set(Country.objects.filter(region=Region.OUTSIDE_AFRICA).values_list("iso_code", flat=True))
    assert {"SA", "AE", "FR", "IT", "AU"} <= outside


def test_taxonomy_seeds_the_themes_named_by_the_community(db):
    names = set(Theme.objects.values_list("name", flat=True))
    assert {"Matching skills with labour demand", "Recognition and portability of skills",
            "Pre-departure training and orientation", "Return and reintegration",
            "Skills anticipation and labour market information", "Labour migration governance",
            "Social dialogue"} <= names


def test_taxonomy_names_follow_the_active_language(db):
    from django.utils import translation

    senegal = Country.objects.get(iso_code="SN")
    with translation.override("fr"):
        assert str(senegal) == "Sénégal"
    with translation.override("en"):
        assert str(senegal) == "Senegal"
    assert Language.objects.filter(code__in=["en", "fr", "sw", "ar", "pt"]).count() == 5
