"""The person's answer to a change of sign-in address staff asked for: approve it, or "this was not me"."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from members.services import addresses


@login_not_required
@never_cache
def address_change_review(request, token):
    """The link sent to the current address (and shown on the profile): GET shows, only a POST decides.

    Holding the link proves access to the current address, as a password reset link would; it names one
    pending request and is valid for two weeks."""
    change = addresses.change_from_token(token)
    if change is None:
        return render(request, "members/address_change_review.html", {"invalid": True}, status=410)
    outcome, error = None, None
    if request.method == "POST":
        decision = request.POST.get("decision")
        try:
            if decision == "approve":
                addresses.address_change_approve(change=change, person=change.person)
                outcome = "approved"
            elif decision == "reject":
                addresses.address_change_reject(change=change, person=change.person)
                outcome = "rejected"
        except addresses.EmailChangeRefused as refused:
            error = str(refused)
    context = {"change": change, "outcome": outcome, "error": error}
    return render(request, "members/address_change_review.html", context, status=400 if error else 200)
