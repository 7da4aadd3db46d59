from django.core.management.base import BaseCommand
from django.utils import timezone

from kernel.digest_schedule import current_period
from mail import delivery
from mail.digest.sending import dispatch, due_people, preview


class Command(BaseCommand):
    help = (
        "Send every weekly digest that is due now (the latest sending time has passed and the person has no "
        "delivery for that period). Running it twice sends nothing twice. With a worker (REDIS_URL) the batches "
        "are queued; without one they are sent right here."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="compose and count, send and record nothing")

    def handle(self, *args, dry_run: bool, **options):
        period = current_period()
        when = timezone.localtime(period.sending).strftime("%Y-%m-%d %H:%M %Z")
        if dry_run:
            ids = list(due_people(period).values_list("pk", flat=True))
            non_empty = sum(
                1
                for batch in delivery.batches(ids)
                for _person, parts in preview(period=period, person_ids=batch)
                if parts
            )
            self.stdout.write(
                f"Period {when}: {len(ids)} due, {non_empty} would be sent, {len(ids) - non_empty} have nothing new. "
                "Nothing was sent (dry run)."
            )
            return
        run = dispatch()
        if run is None:
            self.stdout.write(f"Period {when}: no digest is due.")
            return
        run.refresh_from_db()
        self.stdout.write(
            f"Period {when}: {run.recipients} due in {run.batches} batches; so far sent {run.sent}, "
            f"skipped {run.skipped} (nothing new), failed {run.failed}."
        )
