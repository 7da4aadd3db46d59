"""``receive_mail``: one RFC 5322 message on standard input, as an MTA's pipe transport delivers it.

Exit status (sysexits): 0 accepted or dropped on purpose, 65 unreadable, 67 unknown address,
75 try again later.
"""

import sys

from django.core.management.base import BaseCommand

from mail.inbound import EX_OK, receive


class Command(BaseCommand):
    help = "Read one email from standard input: a reply to a discussion or a bounce."

    def add_arguments(self, parser):
        parser.add_argument(
            "--recipient", help="The envelope recipient, if the MTA passes it (e.g. Postfix ${recipient})."
        )

    def handle(self, *args, recipient=None, **options):
        raw = sys.stdin.buffer.read()  # bytes: the message's own encodings decide, not the locale
        status = receive(raw, recipient=recipient)
        if status != EX_OK:
            sys.exit(status)
