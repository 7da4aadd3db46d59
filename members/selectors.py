"""Reads of members' records. Each list is one or two queries, whatever the data size."""

from django.db.models import Q
from django.utils import timezone

from kernel import privacy
from members.models import Invitation, Mandate, Organisation, Role, User
from members.roles import BOARD_ROLES

INVITATION_SESSION_KEY = "invitation_token"


def invitation_by_token(token: str | None) -> Invitation | None:
    if not token:
        return None
    invitation = Invitation.objects.select_related("organisation").filter(token=token).first()
    return invitation if invitation and invitation.is_usable else None


def invitation_from_session(request) -> Invitation | None:
    return invitation_by_token(request.session.get(INVITATION_SESSION_KEY))


# --- Directory ----------------------------------------------------------------------


def directory_organisations():
    """Member organisations for the directory (applicants are not listed); members.filters narrows them."""
    return Organisation.objects.exclude(status=Organisation.Status.APPLICANT).order_by("name")


def current_delegates():
    """Each member organisation's delegate today (the office that carries its vote)."""
    return Mandate.objects.voting_delegates().select_related("person")


def organisation_detail(*, slug: str) -> dict:
    organisation = Organisation.objects.exclude(status=Organisation.Status.APPLICANT).get(slug=slug)
    today = timezone.localdate()
    delegate = current_delegates().filter(organisation=organisation).first()
    # Contact people: those who agreed to show a way to reach them.
    contacts = list(
        organisation.people.filter(Q(show_email=True) | Q(show_phone=True, phone__gt=""), is_active=True).order_by(
            "last_name", "first_name"
        )
    )
    return {
        "organisation": organisation,
        "delegate": delegate.person if delegate else None,
        "contacts": contacts,
        "today": today,
    }


def person_detail(*, pk: int) -> User:
    """A person's page: like the directory, people of applicant organisations are not shown."""
    return (
        User.objects.select_related("organisation")
        .exclude(organisation__status=Organisation.Status.APPLICANT)
        .get(pk=pk, is_active=True)
    )


# --- Gremien --------------------------------------------------------------------------


def bodies() -> dict:
    """The association's bodies today, and every past term.

    The board, secretariat and auditors are few and come in full. The delegates of the member
    organisations, the working group leads and the former office holders grow with the association
    (300 organisations, 200 groups, every past term): they come as querysets for the view to paginate,
    so a page costs a fixed number of queries and renders a screenful, not the whole association."""
    today = timezone.localdate()
    active = Mandate.objects.active(today).select_related("person__organisation", "organisation", "working_group")
    few_roles = [*BOARD_ROLES, Role.SECRETARIAT, Role.AUDITOR]
    few = list(active.filter(role__in=few_roles).order_by("role", "person__last_name"))
    role_order = [Role.CHAIR, Role.DEPUTY_CHAIR, Role.TREASURER, Role.BOARD_MEMBER]
    board = sorted((m for m in few if m.role in BOARD_ROLES), key=lambda m: role_order.index(m.role))
    history = (
        Mandate.objects.filter(end__lt=today)
        .select_related("person", "organisation", "working_group")
        .order_by("-end", "role", "pk")
    )
    return {
        "board": board,
        "delegates": active.filter(role=Role.DELEGATE).order_by("organisation__name", "person__last_name", "pk"),
        "secretariat": [m for m in few if m.role == Role.SECRETARIAT],
        "auditors": [m for m in few if m.role == Role.AUDITOR],
        "leads": active.filter(role=Role.WORKING_GROUP_LEAD).order_by("working_group__name", "person__last_name", "pk"),
        "history": history,
    }


# --- Meine Daten (Art. 15 / 20 DSGVO) -------------------------------------------------


def person_export(*, person: User) -> dict:
    """Everything stored about ``person`` – and nothing about anyone else (each app adds its part)."""

    return privacy.person_export(person)
