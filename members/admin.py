"""The secretariat's and the board's workplace. Rights come from members.bylaws, not from flags."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from defus.admin import PortalModelAdmin, PortalTabularInline, ReadOnlyTabularInline, RecordAdmin
from defus.lib.spreadsheet import excel_csv_response
from members import audit, bylaws, desk, services
from members.models import (
    AuditEntry,
    DigestDelivery,
    DigestNote,
    DigestRun,
    Invitation,
    Mandate,
    MembershipFee,
    Organisation,
    User,
)


class AuditedAdmin(PortalModelAdmin):
    """Every change made in the admin goes into the audit log."""

    def save_model(self, request, obj, form, change):
        before = audit.snapshot(type(obj).objects.get(pk=obj.pk)) if change else {}
        self.save_object(request, obj)
        action = f"{obj._meta.model_name}.{'changed' if change else 'created'}"
        audit.record(actor=request.user, action=action, target=obj, before=before, after=audit.snapshot(obj))

    def save_object(self, request, obj) -> None:
        """The write itself; a model whose changes carry rules saves through its service here."""
        obj.save()

    def delete_model(self, request, obj):
        audit.record(
            actor=request.user, action=f"{obj._meta.model_name}.deleted", target=obj, before=audit.snapshot(obj)
        )
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)

    def save_formset(self, request, form, formset, change):
        """Rows edited in an inline table are audited like any other change."""
        before = {
            obj.pk: audit.snapshot(type(obj).objects.get(pk=obj.pk))
            for obj in formset.queryset
            if obj.pk and any(f.instance.pk == obj.pk and f.has_changed() for f in formset.initial_forms)
        }
        formset.save()
        for obj in formset.new_objects:
            audit.record(
                actor=request.user, action=f"{obj._meta.model_name}.created", target=obj, after=audit.snapshot(obj)
            )
        for obj, _fields in formset.changed_objects:
            audit.record(
                actor=request.user,
                action=f"{obj._meta.model_name}.changed",
                target=obj,
                before=before.get(obj.pk, {}),
                after=audit.snapshot(obj),
            )
        for obj in formset.deleted_objects:
            audit.record(actor=request.user, action=f"{obj._meta.model_name}.deleted", target=obj)


class _PersonRowForm(forms.ModelForm):
    """A person's address is the key to the account: shown, never changed in this table."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and "email" in self.fields:
            # A disabled field ignores what is posted; a new row still takes an address.
            self.fields["email"].disabled = True


class PersonInline(PortalTabularInline):
    model = User
    form = _PersonRowForm
    fields = ["email", "first_name", "last_name", "position", "level", "is_active"]
    extra = 0
    show_change_link = True


class _ReadOnlyOfficeInline(ReadOnlyTabularInline):
    """Offices are shown here but changed in their own form, where the bylaws are checked."""

    model = Mandate
    show_change_link = True


class OrganisationMandateInline(_ReadOnlyOfficeInline):
    fk_name = "organisation"
    fields = ["role", "person", "start", "end", "elected_at"]


