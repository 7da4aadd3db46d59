"""What the working groups add to other apps' pages, so those apps need not import topics."""

from django import template

from topics.models import WorkingGroup

register = template.Library()


def organisation_groups(*, organisation) -> list[WorkingGroup]:
    """The working groups someone from the organisation takes part in."""
    return list(
        WorkingGroup.objects.filter(archived_at__isnull=True, membership__person__organisation=organisation)
        .distinct()
        .order_by("name")
    )


@register.inclusion_tag("topics/_organisation_groups.html")
def organisation_groups_section(organisation) -> dict:
    """The organisation page's section on its working groups (templates/members/organisation_detail.html)."""
    return {"working_groups": organisation_groups(organisation=organisation)}
