"""The first-steps checklist: on the dashboard until dismissed, and always on its own page from the profile."""

from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from kernel.first_steps import checklist
from members import onboarding


def first_steps(request):
    return render(request, "members/first_steps.html", {"checklist": checklist(user=request.user)})


@require_POST
def first_steps_dismiss(request):
    onboarding.checklist_dismiss(user=request.user)
    return redirect("dashboard")


@require_POST
def first_steps_restore(request):
    onboarding.checklist_restore(user=request.user)
    return redirect("dashboard")
