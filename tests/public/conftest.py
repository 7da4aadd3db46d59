import pytest
from django.db import transaction


@pytest.fixture(autouse=True)
def _tasks_at_once(monkeypatch):
    """Emails are queued on commit; a test's transaction never commits, so run them where they are queued."""
    monkeypatch.setattr(transaction, "on_commit", lambda callback, using=None, robust=False: callback())
