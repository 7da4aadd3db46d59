"""A small association with something on every page, its text chosen by the caller.

The fault tests fill it with plain words; the XSS test with a payload in every text field.
"""

import datetime
import itertools
from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone

from events.exchange import request_create
from events.models import AgendaItem, Event, ExchangeOffer, Registration
from events.polls import poll_create
from funding.models import Call, Deadline, Interest, PartnerOrganisation, Programme
from members.models import Role
from tests.factories import (
    EventFactory,
    MandateFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    make_document,
)
from topics.inquiries import inquiry_answer, inquiry_create
from topics.models import WorkingGroup
from topics.services import post_create, post_hide, thread_create

# text(field name, max length) -> the value to store
Text = Callable[[str, int], str]


def plain(field: str, max_length: int) -> str:
    return f"Beispiel {field}"[:max_length]


@dataclass
class World:
    member: object
    group: WorkingGroup
    thread: object
    document: object
    event: Event
    poll: object
    offer: ExchangeOffer
    call: Call
    inquiry: object
    colleague: object

    def member_pages(self) -> list[str]:
        """Every page a member reads, each showing some of the world's text."""
        return [
            reverse("dashboard"),
            reverse("organisation_list"),
            reverse("organisation_detail", args=[self.member.organisation.slug]),
            reverse("person_detail", args=[self.colleague.pk]),
            reverse("person_detail", args=[self.member.pk]),
            reverse("bodies"),
            reverse("profile_edit"),
            reverse("my_data"),
            reverse("group_list"),
            reverse("group_detail", args=[self.group.slug]),
            reverse("thread_create", args=[self.group.slug]),
            reverse("thread_detail", args=[self.group.slug, self.thread.pk]),
            reverse("post_edit", args=[self.thread.posts.order_by("pk").first().pk]),
            reverse("library"),
            reverse("library") + "?q=Beispiel",
            reverse("document_upload"),
            reverse("document_detail", args=[self.document.pk]),
            reverse("inquiry_list"),
            reverse("inquiry_create"),
            reverse("inquiry_detail", args=[self.inquiry.pk]),
            reverse("event_list"),
            reverse("event_calendar"),
            reverse("event_calendar_month", args=[self.event.start.year, self.event.start.month]),
            reverse("event_detail", args=[self.event.pk]),
            reverse("poll_list"),
            reverse("poll_create"),
            reverse("poll_detail", args=[self.poll.pk]),
            reverse("exchange_list"),
            reverse("exchange_detail", args=[self.offer.pk]),
            reverse("call_list"),
            reverse("call_detail", args=[self.call.pk]),
            reverse("partner_search"),
            reverse("home"),
            reverse("impressum"),
            reverse("datenschutz"),
            reverse("barrierefreiheit"),
        ]


