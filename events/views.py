"""Events: lists, month calendar, detail, registration, participants, calendar files and feeds."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from events import certificates, guests, selectors, services
from events.filters import EventFilter
from events.ics import build_calendar
from events.models import CalendarFeed, Event, Registration
from kernel.paging import paginate
from kernel.parse import whole_numbers
from kernel.refusals import reported
from kernel.spreadsheet import excel_csv_response
from topics.selectors import documents_visible_to


def _event(request, pk) -> Event:
    event = get_object_or_404(Event.objects.select_related("organisation", "group"), pk=pk)
    if not request.user.has_perm("events.view_event_page", event):
        raise Http404
    return event


def event_list(request):
    events = EventFilter(request.GET or None, queryset=selectors.event_list(user=request.user), request=request)
    page, query = paginate(request, events.qs, 20)
    context = {"form": events.form, "page": page, "past": events.past, "query": query}
    return render(request, "events/event_list.html", context)


def event_calendar(request, year=None, month=None):
    today = timezone.localdate()
    year, month = year or today.year, month or today.month
    if not (1 <= month <= 12 and 2000 <= year <= 2100):
        raise Http404
    first = datetime.date(year, month, 1)
    previous = (first - datetime.timedelta(days=1)).replace(day=1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    weeks = selectors.month_grid(user=request.user, year=year, month=month)
    return render(
        request,
        "events/event_calendar.html",
        {
            "weeks": weeks,
            "has_events": any(day["events"] for week in weeks for day in week if day["in_month"]),
            "month": first,
            "previous": previous,
            "following": following,
            "today": today,
        },
    )


def event_detail(request, pk):
    event = _event(request, pk)
    registration = Registration.objects.filter(event=event, person=request.user).exclude(status="cancelled").first()
    organiser = request.user.has_perm("events.manage_participants", event)
    statutory = event.kind in {Event.Kind.MEMBERS_MEETING, Event.Kind.BOARD_MEETING}
    taken = services.seats_taken(event=event)
    context = {
        "event": event,
        "registration": registration,
        "can_register": request.user.has_perm("events.register", event),
        "organiser": organiser,
        "may_download_certificate": certificates.member_may_download(event, registration),
        "agenda": event.agenda.all(),
        "participants": selectors.participants(event=event, for_organiser=organiser),
        "hidden_count": 0 if organiser else selectors.hidden_participants_count(event=event),
        # Members and confirmed guests of a public event share the seats and the waiting list.
        "registered_count": taken,
        "full": event.capacity is not None and taken >= event.capacity,
        "position": selectors.waitlist_position(registration),
        "waitlist_count": event.registrations.filter(status="waitlisted").count()
        + event.guests.filter(status="waitlisted").count(),
        # Minutes and slides, each under its own sensitivity label.
        "documents": documents_visible_to(user=request.user).filter(event=event),
    }
    if statutory and not organiser:
        # For statutory meetings the organisations represented are shown, on the association's authority.
        context["organisations"] = selectors.represented_organisations(event=event)
    return render(request, "events/event_detail.html", context)


@require_POST
def event_register(request, pk):
    event = _event(request, pk)
    if request.POST.get("action") == "cancel":
        services.registration_cancel(event=event, person=request.user)
        messages.success(request, _("Your registration has been cancelled."))
        return redirect("event_detail", pk=event.pk)
    if not request.user.has_perm("events.register", event):
        raise PermissionDenied
    with reported(request) as outcome:
        registration = services.registration_register(
            event=event, person=request.user, show_in_participants=request.POST.get("show") == "on"
        )
    if outcome.ok:
        if registration.status == Registration.Status.REGISTERED:
            messages.success(request, _("You are registered. A confirmation with the calendar entry is on its way."))
        else:
            messages.info(request, _("The event is fully booked; you are on the waiting list."))
    return redirect("event_detail", pk=event.pk)


def event_participants_csv(request, pk):
    event = _event(request, pk)
    if not request.user.has_perm("events.manage_participants", event):
        raise PermissionDenied
    # Members and guests of public events together (events.guests), registered first.
    rows = (
        [
            p.name,
            p.organisation,
            p.exported_email,
            p.role,
            _("Guest") if p.is_guest else _("Member"),
            p.status_display,
            _("yes") if p.attended else _("no"),
            p.needs,
        ]
        for p in guests.participants(event=event)
    )
    header = [_("Name"), _("Organisation"), _("Email"), _("Role or position"), _("Kind"), _("Status"),
              _("attended"), _("Dietary or accessibility needs")]  # fmt: skip
    return excel_csv_response(rows, header, filename=f"teilnehmende-{event.pk}.csv")


@require_POST
def event_attendance(request, pk):
    event = _event(request, pk)
    if not request.user.has_perm("events.manage_participants", event):
        raise PermissionDenied
    present = whole_numbers(request.POST.getlist("attended"))
    registrations = event.registrations.filter(status="registered")
    registrations.filter(pk__in=present).update(attended=True)
    registrations.exclude(pk__in=present).update(attended=False)
    messages.success(request, _("Attendance has been saved."))
    return redirect("event_detail", pk=event.pk)


def event_ics(request, pk):
    event = _event(request, pk)
    mine = event.registrations.filter(person=request.user).values_list("status", flat=True).first()
    online = {event.pk} if mine == "registered" else frozenset()
    # A place on the waiting list books no time yet.
    content = build_calendar([event], name=event.title, online_link_for=online, tentative=mine == "waitlisted")
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="defus-{event.pk}.ics"'
    return response


@login_not_required
@never_cache
def calendar_feed(request, token):
    """The personal feed: the secret token is the only credential (calendar apps cannot sign in)."""
    feed = CalendarFeed.objects.select_related("person__organisation").filter(token=token).first()
    if feed is None or not feed.person.is_active:
        raise Http404
    events = list(selectors.feed_events(user=feed.person))
    registered = set(
        Registration.objects.filter(person=feed.person, status="registered", event__in=events).values_list(
            "event_id", flat=True
        )
    )
    content = build_calendar(events, name="DEFUS", online_link_for=registered)
    return HttpResponse(content, content_type="text/calendar; charset=utf-8")


@require_POST
def calendar_feed_renew(request):
    feed, created = CalendarFeed.objects.get_or_create(person=request.user)
    if created:
        messages.success(request, _("Your calendar address has been created; subscribe to it in your calendar."))
    else:
        feed.renew()
        messages.success(request, _("Your calendar address has been renewed; the old one no longer works."))
    return redirect("profile_edit")
