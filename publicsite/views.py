"""The public pages (no sign-in): members with their map, position papers, joining, Leichte Sprache, and the
accessibility statement with its feedback form."""

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from kernel.refusals import reported
from publicsite import selectors, services
from publicsite.forms import ApplicationForm, FeedbackForm
from publicsite.models import MembershipApplication

REQUESTED = gettext_lazy(
    "Thank you. We have sent an email to the contact person's address. The request reaches DEFUS only once it "
    "has been confirmed from there within 48 hours."
)
FEEDBACK_RECEIVED = gettext_lazy("Thank you for your feedback. The secretariat answers you by email within one month.")


def _client_ip(request) -> str:
    """The visitor's address as the sign-in rate limits see it (behind a proxy: allauth's trusted proxy count)."""
    return get_adapter(request).get_client_ip(request)


def _language() -> str:
    language = get_language()
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _limited(request, form, *, name: str, email: str = "") -> bool:
    """Counts the request; adds the error and says so when the network or the address asked too often."""
    if services.over_limit(form=name, ip=_client_ip(request)):
        form.add_error(None, _("Too many requests from your network. Please try again in an hour."))
        return True
    if email and services.over_limit(form=name, email=email):
        form.add_error(None, _("Too many requests for this email address. Please try again in an hour."))
        return True
    return False


@login_not_required
def public_members(request):
    members = selectors.public_members()
    context = {
        "members": members,
        "mapped": [member for member in members if member.point],
        "outline": selectors.map_outline(),
    }
    return render(request, "public/members.html", context)


@login_not_required
def position_papers(request):
    return render(request, "public/position_papers.html", {"resolutions": selectors.adopted_position_papers()})


@login_not_required
def membership_apply(request):
    form = ApplicationForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_bot:
            messages.success(request, str(REQUESTED))  # the same answer as for a person, and nothing stored
            return redirect("membership_apply")
        email = request.POST.get("contact_email", "")
        if _limited(request, form, name="join", email=email if form.is_valid() else ""):
            status = 429
        elif form.is_valid():
            with reported(request, str(REQUESTED), form=form) as outcome:
                services.application_request(language=_language(), **form.application_fields())
            if outcome.ok:
                return redirect("membership_apply")
            status = 400
        else:
            status = 400
    return render(request, "public/membership_apply.html", {"form": form}, status=status)


@login_not_required
@never_cache
def membership_confirm(request, token):
    """GET shows a button, POST confirms: mail scanners that open links must not confirm on their own."""
    application = services.application_from_confirmation(token)
    if application is None:
        return render(request, "public/membership_confirm.html", {"invalid": True}, status=404)
    if request.method == "POST":
        application = services.application_confirm(application=application)
    context = {"application": application, "confirmed": application.status != MembershipApplication.Status.UNCONFIRMED}
    return render(request, "public/membership_confirm.html", context)


@login_not_required
def leichte_sprache(request):
    return render(request, "public/leichte_sprache.html")


@login_not_required
def accessibility_statement(request):
    """The statement (written per language) and its feedback form; a message lands on the secretariat's desk."""
    form = FeedbackForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_bot:
            messages.success(request, str(FEEDBACK_RECEIVED))
            return redirect("barrierefreiheit")
        if _limited(request, form, name="feedback"):
            status = 429
        elif form.is_valid():
            data = {key: form.cleaned_data[key] for key in ("name", "email", "page", "message")}
            with reported(request, str(FEEDBACK_RECEIVED), form=form) as outcome:
                services.feedback_submit(language=_language(), **data)
            if outcome.ok:
                return redirect("barrierefreiheit")
            status = 400
        else:
            status = 400
    context = {"page": "barrierefreiheit", "form": form}
    return render(request, f"pages/{_language()}/barrierefreiheit.html", context, status=status)
