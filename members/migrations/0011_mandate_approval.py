"""Four eyes for delegates: an appointment entered by one person waits for a second one's approval.

Until then it is no office: the PostgreSQL exclusion constraints of 0004 and 0006 (one delegate per organisation,
one delegate office per person) are made again without the rows awaiting approval, so a successor can be
requested while the current delegate is in office; the approval ends that term first (members.services.offices).
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

TERM = "daterange(start, \"end\", '[]')"
IN_FORCE = "role = 'delegate' AND NOT awaiting_approval"
# The constraints of 0004 and 0006, by the column they keep apart.
EXCLUSIONS = {
    "mandate_one_delegate_per_organisation": "organisation_id",
    "mandate_one_delegate_office_per_person": "person_id",
}


def _recreate(schema_editor, where: str) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, column in EXCLUSIONS.items():
        schema_editor.execute(f"ALTER TABLE members_mandate DROP CONSTRAINT IF EXISTS {name}")
        schema_editor.execute(
            f"ALTER TABLE members_mandate ADD CONSTRAINT {name} "
            f"EXCLUDE USING gist ({column} WITH =, {TERM} WITH &&) WHERE ({where})"
        )


def only_offices_in_force(apps, schema_editor):
    _recreate(schema_editor, IN_FORCE)


def every_delegate_row(apps, schema_editor):
    _recreate(schema_editor, "role = 'delegate'")


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0010_address_change"),
        ("topics", "0006_follow_every_post"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="mandate",
            options={
                "ordering": ["-start"],
                "permissions": [("approve_mandate", "Can approve an appointment entered by another person")],
                "verbose_name": "office",
                "verbose_name_plural": "offices",
            },
        ),
        migrations.AddField(
            model_name="mandate",
            name="approved_by",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="approved by",
            ),
        ),
        migrations.AddField(
            model_name="mandate",
            name="awaiting_approval",
            field=models.BooleanField(default=False, editable=False, verbose_name="awaiting approval"),
        ),
        migrations.AddField(
            model_name="mandate",
            name="requested_by",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="entered by",
            ),
        ),
        migrations.AddConstraint(
            model_name="mandate",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("approved_by__isnull", True),
                    models.Q(("approved_by", models.F("requested_by")), _negated=True),
                    _connector="OR",
                ),
                name="mandate_approved_by_a_second_person",
                violation_error_message="A second person approves an appointment, not the one who entered it.",
            ),
        ),
        migrations.RunPython(only_offices_in_force, every_delegate_row, elidable=False),
    ]
