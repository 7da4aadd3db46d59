"""Digest benchmark: compose and send N digests through a local SMTP server, against sending N pre-rendered messages.

    python bench/digest.py [--recipients 5000]     # uses DATABASE_URL (a database seeded with seed_demo --scale)

Both halves go over the same aiosmtpd server in the same process, in batches of DIGEST_BATCH_SIZE over one SMTP
connection per batch, exactly as the portal's worker sends. Printed: seconds for each, their ratio (target at most 3),
queries per batch (the same for every batch, not per person) and the process's peak memory (target under 300 MB).
The deliveries written for the benchmark's own period are removed afterwards.
"""

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


class _CountingHandler:
    """Accepts and counts messages; keeps nothing, so memory measures the portal, not the server."""

    def __init__(self):
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        return "250 OK"


def _setup(database_url: str):
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "defus.settings")
    import django

    django.setup()


def run(database_url: str, recipients: int = 5000) -> dict:
    _setup(database_url)
    import datetime
    import socket

    from aiosmtpd.controller import Controller
    from django.conf import settings
    from django.db import connection
    from django.test.utils import CaptureQueriesContext, override_settings
    from django.utils import timezone

    from kernel.digest_schedule import Period
    from mail.digest import compose
    from mail.digest.sending import send_batch
    from mail.models import DigestDelivery
    from members.models import DigestFrequency, Organisation, User

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    handler = _CountingHandler()
    server = Controller(handler, hostname="127.0.0.1", port=port)
    server.start()
    mailers = {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                           "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 10}}}  # fmt: skip
    now = timezone.now()
    # A period of its own (the last seven days up to now), so the benchmark never touches real deliveries.
    period = Period(sending=now, since=now - datetime.timedelta(days=7))
    size = settings.DIGEST_BATCH_SIZE
    try:
        with override_settings(MAILERS=mailers):
            ids = list(
                User.objects.filter(
                    is_active=True, digest=DigestFrequency.WEEKLY, organisation__status=Organisation.Status.ACTIVE
                )
                .order_by("pk")
                .values_list("pk", flat=True)[:recipients]
            )
            batches = [ids[start : start + size] for start in range(0, len(ids), size)]

            # 1. Compose and send, as the worker does.
            queries, outcome = [], {"sent": 0, "skipped": 0, "failed": 0}
            started = time.perf_counter()
            for batch in batches:
                with CaptureQueriesContext(connection) as captured:
                    result = send_batch(run_id=None, period=period, person_ids=batch)
                queries.append(len(captured))
                for key in outcome:
                    outcome[key] += len(result[key])
            composed_seconds = time.perf_counter() - started
            composed_received = handler.count

            # 2. The same number of messages, rendered beforehand, over the same server.
            people = compose.load_people(ids[:size])
            sections = compose.load_sections(compose.prepare_batch(people, period))
            template = next(
                (compose.build_digest(p, parts, period) for p in people if (parts := compose.parts_for(p, sections))),
                None,
            )
            messages = []
            for number in range(outcome["sent"] if template else 0):
                copy = type(template)(
                    subject=template.subject, body=template.body, from_email=template.from_email,
                    to=[f"prerendered{number}@bench.example"], headers=template.extra_headers,
                )  # fmt: skip
                copy.alternatives = list(template.alternatives)
                messages.append(copy)
            from django.core.mail import mailers as configured

            started = time.perf_counter()
            for start in range(0, len(messages), size):
                backend = configured["default"]
                backend.open()
                try:
                    for message in messages[start : start + size]:
                        backend.send_messages([message])
                finally:
                    backend.close()
            prerendered_seconds = time.perf_counter() - started
            prerendered_received = handler.count - composed_received
    finally:
        DigestDelivery.objects.filter(period=period.sending).delete()
        server.stop()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "recipients": len(ids),
        "batches": len(batches),
        "sent": outcome["sent"],
        "skipped_nothing_new": outcome["skipped"],
        "failed": outcome["failed"],
        "received_by_smtp": composed_received,
        "composed_seconds": round(composed_seconds, 2),
        "prerendered_messages": prerendered_received,
        "prerendered_seconds": round(prerendered_seconds, 2),
        "ratio": round(composed_seconds / prerendered_seconds, 2) if prerendered_seconds else None,
        "queries_per_batch": sorted(set(queries)),
        "peak_memory_mb": round(peak_mb, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--recipients", type=int, default=5000)
    args = parser.parse_args()
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url:
        sys.exit("Set DATABASE_URL to a database seeded with `manage.py seed_demo --scale N`.")
    figures = run(database_url, recipients=args.recipients)
    for key, value in figures.items():
        print(f"{key:>22}: {value}")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