class FeeInline(PortalTabularInline):
    model = MembershipFee
    fields = ["year", "amount", "invoiced_on", "due_on", "paid_on", "note"]
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdmin):
    def save_object(self, request, obj) -> None:
        # Whatever the form changed, the service decides what follows (leaving ends the offices).
        ended = services.organisation_save(organisation=obj, actor=request.user)
        if ended:
            self.message_user(
                request,
                ngettext(
                    "%(count)s office of this organisation ended on its leaving day.",
                    "%(count)s offices of this organisation ended on its leaving day.",
                    ended,
                )
                % {"count": ended},
                messages.INFO,
            )

    list_display = ["name", "kind", "federal_state", "status", "joined_on", "left_on", "efus_member"]
    list_filter = ["status", "kind", "federal_state", "efus_member"]
    search_fields = ["name", "city"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PersonInline, OrganisationMandateInline, FeeInline]
    actions = ["export_csv"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "federal_state", "municipality_key", "description", "website"]}),
        (_("Membership"), {"fields": ["status", "joined_on", "left_on", "admitted_on"]}),
        (_("Conditions of the bylaws"), {"fields": ["shares_aims", "accepts_bylaws", "efus_member"]}),
        (_("Contact"), {"fields": ["email", "phone", "street", "postcode", "city"]}),
    ]

    @admin.action(description=_("Export selected as CSV (Excel)"))
    def export_csv(self, request, queryset):
        """UTF-8 with BOM and semicolons: what German Excel opens correctly by double-click."""
        header = [
            _("Name"),
            _("Kind"),
            _("Federal state"),
            _("Status"),
            _("Member since"),
            _("Left on"),
            _("Efus member"),
        ]
        rows = (
            [
                organisation.name,
                organisation.get_kind_display(),
                organisation.get_federal_state_display(),
                organisation.get_status_display(),
                organisation.joined_on.strftime("%d.%m.%Y") if organisation.joined_on else "",
                organisation.left_on.strftime("%d.%m.%Y") if organisation.left_on else "",
                _("yes") if organisation.efus_member else _("no"),
            ]
            for organisation in queryset.order_by("name")
        )
        return excel_csv_response(rows, header, filename=f"defus-mitglieder-{timezone.localdate()}.csv")


class PersonMandateInline(_ReadOnlyOfficeInline):
    fk_name = "person"
    fields = ["role", "organisation", "working_group", "start", "end", "elected_at"]


class EmailChangeForm(forms.Form):
    new_email = forms.EmailField(
        label=_("New email address"),
        help_text=_(
            "The person confirms it with a link sent there; until then the current address stays "
            "the sign-in address, and the current address is told of the request."
        ),
    )


@admin.register(User)
class UserAdmin(AuditedAdmin):
    list_display = ["email", "first_name", "last_name", "organisation", "level", "is_active"]
    list_filter = ["is_active", "level", "language", "organisation__status"]
    search_fields = ["email", "first_name", "last_name", "organisation__name"]
    list_select_related = ["organisation"]
    fields = ["email", "first_name", "last_name", "position", "phone", "organisation", "level", "language", "is_active"]
    inlines = [PersonMandateInline]

    def get_fields(self, request, obj=None):
        if obj is None or not self.has_change_permission(request, obj):
            return self.fields
        # The address is the key to the account: changed only through the confirmed change below.
        return ["email_address", *(name for name in self.fields if name != "email")]

    def get_readonly_fields(self, request, obj=None):
        return ["email_address", "email"] if obj is not None else []

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
        """A change of address that the person confirms from the new address (see the service)."""
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
                        "A confirmation link was sent to %(email)s and a notice to the current address. "
                        "The address changes once the person confirms it."
                    )
                    % {"email": form.cleaned_data["new_email"]},
                )
                return redirect(reverse("admin:members_user_change", args=[person.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Change the email address of %(person)s") % {"person": person},
            "opts": self.opts,
            "person": person,
            "form": form,
        }
        return TemplateResponse(request, "admin/members/user_email_change.html", context)


class TermFilter(admin.SimpleListFilter):
    title = _("term")
    parameter_name = "term"

    def lookups(self, request, model_admin):
        return [("current", _("current")), ("past", _("past")), ("ending", _("ending within 60 days"))]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "current":
            return queryset.active(today)
        if self.value() == "past":
            return queryset.filter(end__lt=today)
        if self.value() == "ending":
            return desk.ending_offices(queryset)
        return queryset


@admin.register(Mandate)
class MandateAdmin(AuditedAdmin):
    list_display = ["role", "person", "organisation", "working_group", "start", "end", "elected_at"]
    list_filter = [TermFilter, "role"]
    search_fields = ["person__email", "person__last_name", "organisation__name", "working_group__name"]
    list_select_related = ["person", "organisation", "working_group"]
    raw_id_fields = ["person"]
    date_hierarchy = "start"

    def save_model(self, request, obj, form, change):
        saved = services.mandate_save(mandate=obj, actor=request.user)
        for predecessor in saved.succeeded:
            self.message_user(
                request,
                _("The term of %(person)s ends on %(end)s; they and the organisation's contacts are told by email.")
                % {"person": predecessor.person, "end": predecessor.end.strftime("%d.%m.%Y")},
                messages.INFO,
            )

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)

        class SuccessionAwareForm(form):
            def _post_clean(self):
                # A new delegate may overlap an open-ended predecessor: the service ends that term.
                # Only that one error (by its code) is withdrawn; every other problem stays. The rules
                # that depend on who enters the office are added here, as the service checks them too.
                super()._post_clean()
                if self.instance.start is None or self.instance.person_id is None:
                    return
                conflicts = bylaws.office_conflicts(
                    self.instance, succession=self.instance.pk is None, actor=request.user
                )
                codes = {conflict.code for conflict in conflicts}
                errors = self.errors.as_data().get("__all__", [])
                kept = [
                    error
                    for error in errors
                    if error.code != bylaws.Conflict.DELEGATE_OVERLAP or bylaws.Conflict.DELEGATE_OVERLAP in codes
                ]
                kept += [c.error() for c in conflicts if c.code == bylaws.Conflict.OWN_VOTING_OFFICE]
                self._errors.pop("__all__", None)
                for error in kept:
                    self.add_error(None, error)

        return SuccessionAwareForm


class OverdueFilter(admin.SimpleListFilter):
    title = _("payment")
    parameter_name = "payment"

    def lookups(self, request, model_admin):
        return [("overdue", _("overdue")), ("open", _("not paid")), ("paid", _("paid"))]

    def queryset(self, request, queryset):
        if self.value() == "overdue":
            return desk.overdue_fees(queryset)
        if self.value() == "open":
            return queryset.filter(paid_on__isnull=True)
        if self.value() == "paid":
            return queryset.filter(paid_on__isnull=False)
        return queryset


@admin.register(MembershipFee)
class MembershipFeeAdmin(AuditedAdmin):
    list_display = ["organisation", "year", "amount", "invoiced_on", "due_on", "paid_on", "is_overdue"]
    list_filter = [OverdueFilter, "year"]
    search_fields = ["organisation__name"]
    list_select_related = ["organisation"]

    @admin.display(boolean=True, description=_("overdue"))
    def is_overdue(self, fee):
        return fee.is_overdue


class InvitationStateFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("open", _("sent, not accepted"))]

    def queryset(self, request, queryset):
        return desk.open_invitations(queryset) if self.value() == "open" else queryset


