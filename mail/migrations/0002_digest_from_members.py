# The weekly digest's records, moved here from the members app with their data: the models are taken
# over in the state only (members 0009 lets go of them), then their tables are renamed from members_* to mail_*.
# A fresh database gets the tables from members 0005 and renames them here the same way.

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


MODELS = ("digestnote", "digestrun", "digestdelivery")


def move_content_types(apps, schema_editor, source="members", target="mail"):
    """Keep the admin history (and permissions) of the three models: their content types change app label.
    A fresh database has none yet. Where the target's content type already exists (created by an earlier
    run), the history and the permissions it lacks are moved onto it and the old one goes, so nothing is
    left for remove_stale_contenttypes to delete along with its history."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    LogEntry = apps.get_model("admin", "LogEntry")
    db = schema_editor.connection.alias
    types = ContentType.objects.using(db)
    for model in MODELS:
        old = types.filter(app_label=source, model=model).first()
        if old is None:
            continue
        new = types.filter(app_label=target, model=model).first()
        if new is None:
            types.filter(pk=old.pk).update(app_label=target)
            continue
        LogEntry.objects.using(db).filter(content_type=old).update(content_type=new)
        present = set(Permission.objects.using(db).filter(content_type=new).values_list("codename", flat=True))
        Permission.objects.using(db).filter(content_type=old).exclude(codename__in=present).update(content_type=new)
        old.delete()


def move_content_types_back(apps, schema_editor):
    move_content_types(apps, schema_editor, source="mail", target="members")


class Migration(migrations.Migration):

    dependencies = [
        ('mail', '0001_initial'),
        ('members', '0009_digest_moves_to_mail'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('auth', '0012_alter_user_first_name_max_length'),
        ('admin', '0003_logentry_add_action_flag_choices'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                name='DigestRun',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('period', models.DateTimeField(db_index=True, verbose_name='period')),
                    ('started_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='started')),
                    ('finished_at', models.DateTimeField(blank=True, null=True, verbose_name='finished')),
                    ('recipients', models.PositiveIntegerField(default=0, verbose_name='due')),
                    ('sent', models.PositiveIntegerField(default=0, verbose_name='sent')),
                    ('skipped', models.PositiveIntegerField(default=0, verbose_name='skipped (nothing new)')),
                    ('failed', models.PositiveIntegerField(default=0, verbose_name='failed')),
                    ('batches', models.PositiveIntegerField(default=0, editable=False)),
                    ('batches_done', models.PositiveIntegerField(default=0, editable=False)),
                ],
                options={
                    'db_table': 'members_digestrun',
                    'verbose_name': 'digest run',
                    'verbose_name_plural': 'digest runs',
                    'ordering': ['-started_at'],
                },
                ),
                migrations.CreateModel(
                name='DigestNote',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('period', models.DateField(help_text='The day the digest with this note goes out.', unique=True, verbose_name='sending day')),
                    ('text_de', models.TextField(help_text='Markdown: *italic*, **bold**, [link](https://…).', verbose_name='text (German)')),
                    ('text_en', models.TextField(blank=True, help_text='Empty: English readers get the German text.', verbose_name='text (English)')),
                    ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                    ('author', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='author')),
                ],
                options={
                    'db_table': 'members_digestnote',
                    'verbose_name': 'note from the secretariat',
                    'verbose_name_plural': 'notes from the secretariat',
                    'ordering': ['-period'],
                },
                ),
                migrations.CreateModel(
                name='DigestDelivery',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('period', models.DateTimeField(verbose_name='period')),
                    ('status', models.CharField(choices=[('claimed', 'being sent'), ('sent', 'sent'), ('skipped', 'nothing new'), ('failed', 'failed, will be retried')], default='claimed', max_length=10, verbose_name='status')),
                    ('claim', models.UUIDField(editable=False, null=True)),
                    ('attempts', models.PositiveSmallIntegerField(default=1, verbose_name='attempts')),
                    ('error', models.CharField(blank=True, max_length=300, verbose_name='last error')),
                    ('claimed_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='claimed')),
                    ('sent_at', models.DateTimeField(blank=True, null=True, verbose_name='sent')),
                    ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='digests', to=settings.AUTH_USER_MODEL, verbose_name='person')),
                    ('run', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='deliveries', to='mail.digestrun')),
                ],
                options={
                    'db_table': 'members_digestdelivery',
                    'verbose_name': 'digest delivery',
                    'verbose_name_plural': 'digest deliveries',
                    'ordering': ['-period', 'person'],
                    'indexes': [models.Index(fields=['period', 'status'], name='members_dig_period_f47d77_idx')],
                    'constraints': [models.UniqueConstraint(fields=('person', 'period'), name='digest_once_per_person_and_period')],
                },
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name='digestrun', table=None),
        migrations.AlterModelTable(name='digestnote', table=None),
        migrations.AlterModelTable(name='digestdelivery', table=None),
        migrations.RenameIndex(
            model_name='digestdelivery',
            new_name='mail_digest_period_251687_idx',
            old_name='members_dig_period_f47d77_idx',
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
