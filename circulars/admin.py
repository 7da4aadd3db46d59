"""Circulars are written, previewed, tested and sent here by the secretariat or the board."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from circulars import selectors, sending, services
from circulars.models import Circular, CircularDelivery
from kernel.admin import PortalModelAdmin, ReadOnlyTabularInline, RecordAdmin
from kernel.letters import GREETING
from kernel.markup import render_markdown
from mail.official import not_by_email_note
from members.models import User

_NO_GREETING = _(
    "Start the text without a greeting: every circular opens with the personal salutation of its recipient "
    "(“Sehr geehrte Frau Dr. Müller,”)."
)


class CircularForm(forms.ModelForm):
    class Meta:
        model = Circular
        fields = ["title", "body", "title_en", "body_en", "audience", "groups", "organisations", "documents"]
        help_texts = {"body": _NO_GREETING, "body_en": _NO_GREETING}

    def clean(self):
        cleaned = super().clean()
        for field in ("body", "body_en"):
            # The portal greets each recipient by name; a greeting in the text would make it two.
            if GREETING.match(cleaned.get(field) or ""):
                self.add_error(field, _NO_GREETING)
        audience = cleaned.get("audience")
        if audience == Circular.Audience.GROUPS and not cleaned.get("groups"):
            self.add_error("groups", _("Choose at least one working group for this audience."))
        if audience == Circular.Audience.ORGANISATIONS and not cleaned.get("organisations"):
            self.add_error("organisations", _("Choose at least one organisation for this audience."))
        return cleaned


class FailedDeliveryInline(ReadOnlyTabularInline):
    model = CircularDelivery
    fields = ["person", "status", "attempts", "error", "sent_at"]
    verbose_name_plural = _("deliveries not (yet) sent")

    def get_queryset(self, request):
        # The problems, not the hundreds that went out.
        return super().get_queryset(request).select_related("person").exclude(status=CircularDelivery.Status.SENT)


class RecipientForm(forms.Form):
    email = forms.EmailField(label=_("Email address of the recipient"))


@admin.register(Circular)
class CircularAdmin(PortalModelAdmin):
    form = CircularForm
    list_display = ["title", "audience", "status", "created_at", "sent_at", "sent_by"]
    list_filter = ["status", "audience"]
    search_fields = ["title", "body"]
    list_select_related = ["sent_by"]
    raw_id_fields = ["documents"]
    date_hierarchy = "created_at"
    actions = ["retry_failed"]
    change_form_template = "admin/circulars/circular/change_form.html"
    fieldsets = [
        (None, {"fields": ["title", "body"]}),
        (_("English version (optional)"), {"fields": ["title_en", "body_en"]}),
        (_("Audience"), {"fields": ["audience", "groups", "organisations"]}),
        (_("Documents"), {"fields": ["documents"]}),
    ]

    def get_inlines(self, request, obj):
        return [FailedDeliveryInline] if obj is not None and obj.is_sent else []

    def has_change_permission(self, request, obj=None):
        # A sent circular is a record: what the members received does not change afterwards.
        if obj is not None and obj.is_sent:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_sent:
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Send failed deliveries again"), permissions=["change"])
    def retry_failed(self, request, queryset):
        count = sum(sending.retry_failed(circular_id=pk) for pk in queryset.values_list("pk", flat=True))
        self.message_user(request, ngettext("%d delivery queued again.", "%d deliveries queued again.", count) % count)

    # --- Preview, test copy and sending ---------------------------------------------------

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/vorschau/", view(self.preview_view), name="circulars_circular_preview"),
            path("<int:pk>/senden/", view(self.send_view), name="circulars_circular_send"),
            *super().get_urls(),
        ]

    def _circular(self, request, pk, *, change: bool) -> Circular:
        circular = get_object_or_404(Circular, pk=pk)
        allowed = self.has_view_permission(request, circular)
        if change:
            allowed = circular.is_sent is False and self.has_change_permission(request, circular)
        if not allowed:
            raise PermissionDenied
        return circular

    def preview_view(self, request, pk):
        """The circular as a chosen recipient gets it; POST sends that copy to oneself (a test)."""
        circular = self._circular(request, pk, change=False)
        form = RecipientForm(request.POST or request.GET or {"email": request.user.email})
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Preview of a circular"),
            "circular": circular,
            "form": form,
            "may_test": self.has_change_permission(request, None),
        }
        if form.is_valid():
            person = (
                User.objects.select_related("organisation").filter(email__iexact=form.cleaned_data["email"]).first()
            )
            if person is None:
                form.add_error("email", _("There is no person with this address."))
            else:
                loaded = sending.load_circular(circular.pk)
                message = sending.build_message(loaded, person, to=request.user.email)
                context.update(
                    person=person,
                    in_audience=selectors.audience_people(circular).filter(pk=person.pk).exists(),
                    not_by_email=not_by_email_note(person),
                    subject=message.subject,
                    text=message.body,
                    html=render_markdown(circular.body_for(person.language)),
                )
                if request.method == "POST":
                    if not self.has_change_permission(request, None):
                        raise PermissionDenied
                    services.circular_send_test(circular=circular, actor=request.user, as_person=person)
                    messages.success(
                        request,
                        _("A test copy of this circular was sent to %(email)s.") % {"email": request.user.email},
                    )
        return TemplateResponse(request, "admin/circulars/circular/preview.html", context)

    def send_view(self, request, pk):
        """GET asks for confirmation (with the number of recipients); POST sends, once."""
        circular = self._circular(request, pk, change=True)
        audience = selectors.audience_people(circular)
        by_email = selectors.email_recipients(circular).count()
        problem = services.circular_audience_problem(circular=circular)
        if request.method == "POST" and problem is None:
            try:
                count = services.circular_send(circular=circular, actor=request.user)
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(
                    request,
                    ngettext(
                        "The circular is being sent to %d person.", "The circular is being sent to %d people.", count
                    )
                    % count,
                )
            return redirect(reverse("admin:circulars_circular_change", args=[circular.pk]))
        audience_count = audience.count()
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Send the circular"),
            "circular": circular,
            "problem": problem,
            "audience_count": audience_count,
            "by_email": by_email,
            "archive_only": audience_count - by_email,
        }
        return TemplateResponse(request, "admin/circulars/circular/send.html", context)


class DeliveryStatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "delivery"

    def lookups(self, request, model_admin):
        return CircularDelivery._meta.get_field("status").choices

    def queryset(self, request, queryset):
        return queryset.filter(status=self.value()) if self.value() else queryset


@admin.register(CircularDelivery)
class CircularDeliveryAdmin(RecordAdmin):
    list_display = ["circular", "person", "status", "attempts", "error", "claimed_at", "sent_at"]
    fields = list_display  # circular and recipient first, then the shared delivery fields
    list_filter = [DeliveryStatusFilter, "circular"]
    list_select_related = ["circular", "person"]
    search_fields = ["person__email", "circular__title"]
