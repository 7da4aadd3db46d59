"""The audit log of association records: offices, organisation status, fees, invitations, people."""

from django.forms.models import model_to_dict

from defus.lib.secret_names import is_secret_name
from members.models import AuditEntry


def snapshot(obj, fields=None) -> dict:
    """The values of ``obj`` as JSON-safe strings, to compare before and after a change.

    Secrets (a person's password hash, an invitation's token) never enter the log.
    """
    return {
        key: (None if value is None else str(value))
        for key, value in model_to_dict(obj, fields=fields).items()
        if not is_secret_name(key)
    }


def record(*, actor, action: str, target, before: dict | None = None, after: dict | None = None) -> AuditEntry:
    """Write one entry; ``changes`` holds only the fields that differ."""
    before, after = before or {}, after or {}
    changes = {
        key: {"from": before.get(key), "to": after.get(key)}
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    }
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        target_repr=str(target)[:300],
        changes=changes,
    )
