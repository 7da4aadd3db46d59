"""Demo practices (invented, each title marked "(Demo)"): a dozen across the demo cities and offences, in every
state of review: drafts, submitted and unrated, one rating given, two disagreeing ratings, published at each
level (public or members only), one rated over two years ago (due again on the desk), and answers of other cities.

Dated relative to today; reviewed through the real services, so seats, reasons and dates are real. Seeding twice
changes nothing (an entry of the same title is left as it is)."""

import datetime

from django.utils import timezone

from analyses.models import Offence
from members.models import Organisation
from practices.models import Level, Practice
from practices.services import review_record, uptake_record

DAY = datetime.timedelta(days=1)

TEXT = {
    "problem": "Hohe Zahl von Wohnungseinbrüchen in zwei Altbauquartieren, vor allem in der dunklen Jahreszeit.",
    "causes": "Alte Wohnungstüren ohne Zusatzsicherung; wenig Nachbarschaftskontakt.",
    "goals": "Weniger vollendete Einbrüche in den Quartieren innerhalb von zwei Jahren.",
    "measures": "Kostenlose Sicherheitsberatung an der Haustür, Zuschuss für Zusatzschlösser, Nachbarschaftsabende.",
    "mechanism": "Gesicherte Türen verlängern die Zeit für einen Einbruch; Täter brechen Versuche ab.",
    "context": "Großstadt im Ruhrgebiet, zwei Quartiere mit rund 12.000 Wohnungen, Polizei als Partnerin.",
    "implementation": "Kommunale Kriminalprävention mit der polizeilichen Beratungsstelle; zwei Beraterinnen.",
    "resources": "Zwei halbe Stellen, 40.000 Euro Zuschüsse im Jahr.",
    "partners": "Polizeipräsidium, Wohnungsgesellschaften, Mieterverein.",
    "obstacles": "Eigentümer schwer erreichbar; Beratungstermine tagsüber.",
    "cost": "Etwa 120.000 Euro über zwei Jahre.",
    "results": "Vollendete Einbrüche in den Quartieren −18 %, in der übrigen Stadt −6 %; mehr abgebrochene Versuche.",
    "evaluation": Practice.Evaluation.COMPARISON,
    "evaluator": Practice.Evaluator.EXTERNAL,
}

# title, city slug, offence key, setting, status, (problem, mechanism), evaluation, outcome: what the review did.
# outcome: "draft", "submitted", "one" (one rating), "disputed", "published:<level>[:public][:old]".
ENTRIES = [
    ("Einbruchschutz im Quartier", "stadt-essen", "435*00", "housing", "finished", None, "comparison",
     "published:probable:public"),
    ("Sichere Nacht im Kneipenviertel", "landeshauptstadt-stuttgart", "220000", "nightlife", "running",
     ("Körperverletzungen und Pöbeleien im Kneipenviertel an Wochenendnächten.",
      "Präsenz und frühe Ansprache verhindern, dass Streit eskaliert."), "process", "one"),
    ("Schulwegbegleitung", "stadt-augsburg", "899000", "school", "planned",
     ("Raubdelikte an Schulwegen.", ""), "none", "draft"),
    ("Nachbarschaftswache Altstadt", "stadt-koln", "435*00", "housing", "finished",
     ("Einbruchsserien in Reihenhaussiedlungen am Stadtrand.",
      "Aufmerksame Nachbarn melden Verdächtiges früher; Täter meiden beobachtete Straßen."),
     "before_after", "published:theoretical:public"),
    ("Licht und Übersicht am Bahnhofsvorplatz", "landeshauptstadt-dusseldorf", "899000", "transport", "finished",
     ("Taschendiebstähle und Raub am Bahnhofsvorplatz in den Abendstunden.",
      "Bessere Beleuchtung und freie Sichtachsen erhöhen das Entdeckungsrisiko (situative Prävention)."),
     "randomised", "published:proven:public"),
    ("Aufsuchende Arbeit gegen organisiertes Betteln", "stadt-mannheim", "899000", "public_space", "running",
     ("Organisiertes Betteln in der Fußgängerzone, Beschwerden des Einzelhandels.",
      "Ansprache und Hilfsangebote trennen Notlagen von organisierten Gruppen; Ordnungsrecht gezielt."),
     "process", "disputed"),
    ("Gewaltprävention im Jugendzentrum", "stadt-gelsenkirchen", "220000", "school", "finished",
     ("Schlägereien unter Jugendlichen im Umfeld eines Jugendzentrums.",
      "Anti-Gewalt-Training stärkt Konfliktlösung; Teilnehmende greifen seltener zu Gewalt."),
     "before_after", "published:probable"),
    ("Sicherheitsaudit Stadtpark", "stadt-heidelberg", "899000", "public_space", "finished",
     ("Angstraum Stadtpark: dunkle Wege, Sachbeschädigungen.",
      "Umgestaltung nach Sicherheitsaudit senkt Gelegenheiten und stärkt die Nutzung durch viele."),
     "none", "published:not_rated:public"),
    ("Einbruchradar online", "stadt-oldenburg", "435*00", "online", "running",
     ("Geringes Wissen über Einbruchsschwerpunkte in der Bevölkerung.",
      "Veröffentlichte Tatorte und Tipps motivieren zur Sicherung der eigenen Wohnung."),
     "none", "submitted"),
    ("Präventionsrat Altstadt", "stadt-gottingen", "220000", "nightlife", "stopped",
     ("Gewalt im Nachtleben der Altstadt.",
      "Abgestimmte Regeln von Gastronomie, Stadt und Polizei verringern Konflikte."),
     "process", "published:theoretical:old"),
    ("Fahrradcodierung am Markt", "stadt-leer", "899000", "public_space", "finished",
     ("Viele Fahrraddiebstähle in der Innenstadt.",
      "Codierte Räder sind schwerer zu verkaufen; Täter lassen sie stehen."),
     "before_after", "published:probable:public"),
    ("Sicher wohnen im Alter", "landeshauptstadt-munchen", "435*00", "housing", "planned",
     ("Trickbetrug und Einbrüche bei älteren Menschen.", ""), "none", "draft"),
]  # fmt: skip


