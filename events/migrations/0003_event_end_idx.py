from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("events", "0002_polls_exchange")]

    operations = [
        migrations.AddIndex(model_name="event", index=models.Index(fields=["end"], name="event_end_idx")),
    ]
