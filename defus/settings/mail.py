"""Settings of the mail path and the task queue: outgoing and incoming mail, Celery and its beat schedule."""

from urllib.parse import urlsplit

from celery.schedules import crontab

from defus.settings.base import BACKUP_HOUR, BACKUP_MINUTE, BASE_DIR, REDIS_URL, SITE_URL, TIME_ZONE
from kernel.env import email_mailer, env_host, env_int, env_optional_url, env_str, env_url, env_weekly_time

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
# The authserv-id of the receiving MTA's Authentication-Results header: a reply posts only with its DMARC pass.
# Unset: with DEBUG replies are taken unchecked (and logged so), in production refused (README "Receiving mail").
INBOUND_AUTHSERV_ID = env_str("INBOUND_AUTHSERV_ID").strip().lower()
# Seconds receive_mail may take for one message before it answers 75, so the MTA retries later.
INBOUND_TIME_LIMIT = env_int("INBOUND_TIME_LIMIT", 60, minimum=1)

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
# and the task waits in the outbox (kernel/tasks.py) until flush_outbox publishes it.
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
    "certificate-mails": {"task": "events.tasks.send_certificate_mails", "schedule": crontab(minute=25)},
    "purge-expired-records": {"task": "members.tasks.purge_expired_records", "schedule": crontab(hour=3, minute=30)},
    "remind-ending-offices": {"task": "members.tasks.remind_ending_offices", "schedule": crontab(hour=7, minute=0)},
    # Once, seven days after an unused invitation went out (claimed with a conditional UPDATE).
    "remind-invitations": {"task": "members.tasks.remind_invitations", "schedule": crontab(hour=9, minute=0)},
    "clear-expired-sessions": {"task": "defus.tasks.clear_expired_sessions", "schedule": crontab(hour=3, minute=15)},
    "purge-held-uploads": {"task": "topics.tasks.purge_held_uploads", "schedule": crontab(hour=3, minute=45)},
    "flush-outbox": {"task": "defus.tasks.flush_outbox", "schedule": 60.0},
    "close-due-ballots": {"task": "assemblies.tasks.close_due_ballots", "schedule": crontab(minute="*/5")},
    "backup": {"task": "operations.tasks.run_backup", "schedule": crontab(hour=BACKUP_HOUR, minute=BACKUP_MINUTE)},
    "check-backups": {"task": "operations.tasks.check_backups", "schedule": crontab(minute=45)},
    "retry-failed-circulars": {"task": "circulars.tasks.retry_failed_circulars", "schedule": crontab(minute=20)},
    "purge-guest-data": {"task": "events.tasks.purge_guest_data", "schedule": crontab(hour=3, minute=45)},
}
if INBOUND_IMAP_URL:
    CELERY_BEAT_SCHEDULE["poll-inbound-mail"] = {"task": "mail.tasks.poll_inbound_mail", "schedule": 60.0}
