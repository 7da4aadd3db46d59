"""The members' meeting's invitation deadline and the proxies on paper waiting for a second person, for the
secretariat's desk (see defus/desk.py)."""

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assemblies.models import Meeting, Proxy
from assemblies.services import invitation_deadline
from kernel.desk import Pending, changelist


def invitation_due(queryset=None, *, now=None):
    """Coming members' meetings whose invitation has not gone out yet."""
    queryset = Meeting.objects.all() if queryset is None else queryset
    return queryset.filter(
        body=Meeting.Body.MEMBERS, invitation_sent_at__isnull=True, event__start__gt=now or timezone.now()
    )


def pending(*, now) -> list[Pending]:
    meetings = invitation_due(now=now)

    def next_deadline() -> str:
        meeting = meetings.select_related("event").order_by("event__start").first()
        if meeting is None:
            return ""
        deadline = timezone.localtime(invitation_deadline(meeting=meeting))
        when = formats.date_format(deadline, "DATETIME_FORMAT")
        if deadline < now:
            return _("%(meeting)s: the invitation deadline passed on %(date)s") % {"meeting": meeting, "date": when}
        return _("%(meeting)s: invite by %(date)s") % {"meeting": meeting, "date": when}

    return [
        Pending(
            key="proxies_awaiting_approval",
            label=gettext_lazy("Proxies on paper waiting for a second person's approval"),
            queryset=Proxy.objects.filter(awaiting_approval=True),
            url=changelist(Proxy, awaiting_approval__exact=1),
            permission="assemblies.view_proxy",
        ),
        Pending(
            key="meeting_invitation",
            label=gettext_lazy("Members' meetings still to be convened"),
            queryset=meetings,
            url=changelist(Meeting, invitation="due"),
            permission="assemblies.view_meeting",
            note=next_deadline,
        ),
    ]
