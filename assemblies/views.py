"""Members' meeting and resolutions. Thin: the rights come from the rules, every change from a service."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assemblies import ballot_confirmation, receipts, selectors, services, voting_rights
from assemblies.forms import ConsentForm, ProxyForm, entitled_choices
from assemblies.models import Choice, Meeting, Resolution
from kernel.paging import paginate
from kernel.parse import whole_number, whole_numbers
from kernel.refusals import reported, require
from members.models import Organisation


def _meeting(request, pk) -> Meeting:
    meeting = get_object_or_404(Meeting.objects.select_related("event", "chair", "minute_taker"), pk=pk)
    if not request.user.has_perm("assemblies.see_meeting", meeting):
        raise Http404
    return meeting


def _resolution(request, pk) -> Resolution:
    resolution = get_object_or_404(
        Resolution.objects.select_related("meeting__event", "agenda_item", "position_paper", "elected"), pk=pk
    )
    if not request.user.has_perm("assemblies.see_resolution", resolution):
        raise Http404
    return resolution


# --- Meetings ---------------------------------------------------------------------------------


def meeting_list(request):
    page, query = paginate(request, selectors.meetings_for(user=request.user), 20)
    return render(
        request,
        "assemblies/meeting_list.html",
        {
            "page": page,
            "query": query,
            "open_ballots": selectors.open_ballots_for(user=request.user),
            "without_meeting": selectors.resolutions_without_meeting(user=request.user)[:20],
            "now": timezone.now(),
        },
    )


def meeting_detail(request, pk, proxy_form=None):
    meeting = _meeting(request, pk)
    context = {
        "meeting": meeting,
        "event": meeting.event,
        "notice": services.notice_state(meeting),
        "can_prepare": request.user.has_perm("assemblies.prepare_meeting", meeting),
        "can_convene": request.user.has_perm("assemblies.convene_meeting", meeting),
        "can_supplement": request.user.has_perm("assemblies.supplement_agenda", meeting),
        "can_run": request.user.has_perm("assemblies.run_meeting", meeting),
        "can_read_minutes": request.user.has_perm("assemblies.read_minutes", meeting),
        # Offered when it can succeed: a signature is due, the meeting has begun and every result is in.
        "can_sign": request.user.has_perm("assemblies.sign_minutes", meeting)
        and bool(meeting.signatures_due(request.user))
        and meeting.event.start <= timezone.now()
        and not meeting.awaits_results(),
        **selectors.meeting_detail(user=request.user, meeting=meeting),
    }
    # Until voting starts, the holder may decline a proxy and the giving organisation's delegate revoke it.
    started = meeting.voting_started()
    context["proxies"] = list(context["proxies"])
    for proxy in context["proxies"]:
        proxy.withdraw_as = services.may_withdraw_proxy(proxy=proxy, person=request.user, voting_started=started)
    context["may_withdraw"] = any(proxy.withdraw_as for proxy in context["proxies"])
    # A delegate whose organisations have all given their proxy already is not offered a second one.
    given = {proxy.organisation_id for proxy in context["proxies"]}
    own = voting_rights.delegated_organisation_ids(request.user)
    context["proxy_given"] = not context["can_run"] and bool(own) and own <= given
    if request.user.has_perm("assemblies.grant_proxy", meeting) and not context["proxy_given"]:
        context["proxy_form"] = proxy_form or ProxyForm(user=request.user, on_paper=context["can_run"])
    if context["can_run"]:
        present = context["taking_part"]["present"]
        context["entitled"] = entitled_choices(meeting)
        context["present_ids"] = {item.pk for item in present}
    status = 400 if proxy_form is not None and proxy_form.errors else 200
    return render(request, "assemblies/meeting_detail.html", context, status=status)


@require_POST
def meeting_attendance(request, pk):
    meeting = _meeting(request, pk)
    require(request.user, "assemblies.run_meeting", meeting)
    ids = sorted(whole_numbers(request.POST.getlist("present")))
    with reported(request, _("The attendance list has been saved.")):
        if meeting.is_board_meeting:
            services.attendance_record(meeting=meeting, member_ids=ids)
        else:
            services.attendance_record(meeting=meeting, organisation_ids=ids)
    return redirect("meeting_detail", pk=meeting.pk)


def meeting_minutes(request, pk):
    """The minutes (Niederschrift), made for printing."""
    meeting = _meeting(request, pk)
    require(request.user, "assemblies.read_minutes", meeting)
    context = {"meeting": meeting, "notices": services.convening_proof(meeting), **selectors.minutes(meeting=meeting)}
    return render(request, "assemblies/minutes.html", context)


@require_POST
def meeting_sign(request, pk):
    meeting = _meeting(request, pk)
    require(request.user, "assemblies.sign_minutes", meeting)
    with reported(request, _("You have signed the minutes.")):
        services.minutes_sign(meeting=meeting, person=request.user)
    return redirect("meeting_detail", pk=meeting.pk)


# --- Resolutions --------------------------------------------------------------------------------


def _ballot_options(resolution: Resolution) -> list[tuple[str, str]]:
    if resolution.is_election:
        options = [(f"candidate-{c.pk}", str(c.person)) for c in resolution.candidates.select_related("person")]
        return options + [(Choice.NO, _("No (against all candidates)")), (Choice.ABSTAIN, _("Abstention"))]
    return list(Choice.choices)


def resolution_detail(request, pk, consent_form=None):
    resolution = _resolution(request, pk)
    user = request.user
    context = {
        "resolution": resolution,
        "meeting": resolution.meeting,
        "options": _ballot_options(resolution),
        "window_open": resolution.window_is_open(),
        "now": timezone.now(),
        "voted_count": resolution.votes.count(),
        "can_record": user.has_perm("assemblies.record_votes", resolution),
        "can_close": user.has_perm("assemblies.close_resolution", resolution),
        "can_see_document": resolution.position_paper_id
        and user.has_perm("topics.view_document", resolution.position_paper),
    }
    if resolution.meeting_id:
        context["entitled_count"] = voting_rights.entitled_count(meeting=resolution.meeting)
    else:
        context["entitled_count"] = voting_rights.entitled_organisations().count()
    if resolution.procedure == Resolution.Procedure.ONLINE and context["window_open"]:
        context["rights"] = voting_rights.voting_rights(resolution=resolution, person=user)
        context["ballot_confirmed"] = ballot_confirmation.is_confirmed(request, resolution)
    if resolution.procedure == Resolution.Procedure.WITHOUT_MEETING:
        context["consents"] = resolution.consents.select_related("organisation", "declared_by")
        if user.has_perm("assemblies.declare_consent", resolution):
            context["consent_form"] = consent_form or ConsentForm()
    if context["can_record"]:
        rights = services.room_voting_rights(resolution)
        context["room_voters"] = [
            (key, right.organisation or right.member, right.proxy) for key, right in rights.items()
        ]
    if resolution.is_frozen or context["can_record"]:
        context["votes"] = selectors.resolution_votes(resolution=resolution)
    # "Ihre Stimmen": the votes this person cast here, each with its receipt code.
    context["my_votes"] = [
        (vote, receipts.receipt_code(vote))
        for vote in resolution.votes.filter(cast_by=user).select_related("organisation", "candidate__person")
    ]
    context["can_check_receipt"] = user.has_perm("assemblies.check_receipt", resolution)
    if context["can_check_receipt"] and "receipt" in request.GET:
        code = request.GET["receipt"][:40]
        context["receipt_checked"] = {"code": code, "vote": receipts.vote_for_code(resolution, code)}
    return render(request, "assemblies/resolution_detail.html", context, status=400 if consent_form else 200)


@require_POST
def resolution_vote(request, pk):
    resolution = _resolution(request, pk)
    voter = request.POST.get("voter", "")
    organisation = None
    if voter.startswith("o") and (number := whole_number(voter[1:])) is not None:
        organisation = Organisation.objects.filter(pk=number).first()
    choice = request.POST.get("choice", "")
    may_vote = request.user.has_perm("assemblies.cast_vote", resolution)
    # Once more before it counts: "Stadt Augsburg stimmt mit Ja." A vote cannot be changed afterwards.
    label = dict(_ballot_options(resolution)).get(choice)
    if may_vote and label and request.POST.get("confirmed") != "yes":
        context = {"resolution": resolution, "voter": voter, "choice": choice, "label": label,
                   "organisation": organisation}  # fmt: skip
        return render(request, "assemblies/vote_confirm.html", context)
    # Whoever holds a vote confirms it is them, once per ballot; the vote is replayed after the confirmation.
    # Someone without a vote to cast is not asked: the service refuses them as before.
    if may_vote:
        ask = ballot_confirmation.confirm_or_ask(request, resolution)
        if ask is not None:
            return ask
    with reported(request, _("The vote has been cast. Thank you.")):
        # In the members' meeting a delegate may hold several votes: the form says which one is cast, always.
        if organisation is None and not (resolution.meeting and resolution.meeting.is_board_meeting):
            raise ValidationError(_("Please choose whose vote you are casting."))
        services.vote_cast(resolution=resolution, person=request.user, choice=choice, organisation=organisation)
    return redirect("resolution_detail", pk=resolution.pk)


@require_POST
def resolution_record(request, pk):
    resolution = _resolution(request, pk)
    require(request.user, "assemblies.record_votes", resolution)
    with reported(request, _("The votes have been recorded.")):
        if resolution.is_secret:
            counts = {}
            for key, _label in _ballot_options(resolution):
                number = whole_number(request.POST.get(f"count-{key}", "").strip() or "0", max_digits=6)
                if number is None:
                    raise ValidationError(_("Please enter whole numbers for the totals."))
                counts[key] = number
            services.secret_ballot_record(
                resolution=resolution, recorded_by=request.user, voters=request.POST.getlist("voted"), counts=counts
            )
        else:
            votes = {
                name.removeprefix("vote-"): value
                for name, value in request.POST.items()
                if name.startswith("vote-") and value
            }
            services.votes_record(resolution=resolution, recorded_by=request.user, votes=votes)
    return redirect("resolution_detail", pk=resolution.pk)


@require_POST
def resolution_close(request, pk):
    resolution = _resolution(request, pk)
    require(request.user, "assemblies.close_resolution", resolution)
    with reported(request, _("The result has been counted and frozen.")):
        services.resolution_close(resolution=resolution, actor=request.user)
    return redirect("resolution_detail", pk=resolution.pk)


@require_POST
def resolution_consent(request, pk):
    resolution = _resolution(request, pk)
    require(request.user, "assemblies.declare_consent", resolution)
    form = ConsentForm(request.POST)
    if form.is_valid():
        success = _("The declaration of your organisation has been recorded.")
        with reported(request, success, form=form) as outcome:
            services.consent_declare(resolution=resolution, person=request.user, **form.cleaned_data)
        if outcome.ok:
            return redirect("resolution_detail", pk=resolution.pk)
    return resolution_detail(request, pk, consent_form=form)
