"""The weekly digest in the admin: notes, runs with preview and test copy, deliveries."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kernel.admin import ReadOnlyTabularInline, RecordAdmin
from kernel.digest_schedule import next_sending, upcoming_period
from mail.digest import compose
from mail.digest.sending import preview
from mail.models import DigestDelivery, DigestNote, DigestRun
from members import bylaws
from members.admin.base import AuditedAdmin
from members.models import User

# --- The weekly digest -------------------------------------------------------------------


@admin.register(DigestNote)
class DigestNoteAdmin(AuditedAdmin):
    list_display = ["period", "author", "updated_at"]
    fields = ["period", "text_de", "text_en"]

    def get_changeform_initial_data(self, request):
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
        return [
            path("vorschau/", self.admin_site.admin_view(self.preview_view), name="mail_digestrun_preview"),
            *super().get_urls(),
        ]

    def preview_view(self, request):
        """The coming digest of a member, as it stands now. The secretariat only: it shows what that member may see."""

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
        return TemplateResponse(request, "admin/mail/digest_preview.html", context)


@admin.register(DigestDelivery)
class DigestDeliveryAdmin(RecordAdmin):
    """Every digest delivery, to find the ones that failed (the secretariat's desk links here)."""

    list_display = ["person", "period", "status", "attempts", "error", "claimed_at", "sent_at"]
    # Recipient and period first (the shared delivery fields of defus.models.Delivery would come first otherwise).
    fields = ["person", "period", "run", "status", "attempts", "error", "claimed_at", "sent_at"]
    list_filter = ["status"]
    list_select_related = ["person"]
    search_fields = ["person__email"]
    date_hierarchy = "period"
