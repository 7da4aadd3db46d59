"""Verzeichnis von Verarbeitungstätigkeiten (Art. 30 DSGVO): what the portal processes about people, why, for whom
and for how long, with the technical and organisational measures.

Each activity names the models that hold its personal data. ``personal_models`` finds every model that does
(a link to a person or an e-mail address); tests/defus/test_processing_record.py fails when one is in no
activity, so a new app's data cannot go unrecorded. The admin page and the PDF for the board are made from this.
"""

from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.utils.translation import gettext_lazy as _

NONE = _("none")


@dataclass(frozen=True)
class Activity:
    name: str
    purpose: str
    people: str
    data: str
    recipients: str
    deletion: str
    legal_basis: str
    models: tuple[str, ...]
    transfers: str = NONE


MEMBERS = _("people of member organisations; staff of the secretariat and the board")
ACTIVITIES = (
    Activity(
        _("Member directory and accounts"),
        _("Running the association: who belongs to which member organisation, sign-in, offices held (bylaws)."),
        MEMBERS,
        _("name, title, position, organisation, e-mail, phone, language, consents, sign-in addresses, second factors"),
        _("members (only what each person agreed to show); secretariat and board"),
        _("on deletion of the account; offices and the audit log for 10 years (association records)"),
        _("Art. 6(1)(b) GDPR (membership), (f) for the audit log"),
        (
            "members.User",
            "members.Organisation",
            "members.Invitation",
            "members.ConsentRecord",
            "members.AddressChange",
            "members.Mandate",
            "members.AuditEntry",
            "members.ImportRun",
            "account.EmailAddress",
            "mfa.Authenticator",
            "admin.LogEntry",
        ),
    ),
    Activity(
        _("Working groups, discussions and library"),
        _("Exchange between member cities in working groups; documents of the association."),
        MEMBERS,
        _("memberships, follows, posts, documents uploaded, answers to member inquiries"),
        _("members of the group or the audience of the document"),
        _("with the account (posts are kept under 'deleted person')"),
        _("Art. 6(1)(b) GDPR"),
        (
            "topics.Membership",
            "topics.Follow",
            "topics.Thread",
            "topics.Post",
            "topics.ThreadVisit",
            "topics.Document",
            "topics.DocumentVersion",
            "topics.Inquiry",
            "topics.InquiryAnswer",
        ),
    ),
    Activity(
        _("Events, guests and certificates"),
        _("Registration, seats and waiting lists, door lists, attendance certificates, date polls, study visits."),
        _("members; guests of public events"),
        _("registrations, attendance, dietary or accessibility needs of guests (only if given), certificates"),
        _("organisers and the secretariat"),
        _("guests' data 90 days after the event (GUEST_RETENTION_DAYS); certificates keep only name and event"),
        _("Art. 6(1)(b) GDPR; Art. 9(2)(a) for needs a guest chooses to tell"),
        (
            "events.Registration",
            "events.CalendarFeed",
            "events.GuestRegistration",
            "events.AttendanceCertificate",
            "events.DatePoll",
            "events.DatePollAnswer",
            "events.ExchangeOffer",
            "events.ExchangeRequest",
        ),
    ),
    Activity(
        _("Members' meeting, votes and proxies"),
        _("Convening the members' meeting, votes and elections, proxies, minutes (§§ 32 ff. BGB, bylaws)."),
        _("delegates, board, secretariat, candidates"),
        _("invitations sent and to whom, votes (secret ballots: only that a vote was cast), proxies, attendance"),
        _("members (results, minutes); secretariat"),
        _("kept with the association's records (minutes: permanently)"),
        _("Art. 6(1)(b) and (c) GDPR"),
        (
            "assemblies.Meeting",
            "assemblies.ConveningNotice",
            "assemblies.ConveningDelivery",
            "assemblies.Resolution",
            "assemblies.Candidate",
            "assemblies.Vote",
            "assemblies.Proxy",
            "assemblies.Attendance",
            "assemblies.Consent",
        ),
    ),
    Activity(
        _("E-mail: official post, digest, replies and bounces"),
        _("Circulars and other official post, the weekly digest, replies by e-mail, handling of bouncing addresses."),
        MEMBERS,
        _("e-mail address, delivery records, bounce scores, inbound replies"),
        _("the association's own mail server (no other service)"),
        _("delivery records 1 year; inbound messages 90 days"),
        _("Art. 6(1)(b) GDPR; (a) for the digest"),
        (
            "mail.AddressHealth",
            "mail.InboundMessage",
            "mail.PostDelivery",
            "mail.DigestNote",
            "mail.DigestDelivery",
            "circulars.Circular",
            "circulars.CircularDelivery",
        ),
    ),
    Activity(
        _("Funding calls, security analyses and the practice register"),
        _("Partner search for EU calls, crime figures of member cities, the register of prevention practices."),
        MEMBERS,
        _("contact persons of interests and practices, uploaders, reviewers"),
        _("members"),
        _("with the account or when the entry is withdrawn"),
        _("Art. 6(1)(b) GDPR"),
        (
            "funding.Interest",
            "funding.DeadlineReminder",
            "funding.ImportRun",
            "analyses.PksImport",
            "analyses.Survey",
            "practices.Practice",
            "practices.Review",
            "practices.Uptake",
        ),
    ),
    Activity(
        _("Membership fees and invoices"),
        _("Invoicing membership fees, reminders (§ 147 AO, GoBD)."),
        _("member organisations and their invoice contacts"),
        _("invoice address, Leitweg-ID, invoice e-mail, invoices, reminders"),
        _("the member organisation; the tax adviser on request"),
        _("invoices 8 years after the end of their year (GoBD)"),
        _("Art. 6(1)(b) and (c) GDPR"),
        ("fees.BillingDetails", "fees.Invoice", "fees.Reminder"),
    ),
    Activity(
        _("Public pages: applications and accessibility feedback"),
        _("Requests to join the association; feedback on barriers (BITV 2.0), answered within a month."),
        _("contact persons of applicant organisations; people giving feedback"),
        _("name, e-mail, organisation, message"),
        _("secretariat and board"),
        _("unconfirmed requests after 48 hours; decided requests and answered feedback after 1 year"),
        _("Art. 6(1)(b) and (c) GDPR"),
        ("public.MembershipApplication", "public.AccessibilityFeedback"),
    ),
)

MEASURES = (
    _("Hosting in the association's own infrastructure in Germany; no third-party requests, no trackers."),
    _("TLS for every connection; HSTS; passwords hashed; second factor required for staff."),
    _(
        "Rights by office (bylaws) and object; every change by staff in the audit log; four eyes for delegates and "
        "proxies on paper."
    ),
    _("Daily encrypted, signed backups; restore drills; restore only by an account without superuser rights."),
    _("Data export and deletion for every person (Meine Daten)."),
)


def personal_models() -> set[str]:
    """Every model holding personal data: a link to a person, or an e-mail address."""
    user = get_user_model()
    found = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            linked = field.is_relation and field.concrete and field.related_model is user
            if linked or isinstance(field, models.EmailField):
                found.add(model._meta.label)
                break
    return found


def recorded_models() -> set[str]:
    return {label for activity in ACTIVITIES for label in activity.models}
