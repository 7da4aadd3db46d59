"""Settings for the DEFUS portal, read from the environment.

With nothing set the portal runs as a local demo: SQLite, tasks in-process,
emails written to files. With DEBUG=false the production variables are
required and a missing or malformed value stops the start (see defus/lib/env.py).
"""

from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from defus.lib.env import (
    email_mailer,
    env_bool,
    env_daily_time,
    env_host,
    env_int,
    env_list,
    env_optional_url,
    env_required,
    env_str,
    env_url,
    env_weekly_time,
    local_secret_key,
)

BASE_DIR = Path(__file__).resolve().parent.parent

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
    "defus.lib.uploads.UploadLimitMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "defus.middleware.LanguageMiddleware",
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
            # Falls back to an in-process cache while Redis is down (defus/lib/cache.py).
            "BACKEND": "defus.lib.cache.ResilientRedisCache",
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
DOCUMENT_MAX_BYTES = 20 * 1000 * 1000
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Files above this go to a temporary file, never into memory; beyond DOCUMENT_MAX_BYTES reading stops
# (defus/lib/uploads.py), and a request declaring a larger body is refused before it is read.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_HANDLERS = [
    "defus.lib.uploads.SizeLimitUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
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

# --- Email --------------------------------------------------------------------

EMAIL_URL = env_url(
    "EMAIL_URL",
    f"file://{BASE_DIR / 'var' / 'mail'}",
    schemes={"smtp", "submission", "smtps", "console", "file", "locmem", "dummy"},
)
MAILERS = {"default": email_mailer("EMAIL_URL", EMAIL_URL)}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "DEFUS Geschäftsstelle <noreply@defus.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Replies and bounces come back to personal addresses on this domain (see mail/ and the README).
REPLY_DOMAIN = env_host("REPLY_DOMAIN", urlsplit(SITE_URL).hostname or "localhost")
# Instead of an MTA pipe: a mailbox (imaps://user:password@host/INBOX) that a beat task polls every minute.
INBOUND_IMAP_URL = env_optional_url("INBOUND_IMAP_URL", schemes={"imap", "imaps"})

# --- Celery -------------------------------------------------------------------

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_BROKER_CONNECTION_TIMEOUT = 3
# A broker that is down must not hang a page: publishing gives up within about two seconds
# and the task waits in the outbox (defus/lib/tasks.py) until flush_outbox publishes it.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 3600,
    "socket_connect_timeout": 2,
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}
CELERY_TIMEZONE = TIME_ZONE
# The weekly digest goes out at this local time (an association setting, Monday 07:00 by default).
DIGEST_WEEKDAY, DIGEST_HOUR, DIGEST_MINUTE = env_weekly_time("DIGEST_SEND_AT", "mon 07:00")
DIGEST_BATCH_SIZE = env_int("DIGEST_BATCH_SIZE", 200, minimum=1)
DIGEST_RETRY_BACKOFF = env_int("DIGEST_RETRY_BACKOFF", 300, minimum=0)  # seconds, doubled on every attempt
CELERY_BEAT_SCHEDULE = {
    # Hourly on the digest's minute: the first run after the sending time sends, later ones catch up
    # on anything a stopped worker or an SMTP outage left undone, and send nothing twice.
    "send-digests": {"task": "members.tasks.dispatch_digests", "schedule": crontab(minute=DIGEST_MINUTE)},
    "funding-deadline-reminders": {"task": "funding.tasks.remind_deadlines", "schedule": crontab(hour=7, minute=30)},
    "event-reminders": {"task": "events.tasks.send_due_reminders", "schedule": crontab(minute=5)},
    "purge-expired-records": {"task": "members.tasks.purge_expired_records", "schedule": crontab(hour=3, minute=30)},
    "remind-ending-offices": {"task": "members.tasks.remind_ending_offices", "schedule": crontab(hour=7, minute=0)},
    # Once, seven days after an unused invitation went out (claimed with a conditional UPDATE).
    "remind-invitations": {"task": "members.tasks.remind_invitations", "schedule": crontab(hour=9, minute=0)},
    "clear-expired-sessions": {"task": "defus.tasks.clear_expired_sessions", "schedule": crontab(hour=3, minute=15)},
    "flush-outbox": {"task": "defus.tasks.flush_outbox", "schedule": 60.0},
    "close-due-ballots": {"task": "assemblies.tasks.close_due_ballots", "schedule": crontab(minute="*/5")},
    "backup": {"task": "operations.tasks.run_backup", "schedule": crontab(hour=BACKUP_HOUR, minute=BACKUP_MINUTE)},
    "check-backups": {"task": "operations.tasks.check_backups", "schedule": crontab(minute=45)},
    "retry-failed-circulars": {"task": "circulars.tasks.retry_failed_circulars", "schedule": crontab(minute=20)},
    "purge-guest-data": {"task": "events.tasks.purge_guest_data", "schedule": crontab(hour=3, minute=45)},
}
if INBOUND_IMAP_URL:
    CELERY_BEAT_SCHEDULE["poll-inbound-mail"] = {"task": "mail.tasks.poll_inbound_mail", "schedule": 60.0}

# --- Security -----------------------------------------------------------------

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 12
CSRF_TRUSTED_ORIGINS = [SITE_URL]
X_FRAME_OPTIONS = "DENY"
# No third-party host anywhere: everything is served from 'self'.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
if DEBUG:
    # The debug error page uses inline styles; production never does.
    SECURE_CSP["style-src"] = [CSP.SELF, CSP.UNSAFE_INLINE]

# --- Forms, admin, logging ----------------------------------------------------

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# Legal details of the association (Impressum, § 5 DDG). Overridable per installation.
IMPRESSUM = {
    "name": env_str("IMPRESSUM_NAME", "Deutsch-Europäisches Forum für Urbane Sicherheit e.V. (DEFUS)"),
    "street": env_str("IMPRESSUM_STREET", "Musterstraße 1"),
    "postcode": env_str("IMPRESSUM_POSTCODE", "10115"),
    "city": env_str("IMPRESSUM_CITY", "Berlin"),
    "email": env_str("IMPRESSUM_EMAIL", "geschaeftsstelle@defus.example"),
    "phone": env_str("IMPRESSUM_PHONE", "+49 30 1234567-0"),
    "representatives": env_str(
        "IMPRESSUM_REPRESENTATIVES",
        "der Vorstand gemäß § 26 BGB, vertreten durch die Vorsitzende und den stellv. Vorsitzenden",
    ),
    "register_court": env_str("IMPRESSUM_REGISTER_COURT", "Amtsgericht Charlottenburg"),
    "register_number": env_str("IMPRESSUM_REGISTER_NUMBER", "VR 00000 B"),
    "responsible_person": env_str("IMPRESSUM_RESPONSIBLE", "Die Geschäftsstelle, Anschrift wie oben"),
    "vat_id": env_str("IMPRESSUM_VAT_ID", ""),
}
ACCESSIBILITY_CONTACT = {
    "email": env_str("ACCESSIBILITY_EMAIL", "barrierefreiheit@defus.example"),
    "phone": env_str("ACCESSIBILITY_PHONE", IMPRESSUM["phone"]),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
