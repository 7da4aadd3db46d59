"""The bylaws' rules on offices as PostgreSQL exclusion constraints.

SQLite (the quick-start database) has no exclusion constraints; there
members.bylaws.office_conflicts (called from Mandate.clean) is the guard.
A term includes its last day, hence the closed range '[]'; an open end is unbounded.
"""

from django.db import migrations

TERM = 'daterange(start, "end", \'[]\')'
BOARD = "('chair', 'deputy_chair', 'treasurer', 'board_member')"

CONSTRAINTS = {
    "mandate_one_chair_at_a_time": f"EXCLUDE USING gist ({TERM} WITH &&) WHERE (role = 'chair')",
    "mandate_one_delegate_per_organisation": (
        f"EXCLUDE USING gist (organisation_id WITH =, {TERM} WITH &&) WHERE (role = 'delegate')"
    ),
    "mandate_auditor_not_on_board": (
        f"EXCLUDE USING gist (person_id WITH =, {TERM} WITH &&, "
        f"(CASE WHEN role = 'auditor' THEN 'auditor' ELSE 'board' END) WITH <>) "
        f"WHERE (role = 'auditor' OR role IN {BOARD})"
    ),
}


def add(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    for name, definition in CONSTRAINTS.items():
        schema_editor.execute(f"ALTER TABLE members_mandate ADD CONSTRAINT {name} {definition}")


def remove(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in CONSTRAINTS:
        schema_editor.execute(f"ALTER TABLE members_mandate DROP CONSTRAINT IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("members", "0003_auditentry_consentrecord_membershipfee_and_more")]

    operations = [migrations.RunPython(add, remove, elidable=False)]
