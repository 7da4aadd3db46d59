"""Demo practices (invented, marked "(Demo)"): one published and rated, one under review, one draft.

Dated relative to today; reviewed through the real service, so the seats and the published reason are real.
Seeding twice changes nothing (an entry of the same title is left as it is)."""

import datetime

from django.utils import timezone

from analyses.models import Offence
from members.models import Organisation
from practices.models import Level, Practice
from practices.services import review_record

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


def _practice(*, title, organisation, offence_key, author, state_text, **fields) -> tuple[Practice, bool]:
    existing = Practice.objects.filter(title=title).first()
    if existing:
        return existing, False
    practice = Practice.objects.create(title=title, created_by=author, contact_person=author, **state_text, **fields)
    practice.organisations.set([organisation])
    practice.offences.set(Offence.objects.filter(key=offence_key))
    return practice, True


def seed(*, people) -> None:
    today = timezone.localdate()
    cities = {o.slug: o for o in Organisation.objects.filter(slug__in=["stadt-essen", "landeshauptstadt-stuttgart"])}
    augsburg = Organisation.objects.filter(slug="stadt-augsburg").first()
    if len(cities) < 2 or augsburg is None:
        return
    secretariat, chair = people["sekretariat@defus.example"], people["vorsitz@defus.example"]
    essen, created = _practice(
        title="Einbruchschutz im Quartier (Demo)", organisation=cities["stadt-essen"], offence_key="435*00",
        author=people["mitglied@defus.example"], state_text=TEXT, status=Practice.Status.FINISHED,
        setting=Practice.Setting.HOUSING, target_group="Mieterinnen und Mieter, Eigentümer",
        period_start=today - datetime.timedelta(days=3 * 365), period_end=today - datetime.timedelta(days=365),
        state=Practice.State.SUBMITTED, submitted_at=timezone.now(),
    )  # fmt: skip
    if created:
        review_record(practice=essen, reviewer=secretariat, level=Level.PROBABLE, reason="Vergleich mit der übrigen "
                      "Stadt, externe Auswertung; keine zufällige Zuteilung.")  # fmt: skip
        review_record(practice=essen, reviewer=chair, level=Level.PROBABLE, reason="Plausibler Mechanismus, "
                      "Effekt in den Quartieren deutlich größer als stadtweit.")  # fmt: skip
    night = {**TEXT, "problem": "Körperverletzungen und Pöbeleien im Kneipenviertel an Wochenendnächten."}
    night.update(mechanism="Präsenz und frühe Ansprache verhindern, dass Streit eskaliert.", results="")
    night.update(plausibility="Ähnliche Ansätze in anderen Städten; Beschwerden gingen zurück.")
    night.update(evaluation=Practice.Evaluation.PROCESS, evaluator=Practice.Evaluator.INTERNAL)
    stuttgart, created = _practice(
        title="Sichere Nacht im Kneipenviertel (Demo)", organisation=cities["landeshauptstadt-stuttgart"],
        offence_key="220000", author=chair, state_text=night, status=Practice.Status.RUNNING,
        setting=Practice.Setting.NIGHTLIFE, target_group="Nachtschwärmer, Gastronomie",
        period_start=today - datetime.timedelta(days=400), state=Practice.State.SUBMITTED, submitted_at=timezone.now(),
    )  # fmt: skip
    if created:
        review_record(practice=stuttgart, reviewer=secretariat, level=Level.THEORETICAL, reason="Gut begründeter "
                      "Ansatz, bisher nur Prozessevaluation.")  # fmt: skip
    _practice(
        title="Schulwegbegleitung (Demo)", organisation=augsburg, offence_key="899000",
        author=people["delegierte@defus.example"], state_text={"problem": "Raubdelikte an Schulwegen."},
        status=Practice.Status.PLANNED, setting=Practice.Setting.SCHOOL,
        period_start=today + datetime.timedelta(days=60),
    )  # fmt: skip