@admin.register(Invitation)
class InvitationAdmin(AuditedAdmin):
    list_display = ["email", "organisation", "created_at", "sent_at", "expires_at", "accepted_at", "revoked_at"]
    list_filter = [InvitationStateFilter, "organisation"]
    search_fields = ["email", "organisation__name"]
    list_select_related = ["organisation"]
    fields = ["email", "organisation"]
    actions = ["resend", "revoke"]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)

        class InvitationForm(form):
            def clean_email(self):
                email = self.cleaned_data["email"].strip().lower()
                if User.objects.filter(email__iexact=email).exists():
                    raise ValidationError(_("There is already an account with this address."))
                return email

        return InvitationForm

    def has_change_permission(self, request, obj=None):
        # Invitations are changed through the actions only (resend, revoke).
        return False if obj is not None else super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        invitation = services.invitation_create(
            email=form.cleaned_data["email"], organisation=form.cleaned_data["organisation"], invited_by=request.user
        )
        # The admin expects obj to be the saved object.
        obj.pk = invitation.pk

    @admin.action(description=_("Send selected invitations again"), permissions=["add"])
    def resend(self, request, queryset):
        # A revoked invitation stays revoked; send a new one instead.
        pending = list(queryset.filter(accepted_at__isnull=True, revoked_at__isnull=True))
        for invitation in pending:
            services.invitation_resend(invitation=invitation, actor=request.user)
        count = len(pending)
        self.message_user(request, ngettext("%d invitation sent again.", "%d invitations sent again.", count) % count)

    @admin.action(description=_("Revoke selected invitations"), permissions=["add"])
    def revoke(self, request, queryset):
        pending = list(queryset.filter(accepted_at__isnull=True, revoked_at__isnull=True))
        for invitation in pending:
            services.invitation_revoke(invitation=invitation, actor=request.user)
        self.message_user(
            request,
            ngettext("%d invitation revoked.", "%d invitations revoked.", len(pending)) % len(pending),
            messages.SUCCESS,
        )


