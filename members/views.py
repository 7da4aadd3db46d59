import json

from allauth.account.adapter import get_adapter
from allauth.account.views import SignupView
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from kernel.paging import paginate
from members import selectors, services
from members.filters import OrganisationFilter
from members.forms import DirectoryConsentForm, EraseAccountForm, OfficialPostForm, ProfileForm
from members.models import Organisation, User
from members.services.official_post import official_post_choose

# --- Invitation and sign-up -------------------------------------------------------


@login_not_required
def invitation_accept(request, token):
    """The link in the invitation email: remember the invitation, then open sign-up."""
    invitation = selectors.invitation_by_token(token)
    if invitation is None:
        return render(request, "members/invitation_invalid.html", status=410)
    if request.user.is_authenticated:
        messages.info(
            request, _("You are already signed in. Sign out first to accept an invitation for another address.")
        )
        return redirect("dashboard")
    request.session[selectors.INVITATION_SESSION_KEY] = invitation.token
    # The address is proven by the link: no second verification email.
    get_adapter(request).stash_verified_email(request, invitation.email)
    return redirect("account_signup")


@method_decorator(login_not_required, name="dispatch")
class InvitedSignupView(SignupView):
    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["invitation"] = selectors.invitation_from_session(self.request)
        return kwargs

    def form_valid(self, form):
        response = super().form_valid(form)
        self.request.session.pop(selectors.INVITATION_SESSION_KEY, None)
        return response


signup = InvitedSignupView.as_view()


# --- Directory ------------------------------------------------------------------------


def organisation_list(request):
    organisations = OrganisationFilter(
        request.GET or None, queryset=selectors.directory_organisations(), request=request
    )
    page, query = paginate(request, organisations.qs, 25)
    return render(request, "members/organisation_list.html", {"form": organisations.form, "page": page, "query": query})


def organisation_detail(request, slug):
    try:
        context = selectors.organisation_detail(slug=slug)
    except Organisation.DoesNotExist:
        raise Http404 from None
    return render(request, "members/organisation_detail.html", context)


def person_detail(request, pk):
    try:
        person = selectors.person_detail(pk=pk)
    except User.DoesNotExist:
        raise Http404 from None
    return render(request, "members/person_detail.html", {"person": person})


# Rows per page of the long lists on the bodies page (delegates, working group leads, former office holders).
BODIES_PER_PAGE = 50


def bodies(request):
    context = selectors.bodies()
    for name in ("delegates", "leads", "history"):
        # Each list has its own page parameter, so paging one keeps the others where they are.
        page, query = paginate(request, context[name], BODIES_PER_PAGE, param=f"{name}_page")
        context[name], context[f"{name}_query"] = page, query
    return render(request, "members/bodies.html", context)


# --- Own profile -------------------------------------------------------------------------


@never_cache
def profile_edit(request):
    person = request.user
    form = ProfileForm(request.POST or None, instance=person, prefix="profile")
    consent = DirectoryConsentForm(request.POST or None, instance=person, prefix="consent")
    official = OfficialPostForm(request.POST or None, person=person, prefix="official")
    if request.method == "POST" and form.is_valid() and consent.is_valid() and official.is_valid():
        # Read the values before the service assigns them to the (shared) instance.
        data = {**form.cleaned_data, **consent.cleaned_data}
        person.refresh_from_db()
        services.profile_update(person=person, data=data)
        official_post_choose(person=person, portal_only=official.cleaned_data["portal_only"], actor=request.user)
        messages.success(request, _("Your profile has been saved."))
        response = redirect("profile_edit")
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, person.language, samesite="Lax")
        return response
    # The calendar section is events' part of the page ({% calendar_feed_section %}).
    pending = services.pending_change_of(person)
    context = {
        "form": form,
        "consent": consent,
        "official": official,
        "pending_address_change": pending,
        "address_review_token": services.review_token(pending) if pending else "",
    }
    return render(request, "members/profile_edit.html", context)


# --- Meine Daten -------------------------------------------------------------------------


def _my_data_context(request, erase_form):
    person = request.user
    return {
        "person": person,
        "data": selectors.person_export(person=person),
        "offices": person.mandates.select_related("organisation", "working_group").order_by("-start"),
        "consents": person.consent_records.order_by("-recorded_at"),
        "erase_form": erase_form,
    }


@never_cache
def my_data(request):
    return render(request, "members/my_data.html", _my_data_context(request, EraseAccountForm(user=request.user)))


@never_cache
def my_data_download(request):
    data = selectors.person_export(person=request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="defus-meine-daten-{stamp}.json"'
    return response


@require_POST
def my_data_erase(request):
    form = EraseAccountForm(request.POST, user=request.user)
    if not form.is_valid():
        return render(request, "members/my_data.html", _my_data_context(request, form), status=400)
    services.person_erase(person=request.user)
    logout(request)
    messages.success(request, _("Your account has been deleted. Your personal data has been removed."))
    return redirect("home")
