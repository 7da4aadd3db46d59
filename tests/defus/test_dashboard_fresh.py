"""No write leaves anybody a stale dashboard: the person's own post, registration and vote, another person's post,
writes outside the views and admin edits show at the next request (the dashboard is computed on every view)."""

import pytest
from django.urls import reverse

from events.models import Event
from tests.assemblies.helpers import confirm_ballot
from tests.factories import MeetingFactory, MembershipFactory, ResolutionFactory, UserFactory, WorkingGroupFactory
from topics.models import Follow, Thread, WorkingGroup

pytestmark = pytest.mark.django_db

DASHBOARD = "/dashboard/"


def dashboard(client) -> str:
    response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def group(member):
    group = WorkingGroupFactory(name="Straßenkriminalität", slug="strassenkriminalitaet")
    MembershipFactory(group=group, person=member)
    Follow.objects.create(group=group, person=member)
    return group


@pytest.fixture
def restricted(member):
    group = WorkingGroupFactory(name="Vertrauliche AG", slug="vertraulich", is_restricted=True)
    MembershipFactory(group=group, person=member)
    Follow.objects.create(group=group, person=member)
    return group


def test_the_persons_own_post_appears_at_once(client, member, group):
    client.force_login(member)
    assert "Platzverweise" not in dashboard(client)
    response = client.post(reverse("thread_create", args=[group.slug]), {"title": "Platzverweise", "body": "Frage"})
    assert response.status_code == 302
    assert "Platzverweise" in dashboard(client)
    # A reply too: it bumps the group as a new discussion does.
    thread = Thread.objects.get(title="Platzverweise")
    Thread.objects.filter(pk=thread.pk).update(title="Platzverweise im Park")  # unseen until a real write
    url = reverse("thread_detail", args=[group.slug, thread.pk])
    assert client.post(url, {"body": "Eine Antwort"}).status_code == 302
    assert "Platzverweise im Park" in dashboard(client)


def test_the_persons_own_registration_appears_at_once(client, member, make_event):
    event = make_event(title="Fachtag Prävention")
    client.force_login(member)
    page = dashboard(client)
    assert "Fachtag Prävention" in page and "Sie sind zu keiner kommenden Veranstaltung angemeldet." in page
    assert client.post(reverse("event_register", args=[event.pk])).status_code == 302
    page = dashboard(client)
    assert "Sie sind zu keiner kommenden Veranstaltung angemeldet." not in page
    assert page.count(reverse("event_detail", args=[event.pk])) == 2  # upcoming, and among my registrations
    assert client.post(reverse("event_register", args=[event.pk]), {"action": "cancel"}).status_code == 302
    assert "Sie sind zu keiner kommenden Veranstaltung angemeldet." in dashboard(client)


def test_the_persons_own_vote_removes_the_open_ballot_at_once(client, delegate):
    ballot = ResolutionFactory(meeting=MeetingFactory())
    client.force_login(delegate)
    link = reverse("resolution_detail", args=[ballot.pk])
    assert link in dashboard(client)
    confirm_ballot(client, ballot)
    url = reverse("resolution_vote", args=[ballot.pk])
    response = client.post(url, {"voter": f"o{delegate.organisation_id}", "choice": "yes", "confirmed": "yes"})
    assert response.status_code == 302
    assert link not in dashboard(client)


def test_another_persons_post_reaches_the_groups_members_and_never_anybody_else(
    client, member, restricted, other_member
):
    outsider = UserFactory(organisation=member.organisation)
    Follow.objects.create(group=restricted, person=outsider)  # left over from a former membership
    writer = UserFactory(organisation=member.organisation)
    MembershipFactory(group=restricted, person=writer)
    for person in (member, outsider, other_member):
        client.force_login(person)
        assert "Haushaltsentwurf" not in dashboard(client)  # seen before
    client.force_login(writer)
    response = client.post(reverse("thread_create", args=[restricted.slug]), {"title": "Haushaltsentwurf", "body": "x"})
    assert response.status_code == 302
    client.force_login(member)
    assert "Haushaltsentwurf" in dashboard(client)
    for person in (outsider, other_member):
        client.force_login(person)
        assert "Haushaltsentwurf" not in dashboard(client)


def test_writes_outside_the_views_invalidate_too(client, member, group, make_event):
    """The admin and the shell save models directly: the signals bump as the services do."""
    from tests.factories import make_thread

    event = make_event(title="Sommerfest")
    thread = make_thread(group=group, author=member, title="Videoüberwachung")
    client.force_login(member)
    page = dashboard(client)
    assert "Sommerfest" in page and "Videoüberwachung" in page
    event.title = "Herbstfest"
    event.save()
    thread.title = "Kameras am Bahnhof"
    thread.save()
    page = dashboard(client)
    assert "Herbstfest" in page and "Kameras am Bahnhof" in page
    # Leaving the group (deleting the follow) drops its news; a new office shows.
    Follow.objects.filter(person=member, group=group).delete()
    assert "Kameras am Bahnhof" not in dashboard(client)
    event.status = Event.Status.CANCELLED
    event.save()
    assert "abgesagt" in dashboard(client)


def test_an_admin_edit_invalidates(client, member, group, secretariat):
    from tests.factories import make_thread

    make_thread(group=group, author=member, title="Lärmschutz")
    other = UserFactory(organisation=member.organisation)
    Follow.objects.create(group=group, person=other)  # follows, is no member
    client.force_login(other)
    assert "Lärmschutz" in dashboard(client)  # an open group: its news reach followers (seen before)
    client.force_login(secretariat)
    url = reverse("admin:topics_workinggroup_change", args=[group.pk])
    form = client.get(url)
    assert form.status_code == 200
    data = {"_save": "1"}
    forms = [form.context["adminform"].form]
    for inline in form.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        data.update({management.add_prefix(name): value for name, value in management.initial.items()})
        forms += inline.formset.forms
    for each in forms:  # the change form as it was, submitted unchanged but for one box
        for name in each.fields:
            value = each.instance.pk if name == "id" else each.initial.get(name)
            if value is True:
                data[each.add_prefix(name)] = "on"
            elif value not in (None, False):
                data[each.add_prefix(name)] = getattr(value, "pk", value)
    data["is_restricted"] = "on"
    response = client.post(url, data)
    assert response.status_code == 302
    assert WorkingGroup.objects.get(pk=group.pk).is_restricted
    client.force_login(other)
    assert "Lärmschutz" not in dashboard(client)  # now restricted: never shown to a non-member


def test_the_resilient_cache_says_when_it_answers_from_memory(settings):
    from kernel import cache as resilient

    backend = resilient.ResilientRedisCache("redis://127.0.0.1:1/0", {})
    assert backend.is_available()
    resilient._down_until[backend._server_key] = 1e18
    try:
        assert not backend.is_available()
    finally:
        resilient._down_until.pop(backend._server_key)


def test_following_a_group_in_the_digest_settings_shows_its_news_at_once(client, member):
    from tests.factories import make_thread

    joined = WorkingGroupFactory(name="Jugendschutz")
    MembershipFactory(group=joined, person=member)  # a member, not following yet
    make_thread(group=joined, author=member, title="Schulwegsicherheit")
    client.force_login(member)
    assert "Schulwegsicherheit" not in dashboard(client)  # warm
    response = client.post(reverse("digest_preferences"), {"digest": "weekly", "groups": [joined.pk]})
    assert response.status_code == 302
    assert "Schulwegsicherheit" in dashboard(client)
