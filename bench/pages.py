"""The pages the benchmark requests, and how many queries each takes (in-process, test client).

Run by bench/run.py as a separate process per database (settings are per process):
    DATABASE_URL=... python bench/pages.py OUT.json
It picks the objects the detail pages show (the same way at every scale), counts the queries of one
warm request per page as the demo member, and writes {"member": ..., "pages": {name: {"url", "queries"}}}.
"""

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "defus.settings")

MEMBER = "mitglied@defus.example"
# A subject of about one in twelve scale documents (topics/demo_scale.py).
SEARCH = "Drogenkonsumräume"


# URL names of the pages without an object, as the navigation and the profile menu reach them.
MORE_PAGES = (
    "bodies",
    "profile_edit",
    "digest_preferences",
    "my_data",
    "inquiry_list",
    "inquiry_create",
    "document_upload",
    "poll_list",
    "poll_create",
    "exchange_list",
    "partner_search",
    "meeting_list",
    "circular_list",
    "lagebild",
    "annual_report",
    "public_event_list",
)


def page_urls(member) -> dict[str, str]:
    """One URL per main page. Detail pages show the busiest object of their kind the member may see."""
    from urllib.parse import urlencode

    from django.db.models import Count, Q
    from django.urls import reverse
    from django.utils import timezone

    from events.models import Event
    from events.policies.events import visible_events
    from funding.models import Call
    from members.models import Organisation
    from topics.models import Thread

    now = timezone.now()
    group = member.working_group_memberships.select_related("group").get().group
    thread = Thread.objects.filter(group=group).order_by("-post_count", "pk").first()
    organisation = Organisation.objects.filter(slug="musterstadt-0001").first() or member.organisation
    event = (
        Event.objects.filter(visible_events.q(member), start__gt=now, status="published")
        .annotate(registered=Count("registrations", filter=Q(registrations__status="registered")))
        .order_by("-registered", "start", "pk")
        .first()
    )
    call = (
        Call.objects.filter(deadlines__at__gt=now)
        .annotate(interested=Count("interests", distinct=True))
        .order_by("-interested", "pk")
        .first()
    )
    return {
        "dashboard": reverse("dashboard"),
        "directory": reverse("organisation_list"),
        "organisation": reverse("organisation_detail", args=[organisation.slug]),
        "group list": reverse("group_list"),
        "group": reverse("group_detail", args=[group.slug]),
        "thread": reverse("thread_detail", args=[group.slug, thread.pk]),
        "library": reverse("library"),
        "library search": reverse("library") + "?" + urlencode({"q": SEARCH}),
        "events": reverse("event_list"),
        "event": reverse("event_detail", args=[event.pk]),
        "calendar": reverse("event_calendar"),
        "funding": reverse("call_list"),
        "call": reverse("call_detail", args=[call.pk]),
        # Every other page a member reaches from the navigation (issue 19: "every page reached by a member").
        **{name: reverse(name) for name in MORE_PAGES},
        "healthz": reverse("healthz"),
    }


def main(out: str) -> None:
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from members.models import User

    member = User.objects.get(email=MEMBER)
    urls = page_urls(member)
    client = Client()
    client.force_login(member)
    pages = {}
    for name, url in urls.items():
        client.get(url)  # warm: per-process caches, as in a running server
        with CaptureQueriesContext(connection) as captured:
            status = client.get(url).status_code
        if status in (403, 404) and name in MORE_PAGES:
            print(f"   {name}: not reached by {MEMBER} (HTTP {status}), left out", flush=True)
            continue
        if status != 200:
            raise SystemExit(f"{name} ({url}) answered {status}")
        pages[name] = {"url": url, "queries": len(captured)}
    Path(out).write_text(json.dumps({"member": MEMBER, "pages": pages}, indent=2))


if __name__ == "__main__":
    main(sys.argv[1])
