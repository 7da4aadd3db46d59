"""What every topics view asks first: may this person do it, and which group is meant."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from topics import selectors
from topics.models import WorkingGroup


def require(user, perm, obj=None):
    if not user.has_perm(perm, obj):
        raise PermissionDenied


def group_or_404(request, slug) -> WorkingGroup:
    """The working group ``slug`` as ``request.user`` may see it (selectors.group_for), or a 404."""
    try:
        return selectors.group_for(user=request.user, slug=slug)
    except WorkingGroup.DoesNotExist:
        raise Http404 from None
