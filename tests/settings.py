"""Test settings: the real settings, with fast hashing and in-memory email."""

import os
from urllib.parse import urlsplit

# Parallel test workers (pytest-xdist, `make test`) each get their own test database from pytest-django;
# they get their own Redis database here, before the settings read REDIS_URL, so caches, rate limits and
# the Celery queue of one worker (and the worker processes its tests start) never meet another's.
_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
if _worker and os.environ.get("REDIS_URL"):
    _parts = urlsplit(os.environ["REDIS_URL"])
    _base = int(_parts.path.strip("/") or 0)
    os.environ["REDIS_URL"] = _parts._replace(path=f"/{(_base - int(_worker.removeprefix('gw'))) % 16}").geturl()

from defus.settings import *  # noqa: E402, F403

# A fixed key only for the test run, so worker processes the tests start sign like the test process.
SECRET_KEY = "tests-only-key-" + "0" * 40
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
# Tasks run in-process unless a test starts a real worker (tests/services).
CELERY_TASK_ALWAYS_EAGER = True
MFA_REQUIRED_FOR_STAFF = False
ACCOUNT_RATE_LIMITS = False
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
# Serve static files from the source folders, as in development (no collectstatic in tests).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
import tempfile  # noqa: E402

MEDIA_ROOT = tempfile.mkdtemp(prefix="defus-test-media-")
