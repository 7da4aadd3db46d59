import pytest
from django.core.management import call_command
from django.utils import timezone

from members.models import Mandate, Organisation, Role, User
from topics.models import Follow, Membership, WorkingGroup

pytestmark = pytest.mark.django_db

PERSONAS = [
    "sekretariat@defus.example",
    "vorsitz@defus.example",
    "delegierte@defus.example",
    "mitglied@defus.example",
    "ehemalig@defus.example",
]


def _counts():
    return [m.objects.count() for m in (Organisation, User, Mandate, WorkingGroup, Membership)]


def test_seed_demo_creates_the_association_and_is_idempotent():
    call_command("seed_demo")
    first = _counts()
    call_command("seed_demo")
    assert _counts() == first
    assert Organisation.objects.count() == 15
    assert WorkingGroup.objects.count() == 10


def test_demo_personas_have_their_roles():
    call_command("seed_demo")
    people = {email: User.objects.get(email=email) for email in PERSONAS}
    for person in people.values():
        assert person.check_password("defus-demo")
        assert person.emailaddress_set.filter(verified=True).exists()
    assert people["sekretariat@defus.example"].is_staff
    assert people["vorsitz@defus.example"].is_staff
    assert people["vorsitz@defus.example"].organisation.name == "Landeshauptstadt Stuttgart"
    assert Mandate.objects.active().get(role=Role.CHAIR).person == people["vorsitz@defus.example"]
    augsburg = Mandate.objects.active().get(role=Role.DELEGATE, organisation__name="Stadt Augsburg")
    assert augsburg.person == people["delegierte@defus.example"]
    assert not people["delegierte@defus.example"].is_staff
    mitglied = people["mitglied@defus.example"]
    assert mitglied.organisation.name == "Stadt Essen" and mitglied.level == User.Level.WORKING
    assert mitglied.working_group_memberships.count() == 1
    # The chair is in that group and gets every post of it by email.
    street = mitglied.working_group_memberships.get().group
    assert Follow.objects.get(person=people["vorsitz@defus.example"], group=street).every_post
    ehemalig = people["ehemalig@defus.example"]
    assert not ehemalig.is_staff
    assert ehemalig.mandates.filter(role=Role.DEPUTY_CHAIR).exists()


@pytest.mark.slow
def test_seed_demo_scale_multiplies_everything():
    call_command("seed_demo", scale=2)
    call_command("seed_demo", scale=2)
    assert Organisation.objects.count() == 15 + 30
    assert User.objects.filter(email__endswith="@musterstadt.example").count() == 600
    assert WorkingGroup.objects.count() == 10 + 20


@pytest.mark.slow
def test_seed_demo_scale_adds_discussions_events_documents_and_calls():
    from events.models import Event, Registration
    from funding.models import Call
    from topics.models import Document, Post, Thread

    call_command("seed_demo", scale=1)
    threads = Thread.objects.filter(author__email__endswith="@musterstadt.example")
    posts = Post.objects.filter(thread__in=threads)
    events = Event.objects.filter(organisation__slug__startswith="musterstadt-")
    documents = Document.objects.filter(uploaded_by__email__endswith="@musterstadt.example")
    calls = Call.objects.filter(identifier__contains="-DEMO-")
    assert threads.count() == 200
    assert 1800 <= posts.count() <= 2200
    assert (events.count(), documents.count(), calls.count()) == (400, 1000, 100)
    # Wired up as the pages expect: post counts, file rows, registrations, deadlines, past and future.
    thread = threads.order_by("-post_count").first()
    assert thread.posts.count() == thread.post_count > 1
    assert thread.posts.filter(is_opening=True).count() == 1
    assert not documents.filter(current_version__isnull=True).exists()
    assert not calls.filter(deadlines__isnull=True).exists()
    assert Registration.objects.filter(event__in=events).exists()
    now = timezone.now()
    assert events.filter(start__lt=now).exists() and events.filter(start__gt=now).exists()
    # The same scale again adds nothing.
    before = (posts.count(), events.count(), documents.count(), calls.count())
    call_command("seed_demo", scale=1)
    assert (posts.count(), events.count(), documents.count(), calls.count()) == before
