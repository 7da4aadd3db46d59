"""The public pages' pending work for the secretariat's desk (see defus/desk.py)."""

from django.utils import formats
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kernel.desk import Pending, changelist
from publicsite.models import AccessibilityFeedback, MembershipApplication


def applications_to_decide(queryset=None):
    """Confirmed from the contact's mailbox and not yet decided by the board."""
    queryset = MembershipApplication.objects.all() if queryset is None else queryset
    return queryset.filter(status=MembershipApplication.Status.CONFIRMED)


def feedback_to_answer(queryset=None):
    queryset = AccessibilityFeedback.objects.all() if queryset is None else queryset
    return queryset.filter(answered_at__isnull=True)


def _first_due() -> str:
    first = feedback_to_answer().order_by("due_on").values_list("due_on", flat=True).first()
    return gettext("first due %(date)s") % {"date": formats.date_format(first, "SHORT_DATE_FORMAT")} if first else ""


def pending(*, now) -> list[Pending]:
    return [
        Pending(
            key="membership_applications",
            label=_("Requests to join waiting for the board's decision"),
            queryset=applications_to_decide(),
            url=changelist(MembershipApplication, status__exact=MembershipApplication.Status.CONFIRMED),
            permission="public.view_membershipapplication",
        ),
        Pending(
            key="accessibility_feedback",
            label=_("Feedback on accessibility to answer (within one month)"),
            queryset=feedback_to_answer(),
            url=changelist(AccessibilityFeedback, state="open"),
            permission="public.view_accessibilityfeedback",
            note=_first_due,
        ),
    ]
