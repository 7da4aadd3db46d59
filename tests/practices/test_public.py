"""Public or members only per entry: published public entries are read without signing in (list, page, exports),
members-only ones never reach a visitor or a former member; list and page agree through one policy."""

import re
import xml.etree.ElementTree as ET
from urllib.parse import urljoin, urlparse

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from practices.models import Practice
from practices.policies import visible_practices
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db

PUBLISHED = Practice.State.PUBLISHED
SECRET = "Nur für Mitglieder"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def entries(organisation, burglary):
    return {
        "public": make_practice(
            organisations=[organisation], state=PUBLISHED, is_public=True, title="Offene Praxis", offences=[burglary]
        ),
        "members": make_practice(organisations=[organisation], state=PUBLISHED, title=SECRET),
        "draft": make_practice(organisations=[organisation], is_public=True, title="Öffentlicher Entwurf"),
        "submitted": make_practice(
            organisations=[organisation], state=Practice.State.SUBMITTED, is_public=True, title="In Bewertung"
        ),
    }


def _titles(response) -> list[str]:
    return [practice.title for practice in response.context["page"].object_list]


def test_a_visitor_reads_public_entries_with_level_and_reason(client, entries):
    assert _titles(client.get(reverse("practice_list"))) == ["Offene Praxis"]
    page = client.get(reverse("practice_detail", args=[entries["public"].pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "wahrscheinlich" in html and "Vorher-Nachher-Vergleich" in html and "1. Mai 2024" in html


def test_a_visitor_never_gets_members_only_drafts_or_entries_under_review(client, entries):
    html = client.get(reverse("practice_list")).content.decode()
    for kind in ("members", "draft", "submitted"):
        assert entries[kind].title not in html
        response = client.get(reverse("practice_detail", args=[entries[kind].pk]))
        assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    # An address that does not exist answers the same: nothing tells a visitor which entries exist.
    missing = client.get(reverse("practice_detail", args=[999999]))
    assert missing.status_code == 302 and missing["Location"].startswith(reverse("account_login"))


def test_a_former_member_reads_like_a_visitor(client, left_member, entries):
    client.force_login(left_member)
    assert _titles(client.get(reverse("practice_list"))) == ["Offene Praxis"]
    assert client.get(reverse("practice_detail", args=[entries["public"].pk])).status_code == 200
    assert client.get(reverse("practice_detail", args=[entries["members"].pk])).status_code == 403


def test_members_read_both_and_see_which_is_members_only(client, member, entries):
    client.force_login(member)
    titles = _titles(client.get(reverse("practice_list")))
    assert "Offene Praxis" in titles and SECRET in titles
    assert client.get(reverse("practice_detail", args=[entries["members"].pk])).status_code == 200


def test_list_and_page_follow_one_policy(entries, member, left_member):
    for user in (AnonymousUser(), left_member, member):
        listed = set(Practice.objects.filter(visible_practices.q(user)).values_list("pk", flat=True))
        checked = {practice.pk for practice in Practice.objects.all() if visible_practices.check(user, practice)}
        assert listed == checked, user


def test_an_anonymous_crawl_finds_no_members_only_entry(client, entries):
    """Follows every link a visitor reaches from the start page (the register is in its menu)."""
    seen, queue = set(), [reverse("home")]
    while queue and len(seen) < 80:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            body = response.content.decode(errors="ignore") if response.status_code == 200 else ""
            assert SECRET not in body, url
            continue
        html = response.content.decode()
        assert SECRET not in html and "Öffentlicher Entwurf" not in html, url
        for href in re.findall(r'href="([^"#]+)"', html):
            target = urlparse(urljoin(url, href.replace("&amp;", "&")))
            if not target.netloc and not target.path.startswith(("/static/", "/admin/", "/konto/", "/accounts/")):
                queue.append(target.path + (f"?{target.query}" if target.query else ""))
    assert reverse("practice_detail", args=[entries["public"].pk]) in seen
    assert reverse("practice_export") in seen or any(u.startswith(reverse("practice_export")) for u in seen)


def test_the_exports_hold_only_the_public_entries(client, member, entries):
    client.force_login(member)
    data = client.get(reverse("practice_export")).json()["practices"]
    assert [entry["title"] for entry in data] == ["Offene Praxis"]
    csv = client.get(reverse("practice_export_csv")).content.decode("utf-8-sig")
    assert "Offene Praxis" in csv and SECRET not in csv


def test_the_public_feed_has_the_public_entries_with_level_and_reason(client, entries):
    response = client.get(reverse("position_feed"))
    feed = ET.fromstring(response.content)  # noqa: S314  (our own response)
    entries_by_title = {entry.find(f"{ATOM}title").text: entry for entry in feed.findall(f"{ATOM}entry")}
    assert set(entries_by_title) == {"Offene Praxis"}
    entry = entries_by_title["Offene Praxis"]
    assert entry.find(f"{ATOM}link").get("href").endswith(reverse("practice_detail", args=[entries["public"].pk]))
    assert "wahrscheinlich" in entry.find(f"{ATOM}summary").text
    assert "Vorher-Nachher-Vergleich" in entry.find(f"{ATOM}summary").text
