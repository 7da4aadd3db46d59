"""Queue Celery tasks only once the surrounding transaction has committed.

A task queued inside a transaction could run before the rows it reads exist
(or after they were rolled back); on_commit closes that gap.
"""

from functools import partial

from django.db import transaction


def enqueue(task, *args, **kwargs) -> None:
    transaction.on_commit(partial(task.delay, *args, **kwargs))
