import datetime

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from members.models import Invitation, Mandate, Organisation, Role, User
from topics.models import Membership, WorkingGroup

PASSWORD = "correct-horse-battery"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Stadt Beispiel {n}")
    slug = factory.Sequence(lambda n: f"stadt-beispiel-{n}")
    kind = Organisation.Kind.CITY
    federal_state = "NW"
    status = Organisation.Status.ACTIVE
    joined_on = datetime.date(2015, 1, 1)
    efus_member = True
    shares_aims = True
    accepts_bylaws = True


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = "Erika"
    last_name = factory.Sequence(lambda n: f"Muster{n}")
    organisation = factory.SubFactory(OrganisationFactory)

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or PASSWORD)
        if create:
            self.save(update_fields=["password"])
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class MandateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mandate

    role = Role.BOARD_MEMBER
    person = factory.SubFactory(UserFactory)
    start = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=365))
    end = None


class WorkingGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkingGroup

    name = factory.Sequence(lambda n: f"Arbeitsgruppe {n}")
    slug = factory.Sequence(lambda n: f"arbeitsgruppe-{n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    group = factory.SubFactory(WorkingGroupFactory)
    person = factory.SubFactory(UserFactory)


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    email = factory.Sequence(lambda n: f"invited{n}@example.org")
    organisation = factory.SubFactory(OrganisationFactory)
    expires_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))


PDF_BYTES = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def make_document(*, label="members", groups=(), title=None, uploaded_by=None, **fields):
    """A document with one stored version, created through the service as a user would."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from topics.services import document_create

    return document_create(
        uploaded_by=uploaded_by,
        upload=SimpleUploadedFile("bericht.pdf", PDF_BYTES, content_type="application/pdf"),
        groups=list(groups),
        title=title or f"Dokument {label}",
        label=label,
        category=fields.pop("category", "other"),
        language=fields.pop("language", "de"),
        year=fields.pop("year", 2026),
        **fields,
    )


def make_thread(*, group, author, title="Erfahrungen mit Alkoholverboten", body="Wie machen Sie das?", replies=0):
    from topics.services import post_create, thread_create

    thread = thread_create(group=group, author=author, title=title, body=body)
    for number in range(replies):
        post_create(thread=thread, author=author, body=f"Antwort {number}")
    thread.refresh_from_db()
    return thread


# --- Events -------------------------------------------------------------------------------------------


class EventFactory(factory.django.DjangoModelFactory):
    """A published working-group meeting of three hours, ten days from now (whatever day the test runs)."""

    class Meta:
        model = "events.Event"

    title = "AG-Treffen"
    kind = "working_group_meeting"
    status = "published"
    start = factory.LazyFunction(lambda: timezone.now().replace(microsecond=0) + datetime.timedelta(days=10))
    end = factory.LazyAttribute(lambda event: event.start + datetime.timedelta(hours=3))
    location = "Rathaus Essen"


# --- Members' meeting and resolutions -------------------------------------------------------


class AssemblyEventFactory(EventFactory):
    title = factory.Sequence(lambda n: f"Mitgliederversammlung {n}")
    kind = "members_meeting"
    start = factory.LazyFunction(lambda: timezone.now().replace(microsecond=0) + datetime.timedelta(days=40))
    end = factory.LazyAttribute(lambda event: event.start + datetime.timedelta(hours=6))
    location = "Rathaus"


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "assemblies.Meeting"

    title = factory.Sequence(lambda n: f"Mitgliederversammlung {n}")
    event = factory.SubFactory(AssemblyEventFactory)


class ResolutionFactory(factory.django.DjangoModelFactory):
    """An online ballot, open now for a week."""

    class Meta:
        model = "assemblies.Resolution"

    meeting = factory.SubFactory(MeetingFactory)
    title = factory.Sequence(lambda n: f"Antrag {n}")
    text = "Die Mitgliederversammlung beschließt …"
    procedure = "online"
    opens_at = factory.LazyFunction(lambda: timezone.now().replace(microsecond=0) - datetime.timedelta(hours=1))
    closes_at = factory.LazyAttribute(lambda resolution: resolution.opens_at + datetime.timedelta(days=7))


def make_delegate(organisation=None, **fields):
    """A person holding the delegate office of ``organisation`` (a new member organisation by default)."""
    organisation = organisation or OrganisationFactory()
    person = UserFactory(organisation=organisation, **fields)
    MandateFactory(role=Role.DELEGATE, person=person, organisation=organisation)
    return person


# --- Circulars ---------------------------------------------------------------------------------


class CircularFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "circulars.Circular"

    title = factory.Sequence(lambda n: f"Rundschreiben {n}")
    body = "Liebe Mitglieder,\n\n**bitte beachten** Sie die neuen Termine."
    audience = "all"


def make_sent_circular(**fields):
    """A circular already sent (without sending anything)."""
    sent_at = fields.pop("sent_at", timezone.now() - datetime.timedelta(days=1))
    groups = fields.pop("groups", ())
    organisations = fields.pop("organisations", ())
    circular = CircularFactory(status="sent", sent_at=sent_at, **fields)
    circular.groups.set(groups)
    circular.organisations.set(organisations)
    return circular
