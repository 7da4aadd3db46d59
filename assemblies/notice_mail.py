"""The convening e-mail as each recipient gets it: the whole agenda with every motion's text, how to vote,
the calendar entry and (members' meeting) the proxy form as PDF, signed by the chair on behalf of the board.

One function composes it for sending, for the preview the secretariat reads before sending, and for the
test copy, so what is previewed is exactly what goes out.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from assemblies.models import ConveningNotice, Meeting
from events.ics import build_calendar
from kernel.emails import absolute_url, build_email
from kernel.pdf import render_pdf
from members.models import Mandate, Role

TEMPLATES = {
    ConveningNotice.Kind.INVITATION: "meeting_invitation",
    ConveningNotice.Kind.SUPPLEMENT: "meeting_supplement",
}


def chair_of(meeting: Meeting):
    """Who signs on behalf of the board: the meeting's chair, else the association's chair today."""
    if meeting.chair is not None:
        return meeting.chair
    mandate = Mandate.objects.active().filter(role=Role.CHAIR).select_related("person").first()
    return mandate.person if mandate else None


def proxy_form_pdf(meeting: Meeting, language: str) -> bytes:
    with translation.override(language):
        return render_pdf(
            "assemblies/pdf/proxy_form.html",
            {"meeting": meeting, "event": meeting.event, "impressum": settings.IMPRESSUM, "language": language},
        )


def compose(
    *,
    meeting: Meeting,
    kind: str,
    agenda: list[dict],
    covering_text: str,
    to: str,
    language: str,
    person=None,
    test: bool = False,
    attachments: dict | None = None,
):
    """The message for one recipient. ``attachments`` may carry the PDF already rendered for a batch."""
    event = meeting.event
    chair = chair_of(meeting)
    with translation.override(language):
        # The chair signs on behalf of the board (the one sign-off of emails/_signature, with this name).
        signed_by = f"{chair.get_full_name()}\n{_('Chair, on behalf of the board')}" if chair else _("The board")
    context = {
        "meeting": meeting,
        "event": event,
        "kind": kind,
        "agenda": agenda,
        "covering_text": covering_text,
        "chair": chair,
        "signed_by": signed_by,
        # Sent to an organisation's own address, the letter greets nobody by name.
        "recipient": person,
        "meeting_url": absolute_url(reverse("meeting_detail", args=[meeting.pk])),
        "deadline": timezone.localtime(event.start),
        "test": test,
    }
    message = build_email(TEMPLATES[kind], to=to, context=context, language=language, person=person, official=True)
    if test:
        message.subject = f"[Testkopie] {message.subject}" if language == "de" else f"[Test copy] {message.subject}"
    message.attach("versammlung.ics", build_calendar([event], name=event.title), "text/calendar; method=PUBLISH")
    if not meeting.is_board_meeting:
        pdf = (attachments or {}).get(language) or proxy_form_pdf(meeting, language)
        message.attach("vollmacht.pdf", pdf, "application/pdf")
    return message
