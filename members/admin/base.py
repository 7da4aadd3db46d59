"""What every members admin shares: changes made there go into the audit log; offices are shown read-only."""

from kernel.admin import PortalModelAdmin, ReadOnlyTabularInline
from members import audit
from members.models import Mandate


class AuditedAdmin(PortalModelAdmin):
    """Every change made in the admin goes into the audit log."""

    def save_model(self, request, obj, form, change):
        before = audit.snapshot(type(obj).objects.get(pk=obj.pk)) if change else {}
        action = f"{obj._meta.model_name}.{'changed' if change else 'created'}"
        with audit.logged(obj, actor=request.user, action=action, before=before):
            self.save_object(request, obj)

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


class ReadOnlyOfficeInline(ReadOnlyTabularInline):
    """Offices are shown here but changed in their own form, where the bylaws are checked."""

    model = Mandate
    show_change_link = True
