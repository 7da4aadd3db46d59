"""One voice in every letter (issue 26): every kind of email addressed to a person opens, after at most a subject
line, with the one salutation rule and ends with the one footer (the association's name, address and register
entry); no template writes a greeting of its own. Each kind under templates/emails/ is rendered here, in German
and in English, through the one helper that sends it (kernel.emails.build_email)."""

import datetime
import html
import re
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace as NS

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import translation
from django.utils.translation import gettext, pgettext

from kernel import letters
from kernel.emails import build_email
from kernel.env import env_address
from tests.factories import UserFactory

TEMPLATES = Path(settings.BASE_DIR) / "templates" / "emails"
KINDS = sorted(path.name for path in TEMPLATES.iterdir() if (path / "body.txt").exists())

# Not letters: the copy of a discussion post is the author's words as written, sent on in the group's name.
NOT_LETTERS = {"post"}
# Kinds of email not yet on the one layout (each with the reason); none today. Every new kind of email needs a
# SAMPLES entry (test_every_kind_of_email_is_checked).
PENDING = set()

# Words that greet. The central parts (the layouts and the rule itself) are the only place they may come from.
OWN_GREETING = re.compile(r"\b(Hello|Hallo|Hi|Dear|Liebe[rs]?|Sehr geehrte[rs]?|Guten (Tag|Morgen|Abend))\b")
CENTRAL = {"_layout.html", "_layout.txt", "_signature.html", "_signature.txt", "_footer.html", "_footer.txt"}

WHEN = datetime.datetime(2027, 3, 4, 10, 0, tzinfo=datetime.UTC)
URL = "https://portal.example.org/x/"


def _event():
    end = WHEN + datetime.timedelta(hours=3)
    return NS(title="Fachtag Prävention", start=WHEN, end=end, location="Berlin", online_url="", is_cancelled=False)


def _guest(status="registered"):
    return NS(name="Gabi Gast", status=status)


