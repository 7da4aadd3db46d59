"""Preparing and convening a meeting: one form for the meeting and its agenda, then the invitation (or a
supplement) with a preview, the recipients, a test copy and a confirmed send. Thin: rules and services decide."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from assemblies import notice_mail
from assemblies.forms_preparation import AgendaFormSet, MeetingPreparationForm, initial_of
from assemblies.models import ConveningNotice, Meeting
from assemblies.services import convening
from assemblies.services.preparation import ItemDraft, meeting_prepare
from kernel.refusals import require

NOTICE_PERMISSION = {
    ConveningNotice.Kind.INVITATION: "assemblies.convene_meeting",
    ConveningNotice.Kind.SUPPLEMENT: "assemblies.supplement_agenda",
}


def _meeting(request, pk) -> Meeting:
    meeting = get_object_or_404(Meeting.objects.select_related("event", "chair", "minute_taker"), pk=pk)
    if not request.user.has_perm("assemblies.see_meeting", meeting):
        raise Http404
    return meeting


def meeting_prepare_view(request, pk=None):
    """'Versammlung vorbereiten' (new) or change it: event, meeting and agenda in one step."""
    meeting = _meeting(request, pk) if pk else None
    require(request.user, "assemblies.prepare_meeting", meeting)
    fixed = meeting is not None and meeting.invitation_sent_at is not None
    initial, items = initial_of(meeting) if meeting else ({}, [])
    form = MeetingPreparationForm(request.POST or None, initial=initial, fixed=fixed)
    agenda = AgendaFormSet(request.POST or None, initial=items, prefix="agenda")
    if request.method == "POST" and form.is_valid() and agenda.is_valid():
        drafts = [
            ItemDraft(
                pk=row.cleaned_data.get("item"),
                title=row.cleaned_data.get("title", ""),
                description=row.cleaned_data.get("description", ""),
                motion_text=row.cleaned_data.get("motion_text", ""),
                majority=row.cleaned_data.get("majority") or "simple",
                procedure=row.cleaned_data.get("procedure") or "in_meeting",
                delete=row.cleaned_data.get("DELETE", False),
            )
            for row in agenda.forms
            if row.has_changed() or row.cleaned_data.get("item")
        ]
        try:
            with transaction.atomic():
                saved = meeting_prepare(meeting=meeting, data=form.cleaned_data, items=drafts, actor=request.user)
        except ValidationError as refused:
            form.add_error(None, refused)
        else:
            messages.success(request, _("The meeting and its agenda have been saved."))
            return redirect("meeting_detail", pk=saved.pk)
    context = {"meeting": meeting, "form": form, "agenda": agenda, "fixed": fixed}
    return render(request, "assemblies/meeting_prepare.html", context, status=400 if request.method == "POST" else 200)


def meeting_notice(request, pk, kind):
    """The invitation (or supplement) before it goes out: the exact e-mail as a chosen recipient gets it, who
    gets it by e-mail and who by post, a covering text and a test copy; sent only when confirmed."""
    meeting = _meeting(request, pk)
    require(request.user, NOTICE_PERMISSION[kind], meeting)
    found = convening.recipients(meeting)
    covering_text = request.POST.get("covering_text", "")[:5000]
    chosen = _chosen(request, len(found.by_email))
    action = request.POST.get("action") if request.method == "POST" else None
    error = None
    if action == "send":
        if request.POST.get("confirm") != "yes":
            error = _("Please confirm that you have checked the preview and the recipients.")
        else:
            try:
                notice = convening.notice_send(
                    meeting=meeting, actor=request.user, kind=kind, covering_text=covering_text
                )
            except ValidationError as refused:
                error = " ".join(refused.messages)
            else:
                messages.success(
                    request,
                    _("%(what)s is on its way to %(count)s recipients.")
                    % {"what": notice.get_kind_display(), "count": notice.deliveries.count()},
                )
                return redirect("meeting_detail", pk=meeting.pk)
    agenda = convening.agenda_snapshot(meeting)
    recipient = found.by_email[chosen] if found.by_email else None
    preview = None
    if recipient is not None:
        preview = notice_mail.compose(
            meeting=meeting,
            kind=kind,
            agenda=agenda,
            covering_text=covering_text,
            to=recipient.email,
            language=recipient.language,
            person=recipient.person,
        )
    if action == "test" and preview is not None:
        test = notice_mail.compose(
            meeting=meeting,
            kind=kind,
            agenda=agenda,
            covering_text=covering_text,
            to=request.user.email,
            language=request.user.language,
            person=request.user,
            test=True,
        )
        try:
            test.send()
        except OSError:
            error = _("The test copy could not be sent (the mail server did not answer). Please try again.")
        else:
            messages.success(request, _("A test copy was sent to %(email)s.") % {"email": request.user.email})
    context = {
        "meeting": meeting,
        "kind": kind,
        "kind_label": dict(ConveningNotice.Kind.choices)[kind],
        "recipients": found,
        "chosen": chosen,
        "preview": preview,
        "attachments": [name for name, *_rest in preview.attachments] if preview else [],
        "covering_text": covering_text,
        "state": convening.notice_state(meeting),
        "error": error,
    }
    return render(request, "assemblies/meeting_notice.html", context, status=400 if error else 200)


def _chosen(request, count: int) -> int:
    raw = request.POST.get("recipient") or request.GET.get("recipient") or "0"
    number = int(raw) if raw.isdigit() and len(raw) < 6 else 0
    return number if 0 <= number < count else 0