def _fields(problem_mechanism, evaluation: str) -> dict:
    fields = dict(TEXT)
    if problem_mechanism:
        fields["problem"], fields["mechanism"] = problem_mechanism
    fields["evaluation"] = evaluation
    if evaluation == Practice.Evaluation.NONE:
        fields.update(results="", evaluator="", plausibility="Ähnliche Ansätze anderswo; Rückmeldungen der Polizei.")
    return fields


def _reviewers(people, city_slug: str) -> tuple:
    """The secretariat, and a board member of another city as the peer."""
    chair, deputy = people["vorsitz@defus.example"], people["delegation.landeshauptstadt-dusseldorf@defus.example"]
    treasurer = people["delegation.stadt-mannheim@defus.example"]
    peers = [p for p in (chair, deputy, treasurer) if p.organisation is None or p.organisation.slug != city_slug]
    return people["sekretariat@defus.example"], peers[0]


def _review(practice, outcome: str, people, city_slug: str) -> None:
    secretariat, peer = _reviewers(people, city_slug)
    reason = "Begründet aus Mechanismus und Evaluation (Demo)."
    if outcome == "one":
        review_record(practice=practice, reviewer=secretariat, level=Level.THEORETICAL, reason=reason)
    elif outcome == "disputed":
        review_record(practice=practice, reviewer=secretariat, level=Level.PROBABLE, reason=reason)
        review_record(practice=practice, reviewer=peer, level=Level.THEORETICAL, reason="Nur Prozessevaluation.")
    elif outcome.startswith("published"):
        level = outcome.split(":")[1]
        review_record(practice=practice, reviewer=secretariat, level=level, reason=reason)
        review_record(practice=practice, reviewer=peer, level=level, reason="Nachvollziehbar beschrieben (Demo).")
        if "old" in outcome:  # rated two years and a month ago: due for review again on the desk
            Practice.objects.filter(pk=practice.pk).update(
                level_decided_on=timezone.localdate() - datetime.timedelta(days=2 * 365 + 30)
            )


def seed(*, people) -> None:
    today = timezone.localdate()
    cities = {o.slug: o for o in Organisation.objects.filter(slug__in={entry[1] for entry in ENTRIES})}
    offences = {o.key: o for o in Offence.objects.filter(key__in={entry[2] for entry in ENTRIES})}
    if len(cities) < len({entry[1] for entry in ENTRIES}):
        return
    for number, (title, city, key, setting, status, text, evaluation, outcome) in enumerate(ENTRIES):
        title = f"{title} (Demo)"
        if Practice.objects.filter(title=title).exists():
            continue
        author = people.get(f"delegation.{city}@defus.example") or people["mitglied@defus.example"]
        if city == "stadt-essen":
            author = people["mitglied@defus.example"]
        elif city == "stadt-augsburg":
            author = people["delegierte@defus.example"]
        started = today - DAY * (200 + 90 * number) if status != "planned" else today + DAY * 60
        ended = today - DAY * 60 if status in ("finished", "stopped") else None
        draft = outcome == "draft"
        practice = Practice.objects.create(
            title=title, created_by=author, contact_person=author, setting=setting, status=status,
            period_start=started, period_end=ended, is_public=":public" in outcome,
            state=Practice.State.DRAFT if draft else Practice.State.SUBMITTED,
            submitted_at=None if draft else timezone.now(),
            target_group="Bewohnerinnen und Bewohner, Gewerbe", **_fields(text, evaluation),
        )  # fmt: skip
        if draft and not text[1]:
            Practice.objects.filter(pk=practice.pk).update(mechanism="", context="", implementation="")
        practice.organisations.set([cities[city]])
        practice.offences.set([offences[key]] if key in offences else [])
        _review(practice, outcome, people, city)
    _answers(people)


def _answers(people) -> None:
    """Other cities' answers on the first published entry (Essen's): Köln is interested, Leer has adopted it."""
    essen = Practice.objects.filter(title="Einbruchschutz im Quartier (Demo)", state=Practice.State.PUBLISHED).first()
    if essen is None or essen.uptakes.exists():
        return
    for email, kind, note in (
        ("delegation.stadt-koln@defus.example", "interested", "Wie habt ihr die Eigentümer erreicht?"),
        ("delegation.stadt-leer@defus.example", "adopted", "Seit dem Frühjahr in der Altstadt (Demo)."),
    ):
        if email in people:
            uptake_record(practice=essen, person=people[email], kind=kind, note=note)
