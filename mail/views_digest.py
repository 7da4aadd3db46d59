"""The reader's side of the weekly digest: preferences, and a one-click unsubscribe without signing in."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from kernel.digest_schedule import next_sending
from mail import services
from mail.digest.links import person_id_from_token
from mail.forms import DigestPreferencesForm
from members import services as member_services
from members.models import DigestFrequency, User
from topics.models import Follow, WorkingGroup
from topics.policies.groups import readable_groups
from topics.policies.memberships import group_ids_of


def digest_preferences(request):
    person = request.user
    # Only the person's own groups: those they belong to or already follow. With 200 working groups a list of
    # every group would be 400 checkboxes; the others are followed from their group page. Saving touches only
    # the groups offered here (``offered``), so a follow that is not shown is never dropped.
    # The ids first, from small indexed reads (the person's groups are cached for the request; readable_groups reads
    # them too): an OR across the membership and follow joins made PostgreSQL scan every group (about 20 ms at
    # Efus size under the choice field's server-side cursor).
    mine = group_ids_of(person) | set(Follow.objects.filter(person=person).values_list("group_id", flat=True))
    groups = WorkingGroup.objects.filter(readable_groups.q(person), archived_at__isnull=True, pk__in=mine).order_by(
        "name"
    )
    followed = groups.filter(follows__person=person)
    every_post = groups.filter(follows__person=person, follows__every_post=True)
    form = DigestPreferencesForm(
        request.POST or None,
        groups=groups,
        initial={"digest": person.digest, "groups": followed, "every_post": every_post},
    )
    if request.method == "POST" and form.is_valid():
        services.digest_preferences_update(
            person=person,
            frequency=form.cleaned_data["digest"],
            followed=form.cleaned_data["groups"],
            offered=list(groups),  # as shown, before this save changes which groups are followed
            every_post=form.cleaned_data["every_post"],
        )
        messages.success(request, _("Your digest settings have been saved."))
        return redirect("digest_preferences")
    when = timezone.localtime(next_sending())
    # "Montag, 30. November 2026 07:00" / "Monday, Nov. 30, 2026, 7 a.m." in the reader's own format.
    when = f"{date_format(when, 'l')}, {date_format(when, 'DATETIME_FORMAT')}"
    return render(request, "mail/digest_preferences.html", {"form": form, "next_sending": when})


@login_not_required
@csrf_exempt  # RFC 8058: mail clients POST the one-click unsubscribe without a session; the signed token authorises it.
@require_http_methods(["GET", "POST"])
def digest_unsubscribe(request, token: str):
    person = User.objects.filter(pk=person_id_from_token(token), is_active=True).first()
    if person is None:
        return render(request, "mail/digest_unsubscribe.html", {"invalid": True}, status=404)
    if request.method == "POST":
        member_services.digest_set(person=person, frequency=DigestFrequency.OFF)
        if request.POST.get("List-Unsubscribe") == "One-Click":
            return HttpResponse(status=200)  # a mail client, not a person: no page to show
    # In the reader's language, as the email was: the link is opened without signing in.
    with translation.override(person.language):
        request.LANGUAGE_CODE = person.language
        context = {"done": request.method == "POST", "subscribed": person.digest != DigestFrequency.OFF}
        return render(request, "mail/digest_unsubscribe.html", context)
