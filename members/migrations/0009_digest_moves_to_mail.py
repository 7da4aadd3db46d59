# The weekly digest's records moved to the mail app (mail 0002 takes them over with their data):
# here they leave the members app's state only; their tables stay and are renamed by mail 0002.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('members', '0008_organisation_municipality_key'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name='DigestDelivery'),
                migrations.DeleteModel(name='DigestNote'),
                migrations.DeleteModel(name='DigestRun'),
            ],
            database_operations=[],
        ),
    ]
