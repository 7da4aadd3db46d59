"""Test settings: the real settings, with fast hashing and in-memory email."""

from defus.settings import *  # noqa: F403

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