# kind → (context, who it is addressed to: "person" the holder of the address, None nobody by name, or an object)
SAMPLES = {
    "backup_alert": (
        {"kind": "failed", "run": NS(started_at=WHEN, error="disk full"), "last_success": None, "admin_url": URL},
        None,  # to the secretariat as an office
    ),
    "circular": (
        {
            "title": "Neue Arbeitshilfen",
            "text": "Die Arbeitsgruppe lädt zum Fachaustausch ein.",
            "html": "<p>Die Arbeitsgruppe lädt zum Fachaustausch ein.</p>",
            "documents": [],
            "archive_url": URL,
            "profile_url": URL,
            "test": False,
        },
        "person",
    ),
    "deadline_reminder": (
        {
            "call": NS(identifier="ISF-2027-TF1", title="Prevention of radicalisation"),
            "interest": NS(organisation=NS(name="Stadt Essen")),
            "internal": False,
            "moment": WHEN,
            "call_url": URL,
        },
        "person",
    ),
    "digest": (
        {
            "parts": [],
            "since": WHEN.date(),
            "until": WHEN.date(),
            "test": False,
            "unsubscribe_url": URL,
            "preferences_url": URL,
            "portal_url": URL,
        },
        "person",
    ),
    "email_change_alert": (
        {
            "person_name": "Max Muster",
            "new_email": "neu@example.org",
            "actor_name": "Sabine Sekretariat",
            "requested_at": WHEN,
            "rejected_at": WHEN,
        },
        "person",
    ),
    "email_change_confirm": ({"confirm_url": URL}, "person"),
    "email_change_notice": (
        {
            "new_email": "neu@example.org",
            "actor_name": "Sabine Sekretariat",
            "requested_at": WHEN,
            "review_url": URL,
            "valid_days": 7,
        },
        "person",
    ),
    **{
        f"event_{kind}": ({"event": _event(), "registration": NS(status="registered"), "event_url": URL}, "person")
        for kind in ("changed", "promoted", "registered", "reminder", "waitlisted")
    },
    **{
        f"guest_{kind}": (
            {"event": _event(), "guest": _guest(), "event_url": URL, "personal_url": URL},
            _guest(),
        )
        for kind in ("changed", "link", "promoted", "registered", "waitlisted")
    },
    "guest_certificate_ready": (
        {"event": _event(), "guest": _guest(), "event_url": URL, "personal_url": URL, "certificate_url": URL},
        _guest(),
    ),
    # Until the owner of the address confirms, the name is only what someone typed: nobody by name.
    # The public pages (issue 31): to an address typed into a public form, so to nobody by name.
    "public_application_confirm": (
        {"application": NS(name="Stadt Musterstadt"), "confirm_url": URL, "hours": 48, "recipient": None},
        None,
    ),
    "public_application_refused": (
        {"application": NS(name="Stadt Musterstadt", refusal_reason="Noch kein Efus-Mitglied."), "recipient": None},
        None,
    ),
    "public_feedback_answer": (
        {
            "feedback": NS(answer="Wir haben den Kontrast verbessert.", message="Zu blass."),
            "statement_url": URL,
            "recipient": None,
        },
        None,
    ),
    "guest_confirm": (
        {
            "event": _event(),
            "guest": _guest("pending"),
            "event_url": URL,
            "personal_url": URL,
            "confirm_url": URL,
            "hours": 48,
        },
        None,
    ),
    "fee_invoice": (
        {
            "invoice": NS(
                number="2027-0001",
                issued_on=WHEN.date(),
                due_on=WHEN.date(),
                fee=NS(year=2027),
                organisation=NS(name="Stadt Essen"),
                amount=Decimal("250.00"),
                leitweg_id="05113000-DEFUS-12",
                cancels=None,
            ),
            "is_cancellation": False,
        },
        "person",
    ),
    "fee_reminder": (
        {
            "fee": NS(year=2027, organisation=NS(name="Stadt Essen"), due_on=WHEN.date()),
            "reminder": NS(amount=Decimal("250.00")),
            "invoice": None,
            "bank": NS(holder="DEFUS e.V.", iban="DE02 1001 0010 0006 8201 01", bic=""),
        },
        "person",
    ),
    "invitation": ({"organisation_name": "Stadt Essen", "accept_url": URL, "valid_days": 14}, "person"),
    "invitation_reminder": ({"organisation_name": "Stadt Essen", "accept_url": URL, "expires": "1. Mai"}, "person"),
    "mail_confirm_address": ({"confirm_url": URL}, "person"),
    "mail_refused": ({"reason": "Diese Antwortadresse ist nicht mehr gültig."}, "person"),
    **{
        f"membership_{kind}": ({"group": NS(name="AG Wohnungseinbruch"), "group_url": URL}, "person")
        for kind in ("accepted", "declined", "requested")
    },
    "practice_uptake": (
        {
            "uptake": NS(kind="interested", note="Wie habt ihr die Eigentümer erreicht?"),
            "practice": NS(title="Einbruchschutz im Quartier"),
            "organisation": "Stadt Köln",
            "practice_url": URL,
        },
        "person",
    ),
    "office_ending": (
        {
            "mandate": NS(
                get_role_display="Delegierte",
                person="Max Muster",
                end=WHEN.date(),
                organisation=NS(name="Stadt Essen"),
                working_group=None,
            ),
            "days_left": 30,
            "admin_url": URL,
        },
        None,  # to the secretariat as an office
    ),
    "office_succeeded": (
        {
            "organisation_name": "Stadt Essen",
            "predecessor": "Max Muster",
            "successor": "Erika Müller",
            "last_day": WHEN.date(),
            "first_day": WHEN.date(),
        },
        "person",
    ),
    "poll_closed": ({"poll": NS(title="Sitzung der AG"), "event": _event(), "event_url": URL}, "person"),
    "poll_opened": (
        {
            "poll": NS(title="Sitzung der AG", organiser=NS(get_full_name="Olga Organisiert")),
            "options": [NS(start=WHEN), NS(start=WHEN + datetime.timedelta(days=7))],
            "poll_url": URL,
        },
        "person",
    ),
    **{
        kind: (
            {
                "meeting": NS(
                    title="Mitgliederversammlung 2027",
                    get_body_display="Mitgliederversammlung",
                    get_kind_display="ordentlich",
                    is_board_meeting=False,
                ),
                "event": _event(),
                "agenda": [
                    {
                        "number": 1,
                        "title": "Haushaltsplan",
                        "description": "",
                        "motions": [{"title": "Haushalt", "text": "Die MV beschließt …", "majority": "einfach"}],
                        "documents": [],
                    }
                ],
                "covering_text": "",
                "meeting_url": URL,
                "signed_by": "Martina Vogt\nVorsitzende, für den Vorstand",
                "test": False,
            },
            "person",
        )
        for kind in ("meeting_invitation", "meeting_supplement")
    },
    "organisation_changed": (
        {
            "person_name": "Erika Muster",
            "before": "Stadt Essen",
            "after": "Stadt Köln",
            "actor": "Max Muster",
            "at": WHEN,
        },
        "person",
    ),
    "proxy_notice": (
        {
            "kind": "granted",
            "meeting": "Mitgliederversammlung 2027",
            "meeting_id": 1,
            "organisation": "Stadt Leer",
            "holder": "Erika Muster",
            "actor": "Max Muster",
            "at": WHEN,
            "on_paper": False,
            "meeting_url": URL,
        },
        "person",
    ),
    "vote_receipt": (
        {
            "vote": NS(
                organisation=NS(name="Stadt Essen"),
                cast_by=NS(get_full_name="Erika Muster"),
                candidate=None,
                get_choice_display="Ja",
            ),
            "resolution": NS(title="Haushaltsplan 2027"),
            "secret": False,
            "code": "K7QM-2XPD",
            "cast_at": WHEN,
            "resolution_url": URL,
        },
        "person",
    ),
}


