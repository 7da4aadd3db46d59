"""The site, its applications, data, accounts, languages and files (see defus/settings/__init__.py)."""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from kernel.env import (
    env_bool,
    env_daily_time,
    env_int,
    env_list,
    env_required,
    env_str,
    env_url,
    local_secret_key,
)

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = env_bool("DEBUG", True)
# Fixed at start; test runners flip DEBUG itself, this says which configuration we are in.
PRODUCTION = not DEBUG

if DEBUG:
    # A key of this checkout (var/ is ignored by git), never one from the repository.
    SECRET_KEY = env_str("SECRET_KEY", "").strip() or local_secret_key(BASE_DIR / "var" / "secret_key")
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
else:
    SECRET_KEY = env_required("SECRET_KEY")
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [])
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is false (comma-separated host names).")

SITE_URL = env_url("SITE_URL", "http://127.0.0.1:8000", schemes={"http", "https"}).rstrip("/")
if not DEBUG:
    # Production needs its services named explicitly; nothing falls back silently.
    env_required("DATABASE_URL")
    env_required("REDIS_URL")

# --- Applications -------------------------------------------------------------

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",  # the library's search vector (topics); harmless on SQLite
    "defus.apps.AdminConfig",
    "defus",
    "members",
    "topics",
    "events",
    "funding",
    "assemblies",
    "operations",
    "mail",
    "analyses",
    "circulars",
    "publicsite",
    "practices",
    "fees",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "crispy_forms",
    "crispy_bootstrap5",
    "rules",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "defus.middleware.NulByteMiddleware",
    "kernel.uploads.UploadLimitMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "defus.middleware.LanguageMiddleware",
    "defus.middleware.PrivatePagesMiddleware",
    "members.middleware.StaffMFAMiddleware",
    "members.middleware.MemberAccessMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "defus.urls"
WSGI_APPLICATION = "defus.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "defus.context_processors.portal",
            ],
        },
    },
]

# --- Data ---------------------------------------------------------------------

DATABASE_URL = env_url(
    "DATABASE_URL",
    f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
    schemes={"sqlite", "postgres", "postgresql", "pgsql"},
)
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("CONN_MAX_AGE", 60, minimum=0))}
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several threads (runserver, live server in tests) share the file.
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    DATABASES["default"]["CONN_MAX_AGE"] = 0
elif not DEBUG and not DATABASE_URL.startswith(("postgres", "pgsql")):
    raise ImproperlyConfigured("DATABASE_URL must point to PostgreSQL when DEBUG is false.")

