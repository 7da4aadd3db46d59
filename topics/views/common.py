"""What every topics view asks first: may this person do it, and which group is meant."""

from django.http import Http404

from kernel.refusals import require  # noqa: F401  (the topics views import it from here)
from topics import selectors
from topics.models import WorkingGroup


def group_or_404(request, slug) -> WorkingGroup:
    """The working group ``slug`` as ``request.user`` may see it (selectors.group_for), or a 404."""
    try:
        return selectors.group_for(user=request.user, slug=slug)
    except WorkingGroup.DoesNotExist:
        raise Http404 from None
