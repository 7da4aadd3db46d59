"""mail 0002 takes the digest's records over from members with their admin history (issue 21's move).

Run backwards to the members state and forwards again: the rows and the history stay. Where the mail
content type already exists (an earlier run created it), the history moves onto it and nothing is left
for remove_stale_contenttypes to delete.
"""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("mail", "0001_initial"), ("members", "0008_organisation_municipality_key")]
AFTER = [("mail", "0002_digest_from_members"), ("members", "0009_digest_moves_to_mail")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    # The models as they are at ``targets``, with the admin's log entries (applied throughout) beside them.
    return executor.loader.project_state([*targets, ("admin", "0003_logentry_add_action_flag_choices")]).apps


def _latest():
    """Every app at its newest migration: going back to BEFORE also unapplied later migrations of members (and
    of the apps depending on it), which AFTER alone would leave out, and the tests after this one need them."""
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


@pytest.fixture
def members_state():
    apps = _migrate(BEFORE)
    yield apps
    _migrate(_latest())  # whatever the test did, the database ends where the other tests expect it


@pytest.mark.parametrize("mail_type_exists", [False, True], ids=["moved", "merged"])
def test_the_notes_and_their_history_move_to_mail(members_state, mail_type_exists):
    apps = members_state
    ContentType = apps.get_model("contenttypes", "ContentType")
    LogEntry = apps.get_model("admin", "LogEntry")
    User = apps.get_model("members", "User")
    note = apps.get_model("members", "DigestNote").objects.create(period=datetime.date(2026, 11, 30), text_de="Hinweis")
    old_type, _ = ContentType.objects.get_or_create(app_label="members", model="digestnote")
    if mail_type_exists:
        ContentType.objects.get_or_create(app_label="mail", model="digestnote")
    author = User.objects.create(email="geschaeftsstelle@example.org")
    entry = LogEntry.objects.create(
        user=author, content_type=old_type, object_id=str(note.pk), object_repr="30.11.", action_flag=2
    )

    apps = _migrate(AFTER)
    ContentType = apps.get_model("contenttypes", "ContentType")
    assert apps.get_model("mail", "DigestNote").objects.get(pk=note.pk).text_de == "Hinweis"
    assert not ContentType.objects.filter(app_label="members", model="digestnote").exists()
    moved = apps.get_model("admin", "LogEntry").objects.get(pk=entry.pk)
    assert (moved.content_type.app_label, moved.content_type.model) == ("mail", "digestnote")


def test_the_database_is_at_the_newest_migrations_again_afterwards():
    # Runs after the tests above in this module: nothing is left unapplied for the tests that follow.
    executor = MigrationExecutor(connection)
    assert not executor.migration_plan(executor.loader.graph.leaf_nodes())
