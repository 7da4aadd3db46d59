"""Working groups: the list, a group's page, joining, leaving and approving requests."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kernel.paging import paginate
from topics import selectors, services
from topics.models import Membership
from topics.views.common import group_or_404, require

# Efus has about 250 member authorities and a couple of hundred groups: one page would not do.
GROUPS_PER_PAGE = 30
THREADS_PER_PAGE = 20


def group_list(request):
    page, query = paginate(request, selectors.group_list(user=request.user), GROUPS_PER_PAGE)
    return render(request, "topics/group_list.html", {"page": page, "query": query})


def group_detail(request, slug):
    group = group_or_404(request, slug)
    readable = request.user.has_perm("topics.read_group", group)
    context = {"group": group, "readable": readable, "leads": selectors.group_leads(group=group)}
    if readable:
        context["page"], context["query"] = paginate(
            request, selectors.thread_list(user=request.user, group=group), THREADS_PER_PAGE
        )
        context["documents"] = selectors.group_documents(user=request.user, group=group)
        context["activity"] = selectors.activity_for(user=request.user, groups=[group], limit=8)
    if request.user.has_perm("topics.moderate_group", group):
        context["requests"] = list(selectors.pending_requests(group=group))
    return render(request, "topics/group_detail.html", context)


@require_POST
def group_membership(request, slug):
    group = group_or_404(request, slug)
    require(request.user, "members.access_portal")
    action = request.POST.get("action")
    if action == "join":
        if group.archived_at is not None:
            raise PermissionDenied
        membership = services.group_join(group=group, person=request.user)
        if membership.status == Membership.Status.ACTIVE:
            messages.success(request, _("You are now a member of this working group and follow it."))
        else:
            messages.info(request, _("Your request has been sent to the leads of the working group."))
    elif action == "leave":
        services.group_leave(group=group, person=request.user)
        messages.success(request, _("You have left the working group."))
    elif action in {"every_post", "no_every_post"}:
        require(request.user, "topics.read_group", group)
        services.group_every_post(group=group, person=request.user, every_post=action == "every_post")
        messages.success(
            request,
            _("You will get every new post of this working group by email.")
            if action == "every_post"
            else _("You no longer get every post of this working group by email."),
        )
    elif action in {"follow", "unfollow"}:
        services.group_follow(group=group, person=request.user, follow=action == "follow")
        messages.success(
            request,
            _("You follow this working group.")
            if action == "follow"
            else _("You no longer follow this working group."),
        )
    return redirect("group_detail", slug=group.slug)


@require_POST
def membership_approve(request, slug, pk):
    group = group_or_404(request, slug)
    require(request.user, "topics.moderate_group", group)
    membership = get_object_or_404(Membership, pk=pk, group=group, status=Membership.Status.REQUESTED)
    if request.POST.get("action") == "decline":
        services.membership_decline(membership=membership)
        messages.info(request, _("The request has been declined."))
    else:
        services.membership_approve(membership=membership)
        messages.success(request, _("%(person)s is now a member.") % {"person": membership.person})
    return redirect("group_detail", slug=group.slug)
