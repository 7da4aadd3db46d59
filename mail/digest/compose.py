"""What one person's digest says, composed for a whole batch of people at once.

Each app contributes a section (``topics/digest.py``, ``events/digest.py``, ``funding/digest.py``; the
secretariat's note lives here), declared as ``digest_sections`` on its AppConfig (kernel/contributions.py); the
section types are the kernel's (kernel/digest.py). A section loads what it needs for the whole batch in a fixed
number of queries, then picks each person's part in Python with the same permission rules the pages use. The
batch primes the per-person caches those rules read (offices here, group memberships and follows by the apps'
``digest_primers``), so composing 200 people costs the same queries as composing one.
"""

import datetime

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from kernel.contributions import contributed
from kernel.digest import Batch, Part
from kernel.digest_schedule import Period
from kernel.emails import absolute_url, build_email
from kernel.markup import markdown_as_text, render_markdown
from kernel.viewer import prime
from mail.digest.links import list_headers, unsubscribe_url
from mail.models import DigestNote
from members import bylaws
from members.models import User


class Renderer:
    """Renders each distinct part once per language; most readers of a batch share most parts
    (the same calls, the same events, the same group news), so a batch renders a few dozen
    fragments instead of one per reader and section."""

    def __init__(self):
        self._done: dict[tuple, tuple[str, str]] = {}

    def render(self, part: Part, language: str) -> tuple[str, str]:
        key = (part.key, part.signature, language)
        if part.signature is not None and key in self._done:
            return self._done[key]
        context = {"site_url": settings.SITE_URL, "data": part.data}
        with translation.override(language):
            html = render_to_string(f"emails/digest/_{part.key}.html", context)
            text = render_to_string(f"emails/digest/_{part.key}.txt", context)
        if part.signature is not None:
            self._done[key] = (html, text)
        return html, text


def load_people(person_ids) -> list[User]:
    return list(User.objects.filter(pk__in=person_ids).select_related("organisation").order_by("pk"))


def prepare_batch(people: list[User], period: Period, now: datetime.datetime | None = None) -> Batch:
    """Prime the caches the permission rules read (the offices here, the rest by the apps' primers), in three
    queries for the whole batch."""

    prime(people, "offices", argument=timezone.localdate(now) if now else None)
    batch = Batch(period=period, people=people, now=now or timezone.now())
    for prime_batch in contributed("digest_primers"):
        prime_batch(batch)
    return batch


def load_sections(batch: Batch) -> list:
    """The sections the apps declare (``digest_sections`` on their AppConfig), in the stated order."""
    return [section(batch) for section in contributed("digest_sections")]


def parts_for(person: User, sections) -> list[Part]:
    """The person's parts, in order; empty when there is nothing to tell (then nothing is sent)."""
    if not bylaws.has_member_access(person):
        return []
    parts = [part for section in sections if (part := section.for_person(person)) is not None]
    # The secretariat's note alone is no reason to write: it comes with news, not instead of it.
    return parts if any(part.key != "note" for part in parts) else []


def build_digest(
    person: User,
    parts: list[Part],
    period: Period,
    *,
    renderer: Renderer | None = None,
    test: bool = False,
    to: str | None = None,
):
    renderer = renderer or Renderer()
    rendered = []
    for part in parts:
        html, text = renderer.render(part, person.language)
        rendered.append({"title": part.title, "html": mark_safe(html), "text": text})  # noqa: S308  (our templates)
    preferences = absolute_url(reverse("digest_preferences"))
    context = {
        "person": person,
        "recipient": person,  # a test copy to the secretariat still greets the member it was made for
        "parts": rendered,
        "period": period,
        "since": period.since,
        "until": period.sending,
        "test": test,
        # A test copy goes to the secretariat: it must not carry a link that unsubscribes the member.
        "unsubscribe_url": preferences if test else unsubscribe_url(person),
        "preferences_url": preferences,
        "portal_url": absolute_url(reverse("dashboard")),
    }
    headers = {} if test else list_headers(person)
    return build_email(
        "digest",
        to=to or person.email,
        context=context,
        language=person.language,
        headers=headers,
        person=None if test else person,
    )


# --- The secretariat's own section ------------------------------------------------------


class SecretariatNote:
    """ "Aus der Geschäftsstelle": the note the secretariat wrote in the admin for this week."""

    def __init__(self, batch: Batch):
        self.note = DigestNote.objects.filter(period=batch.period.day).first()

    def for_person(self, person) -> Part | None:
        if self.note is None:
            return None
        text = self.note.text_for(person.language)
        html = render_markdown(text)
        parts = {"html": html, "text": markdown_as_text(text)}
        return Part("note", _("From the secretariat"), parts, signature=(text,))