def build_world(*, member, text: Text = plain) -> World:
    """``member`` belongs to an organisation; everything else is made around them."""
    now = timezone.now()
    organisation = member.organisation
    for field, length in (("description", 2000), ("street", 200), ("city", 100), ("phone", 40)):
        setattr(organisation, field, text(f"organisation.{field}", length))
    organisation.save()
    for field, length in (("first_name", 100), ("last_name", 100), ("position", 200), ("phone", 40)):
        setattr(member, field, text(f"member.{field}", length))
    member.show_position = member.show_phone = member.show_email = True
    member.save()
    colleague = UserFactory(
        organisation=organisation,
        first_name=text("colleague.first_name", 100),
        last_name=text("colleague.last_name", 100),
        position=text("colleague.position", 200),
        phone=text("colleague.phone", 40),
        show_position=True,
        show_phone=True,
    )
    MandateFactory(role=Role.DELEGATE, person=colleague, organisation=organisation, elected_at=text("elected_at", 200))
    MandateFactory(role=Role.CHAIR, person=UserFactory(first_name=text("chair.first_name", 100)))

    group = WorkingGroup.objects.create(
        name=text("group.name", 200), slug="ag-welt", description=text("group.description", 2000)
    )
    MembershipFactory(group=group, person=member)
    MembershipFactory(group=group, person=colleague)
    thread = thread_create(group=group, author=member, title=text("thread.title", 200), body=text("thread.body", 5000))
    post_create(thread=thread, author=colleague, body=text("post.body", 5000))
    hidden = post_create(thread=thread, author=member, body=text("hidden.body", 5000))
    post_hide(post=hidden, reason=text("post.hidden_reason", 300))

    document = make_document(
        label="members",
        title=text("document.title", 250),
        description=text("document.description", 2000),
        uploaded_by=member,
        organisation=organisation,
    )
    document.groups.add(group)

    start = (now + datetime.timedelta(days=6)).replace(microsecond=0)
    event = EventFactory(
        title=text("event.title", 200),
        kind=Event.Kind.WORKING_GROUP_MEETING,
        description=text("event.description", 2000),
        location=text("event.location", 300),
        organisation=organisation,
        group=group,
        start=start,
        end=start + datetime.timedelta(hours=2),
        status=Event.Status.PUBLISHED,
        capacity=20,
    )
    AgendaItem.objects.create(
        event=event, starts_at=start, title=text("agenda.title", 300), speaker=text("agenda.speaker", 200)
    )
    Registration.objects.create(event=event, person=colleague, status="registered", show_in_participants=True)

    poll = poll_create(
        organiser=colleague,
        title=text("poll.title", 200),
        description=text("poll.description", 2000),
        location=text("poll.location", 300),
        invitees=[member, colleague],
        starts=[start + datetime.timedelta(days=7), start + datetime.timedelta(days=8)],
    )

    host = OrganisationFactory(name=text("host.name", 200)[:190] + " (Gastgeber)")
    offer = ExchangeOffer.objects.create(
        host=host,
        theme=text("offer.theme", 200),
        what_to_see=text("offer.what_to_see", 2000),
        possible_dates=text("offer.possible_dates", 300),
        place=text("offer.place", 200),
        language=text("offer.language", 100),
    )
    request_create(
        offer=offer,
        person=member,
        preferred_date=timezone.localdate() + datetime.timedelta(days=30),
        message=text("exchange.message", 2000),
    )

    programme = Programme.objects.create(
        code="isf", name=text("programme.name", 200), managing_body=text("programme.managing_body", 200)
    )
    call = Call.objects.create(
        identifier="ISF-2027-WELT",
        title_en=text("call.title_en", 300),
        title_de=text("call.title_de", 300),
        programme=programme,
        type_of_action=text("call.type_of_action", 200),
        eligibility=text("call.eligibility", 2000),
        min_consortium=text("call.min_consortium", 200),
        assessment=text("call.assessment", 2000),
        cofinancing_rate=text("call.cofinancing_rate", 100),
    )
    call.groups.add(group)
    Deadline.objects.create(call=call, at=now + datetime.timedelta(days=40))
    partner = PartnerOrganisation.objects.create(
        name=text("partner.name", 200),
        country="FR",
        kind=text("partner.kind", 100),
        themes=text("partner.themes", 300),
        contact=text("partner.contact", 200),
        consent_to_list=True,
    )
    interest = Interest.objects.create(
        call=call,
        organisation=organisation,
        role="partner",
        contact=member,
        note=text("interest.note", 2000),
        looking_for_partners=True,
        offers=text("interest.offers", 2000),
        needs=text("interest.needs", 2000),
    )
    interest.partners.add(partner)

    inquiry = inquiry_create(
        author=colleague,
        title=text("inquiry.title", 200),
        question=text("inquiry.question", 5000),
        deadline=now + datetime.timedelta(days=9),
    )
    inquiry_answer(inquiry=inquiry, person=member, text=text("inquiry.answer", 5000))
    return World(
        member=member,
        group=group,
        thread=thread,
        document=document,
        event=event,
        poll=poll,
        offer=offer,
        call=call,
        inquiry=inquiry,
        colleague=colleague,
    )


def cycling(values: list[str]) -> Text:
    """A Text that hands out ``values`` in turn, skipping those too long for the field."""
    pool = itertools.cycle(values)

    def text(field: str, max_length: int) -> str:
        for _ in range(len(values)):
            value = next(pool)
            if len(value) <= max_length:
                return value
        return field[:max_length]

    return text
