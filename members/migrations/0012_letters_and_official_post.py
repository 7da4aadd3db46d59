"""One voice in every letter and official post that is not a newsletter (issue 26).

The Anrede becomes a choice (Frau, Herr or none); imported spellings of it ("Fr.", "Hr.", "Mrs", "MR")
are read as what they mean, anything else stays as it was (the salutation rule reads it as none).
A person may choose official post in the portal only; the time of that choice is kept.
"""

from django.db import migrations, models

_MS = {"frau", "fr", "ms", "mrs", "miss"}
_MR = {"herr", "hr", "mr"}


def read_imported_salutations(apps, schema_editor):
    User = apps.get_model("members", "User")
    for person in User.objects.exclude(salutation__in=["", "Frau", "Herr"]).only("pk", "salutation"):
        key = person.salutation.strip().rstrip(".").lower()
        form = "Frau" if key in _MS else "Herr" if key in _MR else None
        if form:
            User.objects.filter(pk=person.pk).update(salutation=form)


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0011_mandate_approval"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="official_post_portal_only_since",
            field=models.DateTimeField(
                blank=True,
                editable=False,
                null=True,
                verbose_name="official post in the portal only, not by email, since",
            ),
        ),
        migrations.AlterField(
            model_name="consentrecord",
            name="subject",
            field=models.CharField(
                choices=[
                    ("directory_email", "Email address visible in the directory"),
                    ("directory_phone", "Phone number visible in the directory"),
                    ("directory_position", "Position visible in the directory"),
                    ("digest", "Weekly digest by email"),
                    ("official_post_portal_only", "Official post in the portal only, not by email"),
                ],
                max_length=40,
                verbose_name="subject",
            ),
        ),
        migrations.AlterField(
            model_name="user",
            name="salutation",
            field=models.CharField(
                blank=True,
                choices=[("Frau", "Ms"), ("Herr", "Mr")],
                help_text="How letters address the person; without one they open with “Guten Tag” and the full name.",
                max_length=20,
                verbose_name="salutation",
            ),
        ),
        migrations.AlterField(
            model_name="user",
            name="title",
            field=models.CharField(
                blank=True, help_text="For example Dr. or Prof. Dr.", max_length=40, verbose_name="academic title"
            ),
        ),
        migrations.RunPython(read_imported_salutations, migrations.RunPython.noop),
    ]
