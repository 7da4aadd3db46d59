"""The secretariat's desk ("Heute zu tun") on the admin start page: every app's pending work (declared as ``desk``
on its AppConfig, ``kernel.contributions``), counted in one query and shown to whoever may see each list."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from defus.models import OutboxTask
from kernel.contributions import contributed
from kernel.desk import Line, Pending, changelist, count_all


def work_queue(user, *, now=None) -> list[Line]:
    """The kinds of pending work ``user`` may see in the admin, each with its count."""
    now = now or timezone.now()
    offered = [pending for offer in contributed("desk") for pending in offer(now=now)]
    visible = [pending for pending in offered if user.has_perm(pending.permission)]
    counts = count_all([pending.queryset for pending in visible])
    return [
        Line(pending, count, pending.note() if count and pending.note else "")
        for pending, count in zip(visible, counts, strict=True)
    ]


# --- The project's own: tasks kept while the broker was down ----------------------------


def pending(*, now) -> list[Pending]:
    return [
        Pending(
            key="outbox",
            label=_("Emails and tasks waiting to be sent"),
            queryset=OutboxTask.objects.all(),
            url=changelist(OutboxTask),
            permission="defus.view_outboxtask",
        )
    ]
