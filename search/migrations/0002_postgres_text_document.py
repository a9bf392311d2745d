"""PostgreSQL: the folded, weighted text document the database search matches, as an
immutable function with a GIN index over Wagtail's search entries, so a text search reads the
index instead of rebuilding every entry's document (`search.database_text`)."""

from django.db import migrations

from search.database_text import POSTGRES_ACCENTED, POSTGRES_PLAIN

FUNCTIONS = f"""
CREATE OR REPLACE FUNCTION search_folded(document tsvector) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT to_tsvector('simple', translate(
        array_to_string(tsvector_to_array(coalesce(document, ''::tsvector)), ' '),
        '{POSTGRES_ACCENTED}', '{POSTGRES_PLAIN}'))
$$;
CREATE OR REPLACE FUNCTION search_document(title tsvector, autocomplete tsvector, body tsvector)
    RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT setweight(search_folded(title), 'A') || setweight(search_folded(autocomplete), 'B')
        || setweight(search_folded(body), 'C')
$$;
CREATE INDEX IF NOT EXISTS search_indexentry_document ON wagtailsearch_indexentry
    USING gin (search_document(title, autocomplete, body));
"""

REMOVE = """
DROP INDEX IF EXISTS search_indexentry_document;
DROP FUNCTION IF EXISTS search_document(tsvector, tsvector, tsvector);
DROP FUNCTION IF EXISTS search_folded(tsvector);
"""


def _on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(_on_postgresql(FUNCTIONS), _on_postgresql(REMOVE))]
