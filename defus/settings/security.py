"""Security headers and cookies, forms and admin, the association's legal details, logging."""

from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from defus.settings.base import DEBUG, SITE_URL
from kernel.env import env_address, env_bool, env_int, env_str

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

# Argon2id at OWASP's minimum first (defus/hashers.py: about 30 ms of CPU per sign-in instead of PBKDF2's 500 ms);
# PBKDF2 hashes stored before still sign in and are rewritten as Argon2id at that sign-in.
PASSWORD_HASHERS = [
    "defus.hashers.Argon2idHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

# --- Forms, admin, logging ----------------------------------------------------

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
# The list filters offer "all" for no choice (django-filter's default is "---------").
FILTERS_EMPTY_CHOICE_LABEL = _("all")
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
# Official post (circulars, invitations to the members' meeting, vote receipts, proxy notices) comes from the
# secretariat's own address, so that a member's reply reaches a person there (DEFAULT_FROM_EMAIL may be no-reply).
OFFICIAL_FROM_EMAIL = env_address("OFFICIAL_FROM_EMAIL", f"DEFUS Geschäftsstelle <{IMPRESSUM['email']}>")
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
