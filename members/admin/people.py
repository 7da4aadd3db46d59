"""People's accounts: offices held, address changes confirmed by the person."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from members import services
from members.admin.base import AuditedAdmin, ReadOnlyOfficeInline
from members.models import User
from members.services.official_post import official_post_choose
from members.services.organisation_change import organisation_change_announce


class PersonMandateInline(ReadOnlyOfficeInline):
    fk_name = "person"
    fields = ["role", "organisation", "working_group", "start", "end", "elected_at"]


class OfficialPostFilter(admin.SimpleListFilter):
    title = _("official post")
    parameter_name = "official_post"

    def lookups(self, request, model_admin):
        return [("email", _("by email")), ("portal", _("in the portal only"))]

    def queryset(self, request, queryset):
        if self.value() == "email":
            return queryset.filter(official_post_portal_only_since__isnull=True)
        if self.value() == "portal":
            return queryset.filter(official_post_portal_only_since__isnull=False)
        return queryset


class EmailChangeForm(forms.Form):
    new_email = forms.EmailField(
        label=_("New email address"),
        help_text=_(
            "The person approves the change from the current address or signed in; only then is the new "
            "address asked to confirm itself. Until then nothing is sent to the new address."
        ),
    )


class PersonForm(forms.ModelForm):
    """The person's record, with the choice that stops official post by email (saved through its service, so
    it is recorded with its date like the person's own choice in the profile)."""

    official_post_portal_only = forms.BooleanField(
        label=_("Official post in the portal only, not by email"),
        required=False,
        help_text=_(
            "Only on the person's own word: circulars, invitations to the members' meeting, vote receipts, "
            "proxy notices and fee reminders then reach them in the portal only. The digest setting does not "
            "matter for official post."
        ),
    )

    class Meta:
        model = User
        # The admin passes its own field list (UserAdmin.get_fields); these are the person's own details.
        fields = ["salutation", "title", "first_name", "last_name", "position", "phone", "language"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        person = self.instance
        self.fields["official_post_portal_only"].initial = person.official_post_portal_only_since is not None


@admin.register(User)
class UserAdmin(AuditedAdmin):
    form = PersonForm
    list_display = ["email", "first_name", "last_name", "organisation", "level", "is_active"]
    list_filter = ["is_active", "level", "language", "organisation__status", OfficialPostFilter]
    search_fields = ["email", "first_name", "last_name", "organisation__name"]
    list_select_related = ["organisation"]
    fields = [
        "email",
        "salutation",
        "title",
        "first_name",
        "last_name",
        "position",
        "phone",
        "organisation",
        "level",
        "language",
        "official_post_portal_only",
        "official_post_since",
        "is_active",
    ]
    inlines = [PersonMandateInline]

    def save_model(self, request, obj, form, change):
        before = User.objects.select_related("organisation").get(pk=obj.pk).organisation if change else None
        super().save_model(request, obj, form, change)
        if change and "organisation" in form.changed_data:
            organisation_change_announce(person=obj, before=before, actor=request.user)
        portal_only = form.cleaned_data.get("official_post_portal_only", False)
        official_post_choose(person=obj, portal_only=portal_only, actor=request.user)

    @admin.display(description=_("official post in the portal only, since"))
    def official_post_since(self, person):
        since = person.official_post_portal_only_since
        return date_format(localtime(since), "DATETIME_FORMAT") if since else "–"

    def get_fields(self, request, obj=None):
        if obj is None or not self.has_change_permission(request, obj):
            return self.fields
        # The address is the key to the account: changed only through the confirmed change below.
        return ["email_address", *(name for name in self.fields if name != "email")]

    def get_readonly_fields(self, request, obj=None):
        return ["email_address", "email", "official_post_since"] if obj is not None else ["official_post_since"]

    @admin.display(description=_("email address"))
    def email_address(self, person):
        return format_html(
            '{} <a class="button" href="{}">{}</a>',
            person.email,
            reverse("admin:members_user_email_change", args=[person.pk]),
            _("Change address…"),
        )

    def get_urls(self):
        return [
            path(
                "<int:pk>/adresse/",
                self.admin_site.admin_view(self.email_change_view),
                name="members_user_email_change",
            ),
            *super().get_urls(),
        ]

    def email_change_view(self, request, pk):
        """A change of address that the person approves, then confirms from the new address (see the service)."""
        person = get_object_or_404(User, pk=pk)
        if not self.has_change_permission(request, person):
            raise PermissionDenied
        form = EmailChangeForm(request.POST if request.method == "POST" else None)
        if form.is_valid():
            try:
                services.person_email_change_request(
                    person=person, new_email=form.cleaned_data["new_email"], actor=request.user
                )
            except services.EmailChangeRefused as refused:
                form.add_error("new_email", str(refused))
            else:
                messages.success(
                    request,
                    _(
                        "%(person)s was asked at the current address to approve the change to %(email)s. "
                        "The address changes only once the person approves it and confirms it from the new address."
                    )
                    % {"person": person.get_full_name(), "email": form.cleaned_data["new_email"]},
                )
                return redirect(reverse("admin:members_user_change", args=[person.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Change the email address of %(person)s") % {"person": person},
            "opts": self.opts,
            "person": person,
            "pending": services.pending_change_of(person),
            "form": form,
        }
        return TemplateResponse(request, "admin/members/user_email_change.html", context)
