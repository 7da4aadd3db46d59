"""Public events without sign-in: list, detail with guest registration, confirmation, the guest's personal
page, certificates and their check; and the organisers' door list and badges."""

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from events import certificates, guests, selectors
from events.forms_public import CertificateCheckForm, GuestRegistrationForm
from events.ics import build_calendar
from events.models import Event, GuestRegistration, Registration
from kernel.parse import whole_numbers
from kernel.refusals import reported

REQUESTED = gettext_lazy(
    "Thank you. We have sent an email to the address you gave. Please follow the link in it within 48 hours "
    "to confirm your registration; if you are already registered, the email holds your personal link."
)


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _client_ip(request) -> str:
    """The visitor's address as the sign-in rate limits see it (allauth: ALLAUTH_TRUSTED_PROXY_COUNT or
    ALLAUTH_TRUSTED_CLIENT_IP_HEADER behind a proxy, else REMOTE_ADDR)."""

    return get_adapter(request).get_client_ip(request)


@login_not_required
def public_event_list(request):
    return render(request, "events/public/event_list.html", {"events": guests.public_events()})


@login_not_required
def public_event_detail(request, pk):
    event = guests.public_event(pk=pk)
    if event is None:
        raise Http404
    form = GuestRegistrationForm(request.POST or None)
    status = 200
    if request.method == "POST" and not event.registration_is_open():
        status = 400  # the page says registration is not open; nothing is stored
    elif request.method == "POST":
        if form.is_bot:
            # The same answer as for a person, and nothing stored.
            return _requested(event)
        if guests.over_limit(ip=_client_ip(request)):
            form.add_error(None, _("Too many registrations from your network. Please try again in an hour."))
            status = 429
        elif form.is_valid():
            data = form.cleaned_data
            if guests.over_limit(email=data["email"]):
                form.add_error(None, _("Too many registrations for this email address. Please try again in an hour."))
                status = 429
            else:
                with reported(request, form=form) as outcome:
                    guests.guest_request(
                        event=event,
                        name=data["name"],
                        email=data["email"],
                        organisation=data["organisation"],
                        role=data["role"],
                        needs=data["needs"],
                        language=get_language(),
                    )
                if outcome.ok:
                    return _requested(event)
                status = 400
        else:
            status = 400
    context = {
        "event": event,
        "form": form,
        "agenda": event.agenda.all(),
        "speakers": [line.strip() for line in event.speakers.splitlines() if line.strip()],
        "documents": event.documents.filter(label="public", current_version__isnull=False).order_by("title"),
        "registration_open": event.registration_is_open(),
        # After sending: the answer in place of the form, not an empty form that looks as if nothing happened.
        "requested": request.method == "GET" and request.GET.get("gesendet") == "1",
        "requested_text": REQUESTED,
    }
    return render(request, "events/public/event_detail.html", context, status=status)


def _requested(event):
    """The same answer whoever asked (a person, a bot, an address already registered)."""
    return redirect(f"{reverse('public_event_detail', args=[event.pk])}?gesendet=1#guest-heading")


@login_not_required
def public_event_ics(request, pk):
    event = guests.public_event(pk=pk)
    if event is None:
        raise Http404
    response = HttpResponse(build_calendar([event], name=event.title, public=True), content_type="text/calendar")
    response["Content-Disposition"] = f'attachment; filename="defus-{event.pk}.ics"'
    return response


@login_not_required
@never_cache
def guest_confirm(request, token):
    """GET shows a button, POST confirms: mail scanners that open links must not confirm on their own."""
    guest = guests.guest_from_confirmation(token)
    if guest is None:
        return render(request, "events/public/confirm.html", {"invalid": True}, status=404)
    if request.method == "POST":
        with reported(request):
            guest = guests.guest_confirm(guest=guest)
        return redirect("guest_registration", token=guest.token)
    if guest.status != GuestRegistration.Status.PENDING:
        return redirect("guest_registration", token=guest.token)
    return render(request, "events/public/confirm.html", {"guest": guest, "event": guest.event})


def _guest(token) -> GuestRegistration:
    guest = GuestRegistration.objects.select_related("event").filter(token=token).first()
    if guest is None or guest.status == GuestRegistration.Status.PENDING:
        raise Http404
    return guest


