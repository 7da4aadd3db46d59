"""What the public pages show: the active members, with their map points, and the adopted position papers.

Nothing here depends on who asks: every page that uses it is public.
"""

from dataclasses import dataclass

from assemblies.models import Resolution
from members.models import Organisation
from publicsite import geo
from publicsite.models import MemberPage
from topics.models import Document


@dataclass(frozen=True)
class PublicMember:
    name: str
    kind: str
    federal_state: str
    url: str  # the organisation's prevention page where it agreed, else ""
    point: geo.Point | None


def public_members() -> list[PublicMember]:
    """Exactly the active members (never applicants, suspended or former members), by name; two queries."""
    organisations = (
        Organisation.objects.filter(status=Organisation.Status.ACTIVE)
        .select_related("public_page")
        .only("name", "kind", "federal_state", "city", "public_page")
        .order_by("name")
    )
    members = []
    for organisation in organisations:
        page = getattr(organisation, "public_page", None) or MemberPage(organisation=organisation)
        members.append(
            PublicMember(
                name=organisation.name,
                kind=organisation.get_kind_display(),
                federal_state=organisation.get_federal_state_display(),
                url=page.public_url,
                point=geo.point_for(page.place_name, organisation.city, organisation.name),
            )
        )
    return members


def map_outline() -> dict:
    return {"width": geo.OUTLINE["width"], "height": geo.OUTLINE["height"], "path": geo.OUTLINE["path"]}


def adopted_position_papers(*, limit: int | None = None):
    """Adopted resolutions whose position paper is public in the library, newest first, with the paper."""
    resolutions = (
        Resolution.objects.filter(
            outcome=Resolution.Outcome.ADOPTED,
            closed_at__isnull=False,
            position_paper__label=Document.Label.PUBLIC,
            position_paper__current_version__isnull=False,
        )
        .select_related("position_paper")
        .order_by("-closed_at", "-pk")
    )
    return resolutions[:limit] if limit else resolutions
