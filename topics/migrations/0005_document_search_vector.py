"""Full-text search of the library: a stored search vector kept by a trigger, with a GIN index (PostgreSQL).

Ranking a search used to parse the title and description of every match again; at 20,000 documents a common
word took most of a second. SQLite keeps the column empty and searches by substring (topics.selectors).
"""

import django.contrib.postgres.search
from django.db import migrations

VECTOR = (
    "setweight(to_tsvector('german'::regconfig, coalesce({row}title, '')), 'A') || "
    "setweight(to_tsvector('german'::regconfig, coalesce({row}description, '')), 'B')"
)

FORWARD = [
    f"""CREATE FUNCTION topics_document_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        NEW.search_vector := {VECTOR.format(row="NEW.")};
        RETURN NEW;
    END
    $$""",
    """CREATE TRIGGER topics_document_search_vector BEFORE INSERT OR UPDATE OF title, description
    ON topics_document FOR EACH ROW EXECUTE FUNCTION topics_document_search_vector()""",
    f"UPDATE topics_document SET search_vector = {VECTOR.format(row='')}",
    "CREATE INDEX topics_document_search_vector_gin ON topics_document USING gin (search_vector)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS topics_document_search_vector_gin",
    "DROP TRIGGER IF EXISTS topics_document_search_vector ON topics_document",
    "DROP FUNCTION IF EXISTS topics_document_search_vector()",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARD:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("topics", "0004_document_event")]

    operations = [
        migrations.AddField(
            model_name="document",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(forward, backward),
    ]