@login_not_required
@never_cache
def guest_registration(request, token):
    """The guest's personal page: the secret in the link is the only credential."""
    guest = _guest(token)
    if request.method == "POST":
        if request.POST.get("action") == "cancel":
            guests.guest_cancel(guest=guest)
            messages.success(request, _("Your registration has been cancelled."))
        return redirect("guest_registration", token=guest.token)
    context = {
        "guest": guest,
        "event": guest.event,
        "certificate": certificates.may_have_certificate(guest.event, attended=guest.attended),
        "position": selectors.waitlist_position(guest),
        "retention_days": settings.GUEST_RETENTION_DAYS,
    }
    return render(request, "events/public/guest.html", context)


@login_not_required
@never_cache
def guest_certificate(request, token):
    guest = _guest(token)
    if not certificates.may_have_certificate(guest.event, attended=guest.attended):
        raise Http404
    certificate = certificates.certificate_for(event=guest.event, holder=f"g{guest.pk}", name=guest.name)
    pdf = certificates.certificate_pdf(certificate=certificate, organisation=guest.organisation)
    return _pdf(pdf, f"teilnahmebescheinigung-{guest.event.pk}.pdf")


@login_not_required
def certificate_verify(request):
    form = CertificateCheckForm(request.GET or None)
    certificate, checked = None, False
    if form.is_valid():
        checked = True
        certificate = certificates.find_certificate(form.cleaned_data["code"])
    return render(request, "events/public/verify.html", {"form": form, "certificate": certificate, "checked": checked})


# --- Members and organisers -------------------------------------------------------------------


def _organised_event(request, pk) -> Event:
    event = get_object_or_404(Event.objects.select_related("organisation", "group"), pk=pk)
    if not request.user.has_perm("events.view_event_page", event):
        raise Http404
    if not request.user.has_perm("events.manage_participants", event):
        raise PermissionDenied
    return event


def event_certificate(request, pk):
    """A member who attended downloads the certificate from the event page."""
    event = get_object_or_404(Event, pk=pk)
    if not request.user.has_perm("events.view_event_page", event):
        raise Http404
    registration = Registration.objects.filter(event=event, person=request.user, status="registered").first()
    if not certificates.member_may_download(event, registration):
        raise Http404
    certificate = certificates.certificate_for(
        event=event, holder=f"m{request.user.pk}", person=request.user, name=str(request.user)
    )
    organisation = request.user.organisation.name if request.user.organisation else ""
    return _pdf(
        certificates.certificate_pdf(certificate=certificate, organisation=organisation),
        f"teilnahmebescheinigung-{event.pk}.pdf",
    )


def event_door(request, pk):
    """The organisers' list at the door: members and guests, attendance ticked off, badges, CSV."""
    event = _organised_event(request, pk)
    if request.method == "POST":
        # A list narrowed by a search (without JavaScript, on the server) names the people it showed.
        searched = "listed" in request.POST
        listed = tuple(whole_numbers(request.POST.getlist(f"listed_{kind}")) for kind in ("member", "guest"))
        guests.attendance_save(
            event=event,
            members=whole_numbers(request.POST.getlist("member")),
            guests=whole_numbers(request.POST.getlist("guest")),
            listed=listed if searched else None,
        )
        messages.success(request, _("Attendance has been saved."))
        return redirect(reverse("event_door", args=[event.pk]) + (f"?{request.GET.urlencode()}" if searched else ""))
    people = guests.participants(event=event)
    registered = [p for p in people if p.status == "registered"]
    # The door staff's search (on a phone): name or organisation, filtered here when JavaScript is off and in
    # the browser as they type (static/js/door.js).
    query = request.GET.get("q", "").strip()[:100]
    shown = [p for p in registered if query.casefold() in f"{p.name} {p.organisation}".casefold()]
    return render(
        request,
        "events/door.html",
        {
            "event": event,
            "registered": registered,
            "shown": shown,
            "query": query,
            "waiting": [p for p in people if p.status == "waitlisted"],
            "counts": guests.waiting_counts(event=event),
        },
    )


def event_badges(request, pk):
    event = _organised_event(request, pk)
    people = guests.participants(event=event, registered_only=True)
    return _pdf(certificates.badges_pdf(event=event, participants=people), f"namensschilder-{event.pk}.pdf")
