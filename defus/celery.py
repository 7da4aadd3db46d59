"""The Celery app, configured from Django settings (``CELERY_*``).

Without REDIS_URL tasks run eagerly in-process (quick start and tests);
with it they go through Redis to `celery -A defus worker`.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "defus.settings")

app = Celery("defus")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
