"""Demo circulars: one sent last month to all members (its deliveries recorded as sent, no mail
goes out during the seed) and one draft. Keyed by title, so running the seed twice changes nothing."""

import datetime

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from circulars.models import Circular, CircularDelivery
from circulars.selectors import email_recipients

# Titles without "Rundschreiben:": every subject starts with it already. Seeds before that named them with it.
SENT_TITLE = "Einladung zum Fachaustausch Wohnungseinbruch und neue Arbeitshilfen"
DRAFT_TITLE = "Mitgliedsbeiträge und Termine im neuen Jahr"
_EARLIER = "Rundschreiben: "

# No greeting in the text: every email opens with its recipient's salutation (kernel.letters), and the
# archive shows the text as it stands.
SENT_BODY = """Die Arbeitsgruppe **Wohnungseinbruch** lädt zum nächsten Fachaustausch ein. Bitte melden Sie sich
im Portal unter *Veranstaltungen* an.

Außerdem finden Sie in der Bibliothek neue Arbeitshilfen:

- Leitfaden kommunale Sicherheitsbefragung
- Checkliste Einbruchschutz im Quartier

Mit freundlichen Grüßen
Ihre DEFUS-Geschäftsstelle"""

SENT_BODY_EN = """The working group on **residential burglary** invites you to its next exchange. Please register
in the portal under *Events*.

You will also find new guidance in the library.

Kind regards
The DEFUS secretariat"""

DRAFT_BODY = """Die Rechnungen für die Mitgliedsbeiträge des kommenden Jahres gehen im Januar hinaus. Die Termine
der Gremien finden Sie schon jetzt im Kalender.

Ihre DEFUS-Geschäftsstelle"""


def seed(*, people: dict) -> None:
    secretariat = people["sekretariat@defus.example"]
    if not Circular.objects.filter(title__in=[SENT_TITLE, _EARLIER + SENT_TITLE]).exists():
        # The same day last month, in the morning (Berlin time): last month on any day the seed runs.
        sent_at = (timezone.localtime() - relativedelta(months=1)).replace(hour=10, minute=0, second=0, microsecond=0)
        circular = Circular.objects.create(
            title=SENT_TITLE,
            body=SENT_BODY,
            title_en="Invitation to the exchange on residential burglary and new guidance",
            body_en=SENT_BODY_EN,
            audience=Circular.Audience.ALL,
            status=Circular.Status.SENT,
            created_by=secretariat,
            created_at=sent_at - datetime.timedelta(days=1),
            sent_at=sent_at,
            sent_by=secretariat,
        )
        # Recorded as delivered; the seed sends no mail.
        CircularDelivery.objects.bulk_create(
            [
                CircularDelivery(
                    circular=circular,
                    person_id=pk,
                    status=CircularDelivery.Status.SENT,
                    attempts=1,
                    claimed_at=sent_at,
                    sent_at=sent_at,
                )
                for pk in email_recipients(circular).values_list("pk", flat=True)
            ],
            ignore_conflicts=True,
        )
    if Circular.objects.filter(title=_EARLIER + DRAFT_TITLE).exists():
        return
    Circular.objects.get_or_create(
        title=DRAFT_TITLE,
        defaults={"body": DRAFT_BODY, "audience": Circular.Audience.ALL, "created_by": secretariat},
    )