@admin.register(AuditEntry)
class AuditEntryAdmin(RecordAdmin):
    list_display = ["at", "actor", "action", "target_repr"]
    list_filter = ["action", "target_type"]
    search_fields = ["target_repr", "actor__email", "action"]
    list_select_related = ["actor"]
    date_hierarchy = "at"
    readonly_fields = ["at", "actor", "action", "target_type", "target_id", "target_repr", "changes"]


# --- The weekly digest -------------------------------------------------------------------


@admin.register(DigestNote)
class DigestNoteAdmin(AuditedAdmin):
    list_display = ["period", "author", "updated_at"]
    fields = ["period", "text_de", "text_en"]

    def get_changeform_initial_data(self, request):
        from members.digest.schedule import next_sending

        return {"period": timezone.localtime(next_sending()).date()}

    def save_model(self, request, obj, form, change):
        obj.author = request.user
        super().save_model(request, obj, form, change)


class DigestDeliveryInline(ReadOnlyTabularInline):
    model = DigestDelivery
    fields = ["person", "status", "attempts", "error", "claimed_at", "sent_at"]
    show_change_link = False

    def get_queryset(self, request):
        # The problems first; a run of thousands shows its failures, not its successes.
        return super().get_queryset(request).select_related("person").exclude(status=DigestDelivery.Status.SENT)


class DigestPreviewForm(forms.Form):
    email = forms.EmailField(label=_("Email address of the member"))


@admin.register(DigestRun)
class DigestRunAdmin(RecordAdmin):
    """Runs of the weekly digest, with a preview of any member's digest and a test send to oneself."""

    list_display = ["period", "started_at", "finished_at", "recipients", "sent", "skipped", "failed"]
    readonly_fields = list_display
    fields = list_display
    inlines = [DigestDeliveryInline]
    date_hierarchy = "period"

    def get_urls(self):
        from django.urls import path

        return [
            path("vorschau/", self.admin_site.admin_view(self.preview_view), name="members_digestrun_preview"),
            *super().get_urls(),
        ]

    def preview_view(self, request):
        """The coming digest of a member, as it stands now. The secretariat only: it shows what that member may see."""
        from django.core.exceptions import PermissionDenied
        from django.template.response import TemplateResponse

        from members.digest import compose
        from members.digest.schedule import upcoming_period
        from members.digest.sending import preview

        if not bylaws.is_secretariat(request.user):
            raise PermissionDenied
        form = DigestPreviewForm(request.POST or request.GET or None)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Preview of a digest"),
            "form": form,
            "sending": upcoming_period().sending,
        }
        if form.is_valid():
            person = User.objects.filter(email__iexact=form.cleaned_data["email"]).first()
            if person is None:
                form.add_error("email", _("There is no person with this address."))
            else:
                period = upcoming_period()
                ((person, parts),) = preview(period=period, person_ids=[person.pk])
                context.update(person=person, parts=parts)
                if parts:
                    test = request.method == "POST"
                    message = compose.build_digest(person, parts, period, test=test, to=request.user.email)
                    context.update(subject=message.subject, text=message.body)
                    if test:
                        message.send()
                        messages.success(
                            request,
                            _("A test copy of this digest was sent to %(email)s.") % {"email": request.user.email},
                        )
        return TemplateResponse(request, "admin/members/digest_preview.html", context)


from members import admin_import  # noqa: E402, F401  (moving in: import, export, bulk invitations)


@admin.register(DigestDelivery)
class DigestDeliveryAdmin(RecordAdmin):
    """Every digest delivery, to find the ones that failed (the secretariat's desk links here)."""

    list_display = ["person", "period", "status", "attempts", "error", "claimed_at", "sent_at"]
    list_filter = ["status"]
    list_select_related = ["person"]
    search_fields = ["person__email"]
    date_hierarchy = "period"
