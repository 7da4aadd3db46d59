"""The secretariat's and the board's side of the public pages: requests to join (the board accepts or refuses,
with the reason), feedback on accessibility (answered by email), the public member entries."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from publicsite import services
from publicsite.models import AccessibilityFeedback, MemberPage, MembershipApplication

MODELS = ("membershipapplication", "accessibilityfeedback", "memberpage")


class PublicAdmin(admin.ModelAdmin):
    def has_module_permission(self, request):
        # Rights come from the rules in public/permissions.py, which the bylaws backend does not list by app.
        return any(request.user.has_perm(f"public.view_{model}") for model in MODELS)


class RefusalForm(forms.Form):
    reason = forms.CharField(label=_("Reason (sent to the contact person)"), widget=forms.Textarea(attrs={"rows": 5}))


@admin.register(MembershipApplication)
class MembershipApplicationAdmin(PublicAdmin):
    list_display = ["name", "kind", "federal_state", "efus_member", "contact_name", "status", "confirmed_at"]
    list_filter = ["status", "kind", "federal_state"]
    search_fields = ["name", "contact_name", "contact_email"]
    readonly_fields = [
        "name",
        "kind",
        "federal_state",
        "municipality_key",
        "efus_member",
        "contact_name",
        "contact_email",
        "reason",
        "language",
        "status",
        "created_at",
        "confirmed_at",
        "decided_at",
        "decided_by",
        "refusal_reason",
        "organisation",
    ]
    actions = ["accept", "refuse"]

    def get_queryset(self, request):
        # Unconfirmed requests do not count yet: nobody has shown the address is theirs.
        return super().get_queryset(request).exclude(status=MembershipApplication.Status.UNCONFIRMED)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_decide_permission(self, request):
        return request.user.has_perm("public.decide_membershipapplication")

    @admin.action(description=_("Accept: admit as member and invite the contact"), permissions=["decide"])
    def accept(self, request, queryset):
        accepted = 0
        for application in queryset:
            try:
                services.application_accept(application=application, decided_by=request.user)
                accepted += 1
            except ValidationError as error:
                self.message_user(request, f"{application}: {' '.join(error.messages)}", messages.ERROR)
        if accepted:
            message = ngettext("%(count)d request accepted.", "%(count)d requests accepted.", accepted)
            self.message_user(request, message % {"count": accepted}, messages.SUCCESS)

    @admin.action(description=_("Refuse with a reason"), permissions=["decide"])
    def refuse(self, request, queryset):
        form = RefusalForm(request.POST if "reason" in request.POST else None)
        if form.is_valid():
            refused = 0
            for application in queryset:
                try:
                    services.application_refuse(
                        application=application, decided_by=request.user, reason=form.cleaned_data["reason"]
                    )
                    refused += 1
                except ValidationError as error:
                    self.message_user(request, f"{application}: {' '.join(error.messages)}", messages.ERROR)
            if refused:
                message = ngettext("%(count)d request refused.", "%(count)d requests refused.", refused)
                self.message_user(request, message % {"count": refused}, messages.SUCCESS)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Refuse requests to join"),
            "opts": self.model._meta,
            "form": form,
            "applications": queryset,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/public/refuse.html", context)


class FeedbackAnswerForm(forms.ModelForm):
    class Meta:
        model = AccessibilityFeedback
        fields = ["answer"]
        widgets = {"answer": forms.Textarea(attrs={"rows": 8})}
        help_texts = {"answer": _("Saving sends the answer by email to the sender.")}

    def clean_answer(self):
        answer = self.cleaned_data["answer"].strip()
        if not answer:
            raise ValidationError(_("Write the answer first."))
        return answer


class FeedbackStateFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("open", _("Not yet answered")), ("answered", _("Answered"))]

    def queryset(self, request, queryset):
        if self.value() == "open":
            return queryset.filter(answered_at__isnull=True)
        if self.value() == "answered":
            return queryset.filter(answered_at__isnull=False)
        return queryset


@admin.register(AccessibilityFeedback)
class AccessibilityFeedbackAdmin(PublicAdmin):
    form = FeedbackAnswerForm
    list_display = ["created_at", "email", "page", "due_on", "answered_at"]
    list_filter = [FeedbackStateFilter]
    search_fields = ["email", "name", "message"]
    fields = ["name", "email", "page", "message", "created_at", "due_on", "answer", "answered_at", "answered_by"]

    def get_readonly_fields(self, request, obj=None):
        fixed = ["name", "email", "page", "message", "language", "created_at", "due_on", "answered_at", "answered_by"]
        return [*fixed, "answer"] if obj is not None and obj.answered_at else fixed

    def has_add_permission(self, request):
        return False

    def save_model(self, request, obj, form, change):
        # Only the service changes a feedback: it keeps the answer and sends it, once.
        services.feedback_answer(feedback=obj, answer=form.cleaned_data["answer"], answered_by=request.user)


@admin.register(MemberPage)
class MemberPageAdmin(PublicAdmin):
    list_display = ["organisation", "prevention_url", "link_consent", "consent_recorded_on", "place_name"]
    list_filter = ["link_consent"]
    autocomplete_fields = ["organisation"]
