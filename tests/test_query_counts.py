"""Every page a member reads answers in the number of queries it takes today, on the demo data and on ten times
more of it (issue 32): a page whose count grows with the data fails here, and so does a page that got costlier.

The counts are of a warm request (the second), as in a running server, by the demo member. When a change makes a
page cheaper, lower its number here; when it must cost more, raise it in the same commit and say why.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.urls import NoReverseMatch, reverse

from members.models import User
from tests.helpers import count_queries, pinned_clock
from tests.test_access_matrix import EXPECTED, OK
from tests.urls_helper import portal_url_names
from topics.models import Thread

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

_clock = pinned_clock(datetime.datetime(2027, 3, 10, 9, 30, tzinfo=ZoneInfo("Europe/Berlin")))

MEMBER = "mitglied@defus.example"

# URL name (or page) -> queries, for mitglied@defus.example on `seed_demo` data.
PINNED = {
    "home": 6,
    "impressum": 6,
    "datenschutz": 6,
    "barrierefreiheit": 6,
    "dashboard": 21,
    "healthz": 4,
    "account_logout": 6,
    "account_inactive": 6,
    "account_reauthenticate": 12,
    "account_email": 10,
    "account_email_verification_sent": 6,
    "account_change_password": 6,
    "account_reset_password": 6,
    "account_reset_password_from_key_done": 6,
    "account_reset_password_done": 6,
    "mfa_index": 8,
    "organisation_list": 8,
    "bodies": 13,
    "profile_edit": 8,
    "first_steps": 9,
    "my_data": 58,
    "my_data_download": 53,
    "group_list": 10,
    "library": 11,
    "document_upload": 9,
    "inquiry_list": 10,
    "inquiry_create": 8,
    "event_list": 10,
    "event_calendar": 9,
    "public_event_list": 7,
    "certificate_verify": 6,
    "poll_list": 10,
    "poll_create": 9,
    "exchange_list": 8,
    "call_list": 9,
    "partner_search": 8,
    "deadlines_ics": 7,
    "meeting_list": 10,
    "digest_preferences": 13,
    "lagebild": 15,
    "survey_create": 9,
    "annual_report": 18,
    "annual_report_pdf": 18,
    "circular_list": 10,
    "public_members": 7,
    "position_papers": 7,
    "position_feed": 5,
    "membership_apply": 6,
    "leichte_sprache": 6,
    "practice_list": 14,
    "practice_export": 7,
    "practice_export_csv": 7,
    "practice_create": 9,
    "group_detail": 22,
    "thread_detail": 15,
    "organisation_detail": 10,
    "annual_report (last year)": 6,
}


def _pages(member) -> dict[str, str]:
    """Every page without arguments the access matrix opens to a member, and the detail pages of the member's
    working group, its busiest discussion and the member's organisation."""
    urls = {}
    for name in portal_url_names():
        if EXPECTED[name][1] != OK:
            continue
        try:
            urls[name] = reverse(name)
        except NoReverseMatch:
            continue
    group = member.working_group_memberships.select_related("group").get().group
    thread = Thread.objects.filter(group=group).order_by("-post_count", "pk").first()
    urls["group_detail"] = reverse("group_detail", args=[group.slug])
    urls["thread_detail"] = reverse("thread_detail", args=[group.slug, thread.pk])
    urls["organisation_detail"] = reverse("organisation_detail", args=[member.organisation.slug])
    urls["annual_report (last year)"] = reverse("annual_report") + "?jahr=2026"
    return urls


def _counts(client, urls: dict[str, str]) -> dict[str, int]:
    counts = {}
    for name, url in urls.items():
        response = client.get(url)  # warm: what a page may keep between requests is kept
        assert response.status_code == 200, (name, response.status_code, response.get("Location"))
        counts[name] = count_queries(client, url)
    return counts


def test_each_page_keeps_its_query_count_as_the_data_grows(client):
    call_command("seed_demo")
    member = User.objects.get(email=MEMBER)
    client.force_login(member)
    urls = _pages(member)
    seeded = _counts(client, urls)
    assert seeded == PINNED, "a page's query count changed; update PINNED when intended"
    call_command("seed_demo", scale=2)
    client.force_login(User.objects.get(email=MEMBER))  # the seed set the password again: a new session
    grown = _counts(client, urls)
    assert {name: count for name, count in grown.items() if count > seeded[name]} == {}
