"""On PostgreSQL, a text search configuration that folds accents before stemming.

The database search backend uses it when `SEARCH_CONFIG` names it (the production
settings do on PostgreSQL), so "Yaounde" finds "Yaoundé" in the index and in the query.
Elsewhere (SQLite's FTS5 folds accents itself) this migration does nothing.
"""

from django.db import migrations

CONFIG = "portal_folded"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    schema_editor.execute(
        f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{CONFIG}') "
        f"THEN CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = english); END IF; END $$")
    schema_editor.execute(
        f"ALTER TEXT SEARCH CONFIGURATION {CONFIG} ALTER MAPPING FOR hword, hword_part, word "
        "WITH unaccent, english_stem")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG}")


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0002_seed_synonyms")]

    operations = [migrations.RunPython(create, drop)]
