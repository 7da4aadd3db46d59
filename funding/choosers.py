"""Which partner organisations abroad a person may pick in a chooser (kernel/choosers.py): declared as
``choosers`` on the AppConfig."""

from funding.models import PartnerOrganisation
from kernel.choosers import define


def _partners(*, user):
    """Partner organisations abroad that agreed to be listed."""

    return PartnerOrganisation.objects.filter(consent_to_list=True).order_by("name")


PARTNERS = define(
    "partner-im-ausland",
    queryset=_partners,
    search_fields=("name", "country", "themes"),
    ordering=("name",),
)