REDIS_URL = env_str("REDIS_URL").strip()
if REDIS_URL:
    env_url("REDIS_URL", REDIS_URL, schemes={"redis", "rediss", "unix"})
    CACHES = {
        "default": {
            # Falls back to an in-process cache while Redis is down (kernel/cache.py).
            "BACKEND": "kernel.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "defus",
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Accounts -----------------------------------------------------------------

AUTH_USER_MODEL = "members.User"
AUTHENTICATION_BACKENDS = [
    # First: the backend that logs people in (email + password); force_login uses it too.
    "allauth.account.auth_backends.AuthenticationBackend",
    "members.backends.BylawsBackend",
    "rules.permissions.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"

ACCOUNT_ADAPTER = "mail.adapter.AccountAdapter"
ACCOUNT_FORMS = {
    "login": "members.forms.SignInForm",
    "signup": "members.forms.InvitedSignupForm",
    # A reset link goes only to a confirmed address (see members.services.person_email_change_request).
    "reset_password": "members.forms.VerifiedResetPasswordForm",
}
# One sign-in address per person; a new one replaces it only once confirmed from that address.
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[DEFUS] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if SITE_URL.startswith("https") else "http"
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "5/5m/key,20/5m/ip",
    "signup": "10/h/ip",
    "reset_password": "5/h/ip,3/h/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
    "change_password": "5/m/user",
}
# Behind the recommended reverse proxy every request comes from the proxy's address; allauth takes the
# client's address from X-Forwarded-For only when told how many proxies (under our control) add to it,
# so the login and reset rate limits count per client, not for everyone at once.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0, minimum=0)
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "DEFUS"
# Staff (admin access) must use a second factor in production; see members.middleware.
MFA_REQUIRED_FOR_STAFF = env_bool("MFA_REQUIRED_FOR_STAFF", not DEBUG)

INVITATION_VALID_DAYS = 14

# Members' meeting (bylaws): the invitation with the agenda goes out at least this many weeks ahead;
# a resolution is valid when this share of those entitled to vote took part; a delegate may hold
# at most this many written proxies of other member organisations per meeting.
ASSEMBLY_NOTICE_WEEKS = env_int("ASSEMBLY_NOTICE_WEEKS", 4, minimum=0)
ASSEMBLY_QUORUM_PERCENT = env_int("ASSEMBLY_QUORUM_PERCENT", 50, minimum=0)
if ASSEMBLY_QUORUM_PERCENT > 100:
    raise ImproperlyConfigured(f"ASSEMBLY_QUORUM_PERCENT must be at most 100, got {ASSEMBLY_QUORUM_PERCENT}.")
ASSEMBLY_PROXIES_PER_DELEGATE = env_int("ASSEMBLY_PROXIES_PER_DELEGATE", 1, minimum=0)

# Public events: guests' data is deleted this many days after the event; the guest form takes at most
# this many requests an hour from one IP address and for one email address; a confirmation link is valid 48 h.
GUEST_RETENTION_DAYS = env_int("GUEST_RETENTION_DAYS", 90, minimum=0)
GUEST_REGISTRATION_RATE_LIMIT = env_int("GUEST_REGISTRATION_RATE_LIMIT", 5, minimum=1)
GUEST_CONFIRMATION_HOURS = 48

# --- Internationalisation -----------------------------------------------------

LANGUAGE_CODE = env_str("LANGUAGE_CODE", "de")
LANGUAGES = [("de", _("German")), ("en", _("English"))]
if LANGUAGE_CODE not in dict(LANGUAGES):
    raise ImproperlyConfigured(f"LANGUAGE_CODE must be one of de, en, got {LANGUAGE_CODE!r}.")
# The overrides come first and win: allauth's German says "du", the portal says "Sie".
LOCALE_PATHS = [BASE_DIR / "locale_overrides", BASE_DIR / "locale"]
# Dates in lists and dashboards read "30. November 2026" / "30 November 2026" (issue 28): defus/formats/.
FORMAT_MODULE_PATH = ["defus.formats"]
TIME_ZONE = env_str("TIME_ZONE", "Europe/Berlin")
try:
    import zoneinfo

    zoneinfo.ZoneInfo(TIME_ZONE)
except (zoneinfo.ZoneInfoNotFoundError, ValueError):
    raise ImproperlyConfigured(
        f"TIME_ZONE must be an IANA time zone such as Europe/Berlin, got {TIME_ZONE!r}."
    ) from None
USE_I18N = True
USE_TZ = True

# --- Static files ---------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
# Backups (operations app): archives go here, at this local time every day; with a passphrase they are
# encrypted (GnuPG). Keep the folder on another disk or copy it off the server (README, Backups).
BACKUP_DIR = Path(env_str("BACKUP_DIR", str(BASE_DIR / "var" / "backups")))
BACKUP_HOUR, BACKUP_MINUTE = env_daily_time("BACKUP_AT", "03:30")
BACKUP_PASSPHRASE = env_str("BACKUP_PASSPHRASE")
# Signs each archive's manifest (HMAC-SHA256) and is never written into an archive, so nobody who can only change
# the backups can make an altered archive restore. Keep it outside the backups too (password safe): a restore on
# a new machine needs it. Unset: derived from SECRET_KEY (operations/signing.py).
BACKUP_SIGNING_KEY = env_str("BACKUP_SIGNING_KEY").strip()
if BACKUP_SIGNING_KEY and len(BACKUP_SIGNING_KEY) < 32:
    raise ImproperlyConfigured("BACKUP_SIGNING_KEY must be at least 32 characters long (openssl rand -hex 32).")
# The PostgreSQL login a restore loads the database with (same server and database as DATABASE_URL); it must not
# be a superuser. Unset: DATABASE_URL's own login. Password from BACKUP_RESTORE_PASSWORD, else ~/.pgpass.
BACKUP_RESTORE_ROLE = env_str("BACKUP_RESTORE_ROLE").strip()
BACKUP_RESTORE_PASSWORD = env_str("BACKUP_RESTORE_PASSWORD")
DOCUMENT_MAX_BYTES = 20 * 1000 * 1000
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Files above this go to a temporary file, never into memory; beyond DOCUMENT_MAX_BYTES reading stops
# (kernel/uploads.py), and a request declaring a larger body is refused before it is read.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_HANDLERS = [
    "kernel.uploads.SizeLimitUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# Uploaded files are members' documents, read by the portal alone: not by every account on the server (Django's
# default is 0o644; the storage below applies these to every file and folder it creates, whatever the umask).
FILE_UPLOAD_PERMISSIONS = 0o640
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o750
STORAGES = {
    # Uploads are never served by URL; downloads go through views that check rights.
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
