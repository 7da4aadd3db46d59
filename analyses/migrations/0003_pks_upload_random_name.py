"""PKS uploads are stored under a random name; the original one is kept (for the year it may carry) beside it."""

from pathlib import PurePosixPath

from django.db import migrations, models

import analyses.models


def keep_original_names(apps, schema_editor):
    PksImport = apps.get_model("analyses", "PksImport")
    for run in PksImport.objects.exclude(file="").only("file"):
        run.file_name = PurePosixPath(run.file.name).name[:255]
        run.save(update_fields=["file_name"])


class Migration(migrations.Migration):
    dependencies = [
        ("analyses", "0002_featured_offences_and_indicators"),
    ]

    operations = [
        migrations.AddField(
            model_name="pksimport",
            name="file_name",
            field=models.CharField(blank=True, editable=False, max_length=255, verbose_name="file name"),
        ),
        migrations.AlterField(
            model_name="pksimport",
            name="file",
            field=models.FileField(upload_to=analyses.models.pks_upload_path, verbose_name="PKS table (CSV or XLSX)"),
        ),
        migrations.RunPython(keep_original_names, migrations.RunPython.noop),
    ]
