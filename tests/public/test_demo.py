"""The demo's public parts: a linked member, a request on the desk and a barrier to answer; twice is once."""

import pytest
from django.urls import reverse

from publicsite import demo
from publicsite.models import AccessibilityFeedback, MembershipApplication
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_it_seeds_once_and_the_public_page_links_the_member_that_agreed(client):
    OrganisationFactory(name="Landeshauptstadt Stuttgart", slug="landeshauptstadt-stuttgart", federal_state="BW")
    demo.seed()
    demo.seed()
    assert MembershipApplication.objects.filter(status="confirmed").count() == 1
    assert AccessibilityFeedback.objects.filter(answered_at__isnull=True).count() == 1
    html = client.get(reverse("public_members")).content.decode()
    assert 'href="https://stuttgart.example/kriminalpraevention"' in html
    assert "<title>Landeshauptstadt Stuttgart</title>" in html
