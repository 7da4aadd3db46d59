"""``receive_mail``: one RFC 5322 message on standard input, as an MTA's pipe transport delivers it.

Exit status (sysexits): 0 accepted or dropped on purpose, 65 unreadable, 67 unknown address,
75 try again later (the database is unavailable, or the message took longer than INBOUND_TIME_LIMIT
seconds: the MTA keeps it and tries again, and a pipe transport is not held for minutes by one message).
"""

import logging
import sys

from django.conf import settings
from django.core.management.base import BaseCommand

from mail.inbound import EX_OK, EX_TEMPFAIL, receive
from mail.limits import time_limit

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Read one email from standard input: a reply to a discussion or a bounce."

    def add_arguments(self, parser):
        parser.add_argument(
            "--recipient", help="The envelope recipient, if the MTA passes it (e.g. Postfix ${recipient})."
        )

    def handle(self, *args, recipient=None, **options):
        status = EX_TEMPFAIL
        with time_limit(settings.INBOUND_TIME_LIMIT) as limit:
            raw = sys.stdin.buffer.read()  # bytes: the message's own encodings decide, not the locale
            status = receive(raw, recipient=recipient)
        if limit.expired:
            logger.warning("receive_mail gave up after %s s; the MTA will try again", limit.seconds)
            status = EX_TEMPFAIL
        if status != EX_OK:
            sys.exit(status)
