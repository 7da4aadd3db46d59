"""Every working-group page answers in a fixed number of queries, however much there is."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.factories import MembershipFactory, WorkingGroupFactory, make_document, make_thread
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("page", ["group_list", "group_detail", "thread_detail", "library", "dashboard"])
def test_query_count_is_constant(client, member, group, page):
    thread = make_thread(group=group, author=member, replies=2)

    def grow(factor):
        for _ in range(factor):
            other = WorkingGroupFactory()
            MembershipFactory(group=other, person=member)
            make_thread(group=group, author=member, replies=1)
            make_thread(group=other, author=member)
            make_document(label="group", groups=[group, other])
            make_document(label="members", groups=[group])
        for _ in range(factor):
            make_thread(group=group, author=member)

    urls = {
        "group_list": reverse("group_list"),
        "group_detail": reverse("group_detail", args=[group.slug]),
        "thread_detail": reverse("thread_detail", args=[group.slug, thread.pk]),
        "library": reverse("library"),
        "dashboard": reverse("dashboard"),
    }
    client.force_login(member)
    grow(1)
    cache.clear()  # nothing kept from the first count
    small = count_queries(client, urls[page])
    grow(10)
    from topics.services import post_create

    for number in range(15):
        post_create(thread=thread, author=member, body=f"mehr {number}")
    cache.clear()
    assert count_queries(client, urls[page]) == small


@pytest.mark.parametrize("page", ["inquiry_list", "inquiry_detail"])
def test_inquiry_pages_query_count_is_constant(client, member, page):
    import datetime

    from django.utils import timezone

    from tests.factories import OrganisationFactory, UserFactory
    from topics.inquiries import inquiry_answer, inquiry_create

    deadline = timezone.now() + datetime.timedelta(days=5)
    inquiry = inquiry_create(author=member, title="Frage", question="Wie?", deadline=deadline)

    def grow(factor):
        for _ in range(factor):
            inquiry_create(author=member, title="Noch eine", question="?", deadline=deadline)
            inquiry_answer(inquiry=inquiry, person=UserFactory(organisation=OrganisationFactory()), text="Antwort")

    url = reverse(page, args=[inquiry.pk] if page == "inquiry_detail" else [])
    client.force_login(member)
    grow(1)
    small = count_queries(client, url)
    grow(10)
    assert count_queries(client, url) == small