@pytest.fixture
def erika(db):
    return UserFactory(
        email="erika.mueller@example.org", salutation="Frau", title="Dr.", first_name="Erika", last_name="Müller"
    )


def _lines_of_html(document: str) -> list[str]:
    body = re.sub(r"(?s)<head>.*?</head>", "", document)
    body = re.sub(r"(?i)<br\s*/?>|</(p|h1|h2|li|div)>|<hr[^>]*>", "\n", body)
    return [line for line in (html.unescape(re.sub(r"<[^>]+>", "", raw)).strip() for raw in body.splitlines()) if line]


def _lines_of_text(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip() and line.strip() != "--"]


def _greetings(lines: list[str]) -> list[str]:
    return [line for line in lines if letters.GREETING.match(line)]


def test_every_kind_of_email_is_checked():
    unchecked = sorted(set(KINDS) - set(SAMPLES) - NOT_LETTERS - PENDING)
    assert not unchecked, f"Add a sample context for these emails to SAMPLES in {__file__}: {unchecked}"


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("kind", sorted(set(SAMPLES) & set(KINDS)))
def test_every_letter_opens_with_the_salutation_and_ends_with_the_footer(erika, kind, language):
    context, addressee = SAMPLES[kind]
    addressee = erika if addressee == "person" else addressee
    message = build_email(kind, to=erika.email, language=language, context={"person": erika, **context})
    with translation.override(language):
        salutation, footer = letters.salutation(addressee), letters.footer_lines()
    for lines in (_lines_of_text(message.body), _lines_of_html(message.alternatives[0][0])):
        # After at most a subject line (a DIN 5008 letter): the salutation, and no second greeting anywhere.
        assert salutation in lines[:2], (kind, lines[:3])
        assert _greetings(lines) == [salutation], kind
        assert lines[-len(footer) :] == footer, (kind, lines[-4:])


@pytest.mark.parametrize("language", ["de", "en"])
def test_letters_from_the_secretariat_share_one_sign_off(erika, language):
    for kind in ("invitation", "membership_accepted", "event_registered", "mail_confirm_address"):
        context, _addressee = SAMPLES[kind]
        message = build_email(kind, to=erika.email, language=language, context={"person": erika, **context})
        with translation.override(language):
            sign_off = [gettext("Kind regards"), "DEFUS Geschäftsstelle"]
        lines = _lines_of_text(message.body)
        footer_start = len(lines) - len(letters.footer_lines())
        # With a link to the portal after the signature where the email has one.
        assert sign_off in (lines[footer_start - 2 : footer_start], lines[footer_start - 3 : footer_start - 1])


def _template_files(kind: str) -> list[Path]:
    return [path for path in (TEMPLATES / kind).iterdir() if path.suffix in {".txt", ".html"}]


def own_greetings(source: str) -> list[str]:
    """The greetings a template writes itself (the one rule comes from ``{% salutation %}`` in the layouts)."""
    return [match.group(0) for match in OWN_GREETING.finditer(source)]


def test_the_check_finds_a_greeting_a_template_writes():
    assert own_greetings('{% load i18n %}{% translate "Hello," %}\n\nthe backup failed.') == ["Hello"]
    assert own_greetings("<p>{% blocktranslate %}Dear members,{% endblocktranslate %}</p>") == ["Dear"]
    assert own_greetings("<p>Sehr geehrte Damen und Herren,</p>") == ["Sehr geehrte"]
    assert own_greetings("{% block salutation %}<p>{% salutation None %}</p>{% endblock %}") == []


