"""The audit log of association records: offices, organisation status, fees, invitations, people."""

import contextlib
import contextvars

from django.forms.models import model_to_dict

from kernel.secret_names import is_secret_name
from members.models import AuditEntry

# Where the changes being made come from (e.g. "Import: mitglieder.xlsx"); see ``source``.
_source: contextvars.ContextVar[str] = contextvars.ContextVar("audit_source", default="")


@contextlib.contextmanager
def source(text: str):
    """Every entry written inside this block, by any service, names ``text`` as its source."""
    token = _source.set(text[:300])
    try:
        yield
    finally:
        _source.reset(token)


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
        source=_source.get(),
    )


def save_change(obj, *, actor, action: str, **values) -> AuditEntry:
    """Set ``values`` on ``obj``, save just those fields, and log the change (before and after)."""
    before = snapshot(obj)
    for name, value in values.items():
        setattr(obj, name, value)
    obj.save(update_fields=list(values))
    return record(actor=actor, action=action, target=obj, before=before, after=snapshot(obj))
