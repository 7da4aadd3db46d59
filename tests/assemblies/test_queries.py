import pytest
from django.urls import reverse

from assemblies import services
from assemblies.models import AgendaItem, Proxy
from tests.assemblies.announce import announce
from tests.assemblies.helpers import proxy_before_voting, second_secretariat
from tests.factories import ResolutionFactory, make_delegate, make_document
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db


def _grow(meeting, secretariat, factor):
    second = second_secretariat(f"zweite-{Proxy.objects.count()}@example.org")
    for _ in range(factor):
        item = AgendaItem.objects.create(meeting=meeting, number=AgendaItem.objects.count() + 1, title="TOP")
        item.documents.add(make_document(label="members"))
        resolution = ResolutionFactory(meeting=meeting, agenda_item=item)
        announce(meeting, secretariat)
        for _ in range(2):
            person = make_delegate()
            services.vote_cast(resolution=resolution, person=person, choice="yes")
            proxy_before_voting(
                meeting,
                organisation=make_delegate().organisation,
                holder=person,
                recorded_by=secretariat,
                approver=second,
                signed_by="Oberbürgermeisterin (Vollmacht auf Papier)",
            )
    services.attendance_record(
        meeting=meeting, organisation_ids=list(services.entitled_organisations().values_list("pk", flat=True))
    )


@pytest.mark.parametrize("page", ["meeting_list", "meeting_detail", "resolution_detail", "meeting_minutes"])
def test_query_count_is_constant(client, secretariat, delegate, ballot, page):
    meeting = ballot.meeting
    url = {
        "meeting_list": reverse("meeting_list"),
        "meeting_detail": reverse("meeting_detail", args=[meeting.pk]),
        "resolution_detail": reverse("resolution_detail", args=[ballot.pk]),
        "meeting_minutes": reverse("meeting_minutes", args=[meeting.pk]),
    }[page]
    viewer = secretariat if page in {"meeting_minutes", "meeting_detail"} else delegate
    client.force_login(viewer)
    _grow(meeting, secretariat, 1)
    small = count_queries(client, url)
    _grow(meeting, secretariat, 8)
    for _ in range(6):
        services.vote_cast(resolution=ballot, person=make_delegate(), choice="no")
    assert count_queries(client, url) == small
