"""On PostgreSQL, trigram matching for the site search's fuzzy fallback.

modelsearch's database backend answers ``Fuzzy`` queries on PostgreSQL with pg_trgm's
word similarity over the plain-text copies of the index (``title_text``, ``body_text``).
This migration does what its ``enable_trigram`` command does for accent-sensitive fuzzy
search: the pg_trgm extension (trusted: a database owner may create it) and GIN trigram
indexes, named as that command names them so wagtailsearch's own rollback drops them.
Elsewhere this migration does nothing.
"""

from django.db import migrations

INDEXES = {"modelsearch_title_text_trgm": "title_text",
           "modelsearch_body_text_trgm": "body_text"}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = schema_editor.quote_name(apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table)
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, column in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({column} gin_trgm_ops)")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("portal_search", "0003_folded_text_search"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create, drop)]