def _kind_params():
    for kind in KINDS:
        if kind in NOT_LETTERS:
            continue
        marks = [pytest.mark.xfail(reason="pending: see PENDING", strict=False)] if kind in PENDING else []
        yield pytest.param(kind, marks=marks, id=kind)


@pytest.mark.parametrize("kind", list(_kind_params()))
def test_no_template_writes_its_own_greeting(kind):
    for path in _template_files(kind):
        source = path.read_text(encoding="utf-8")
        assert own_greetings(source) == [], f"{path}: greet through the layout (kernel.letters), not in the text"
        if path.name.startswith("body."):
            base = re.match(r'\{% extends "emails/(_\w+)\.(txt|html)" %\}', source)
            assert base, f"{path} must extend the letter layout of its kind (emails/_layout.{path.suffix[1:]})"


def test_the_shared_parts_write_no_greeting_of_their_own():
    for path in TEMPLATES.glob("_*.*"):
        if path.name in CENTRAL or path.name.startswith("_meeting"):
            continue  # the meeting's parts: PENDING
        assert own_greetings(path.read_text(encoding="utf-8")) == [], path


# --- The rule itself ----------------------------------------------------------------------------------------


class Person(NS):
    def get_full_name(self):
        return f"{self.first_name} {self.last_name}".strip()


def _someone(**fields):
    return Person(**{"salutation": "", "title": "", "first_name": "", "last_name": "", **fields})


def test_the_salutation_in_english():
    with translation.override("en"):
        assert letters.salutation(_someone(salutation="Frau", title="Dr.", last_name="Müller")) == "Dear Ms Dr Müller,"
        assert (
            letters.salutation(_someone(salutation="Herr", title="Prof. Dr.", first_name="Jan", last_name="Meier"))
            == "Dear Mr Prof Dr Meier,"
        )
        # Spellings from imported member lists mean what they say.
        assert letters.salutation(_someone(salutation="Fr.", first_name="Ina", last_name="Koch")) == "Dear Ms Koch,"
        assert letters.salutation(_someone(first_name="Alex", last_name="Schmidt")) == "Hello Alex Schmidt,"
        assert letters.salutation(_someone(salutation="Frau", first_name="Alex")) == "Hello Alex,"
        assert letters.salutation(_someone()) == "Hello,"
        assert letters.salutation(None) == "Hello,"
        assert letters.salutation(NS(name="Gabi Gast")) == "Hello Gabi Gast,"


def _german_catalogue_has_the_rule() -> bool:
    with translation.override("de"):
        return pgettext("letter salutation", "Hello,") != "Hello,"


@pytest.mark.skipif(
    not _german_catalogue_has_the_rule(),
    reason="the German salutations wait in /work/po_snippets/official.po for the catalogue (make messages)",
)
def test_the_salutation_in_german():
    with translation.override("de"):
        assert (
            letters.salutation(_someone(salutation="Frau", title="Dr.", last_name="Müller"))
            == "Sehr geehrte Frau Dr. Müller,"
        )
        assert letters.salutation(_someone(salutation="Herr", last_name="Meier")) == "Sehr geehrter Herr Meier,"
        assert letters.salutation(_someone(first_name="Alex", last_name="Schmidt")) == "Guten Tag Alex Schmidt,"
        assert letters.salutation(None) == "Guten Tag,"


def test_the_footer_names_the_association_as_the_impressum_does():
    impressum = settings.IMPRESSUM
    with translation.override("en"):
        lines = letters.footer_lines()
    assert lines[0] == impressum["name"]
    assert lines[1] == f"{impressum['street']}, {impressum['postcode']} {impressum['city']}"
    assert impressum["register_court"] in lines[2] and impressum["register_number"] in lines[2]


def test_official_post_comes_from_a_checked_address(monkeypatch):
    monkeypatch.setenv("OFFICIAL_FROM_EMAIL", "DEFUS Geschäftsstelle <post@defus.example>")
    assert env_address("OFFICIAL_FROM_EMAIL", "x") == "DEFUS Geschäftsstelle <post@defus.example>"
    monkeypatch.setenv("OFFICIAL_FROM_EMAIL", "Geschäftsstelle")
    with pytest.raises(ImproperlyConfigured, match="OFFICIAL_FROM_EMAIL"):
        env_address("OFFICIAL_FROM_EMAIL", "x")
