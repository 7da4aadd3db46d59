"""One person holds at most one delegate office at a time (one organisation's vote, not several).

Like 0004, a PostgreSQL exclusion constraint; on SQLite members.bylaws.office_conflicts
(called from Mandate.clean and the office service) is the guard.
"""

from django.db import migrations

TERM = 'daterange(start, "end", \'[]\')'
NAME = "mandate_one_delegate_office_per_person"
DEFINITION = f"EXCLUDE USING gist (person_id WITH =, {TERM} WITH &&) WHERE (role = 'delegate')"


def add(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    schema_editor.execute(f"ALTER TABLE members_mandate ADD CONSTRAINT {NAME} {DEFINITION}")


def remove(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"ALTER TABLE members_mandate DROP CONSTRAINT IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [("members", "0005_digest")]

    operations = [migrations.RunPython(add, remove, elidable=False)]
