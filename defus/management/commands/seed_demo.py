import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from analyses import demo as analyses_demo
from assemblies import demo as assemblies_demo
from circulars import demo as circulars_demo
from events import demo as events_demo
from funding import demo as funding_demo
from mail import demo as mail_demo
from members import demo as members_demo
from practices import demo as practices_demo
from publicsite import demo as public_demo
from topics import demo as topics_demo
from topics import demo_scale as topics_demo_scale


class Command(BaseCommand):
    help = (
        "Create the demo association (idempotent). --scale N adds N times more data for benchmarks "
        "(15 organisations, 300 people, 10 working groups, 2,000 posts, 400 events, 100 calls, 1,000 documents "
        "per N); running it again with the same N adds nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=0, help="add N times more of everything (bulk inserts)")

    def handle(self, *args, scale: int, **options):
        if settings.PRODUCTION:
            raise CommandError("Demo data never loads into a production configuration (DEBUG is false).")
        if scale < 0:
            raise CommandError("--scale must be 0 or more.")
        password = os.environ.get("DEMO_PASSWORD", "defus-demo")
        with transaction.atomic():
            seeded = members_demo.seed(password=password)
            mail_demo.seed_digest_note()
            topics_demo.seed(people=seeded["people"])
            topics_demo.seed_content(people=seeded["people"])
            topics_demo.seed_inquiries(people=seeded["people"])
            events_demo.seed(people=seeded["people"])
            events_demo.seed_planning(people=seeded["people"])
            funding_demo.seed()
            funding_demo.seed_interests(people=seeded["people"])
            assemblies_demo.seed(people=seeded["people"])
            analyses_demo.seed()
            practices_demo.seed(people=seeded["people"])
            public_demo.seed()
            circulars_demo.seed(people=seeded["people"])
        if scale:
            # Scale data tops up to N times the base amounts: the same N twice adds nothing, a larger N adds the rest.
            with transaction.atomic():
                members_demo.seed_scale(factor=scale, password=password)
                topics_demo_scale.seed_scale(factor=scale)
                events_demo.seed_scale(factor=scale)
                topics_demo_scale.seed_scale_content(factor=scale)
                funding_demo.seed_scale(factor=scale)
        self.stdout.write(
            self.style.SUCCESS(f"Demo data ready (scale {scale}). Password for demo accounts: {password}")
        )
