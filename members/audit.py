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


@contextlib.contextmanager
def logged(obj, *, actor, action: str, before: dict | None = None, fields=None):
    """Log the change the block makes to ``obj``, old → new field by field. ``before``: the values as stored
    (the admin reads them from the database, its form has changed ``obj`` already); else ``obj`` as it is now."""
    before = snapshot(obj, fields) if before is None else before
    yield
    record(actor=actor, action=action, target=obj, before=before, after=snapshot(obj, fields))


def update(obj, *, actor, action: str, values: dict, fields=None) -> dict[str, tuple]:
    """The one audited update (the member import and the admin's services alike): set those of ``values`` that
    differ from ``obj``'s, save just them and log old → new. Returns ``{field: (old, new)}`` of what changed;
    empty when nothing differed, and then nothing is saved or logged. ``fields`` narrows the logged snapshot."""
    changed = {name: (getattr(obj, name), value) for name, value in values.items() if getattr(obj, name) != value}
    if changed:
        with logged(obj, actor=actor, action=action, fields=fields):
            for name, (_old, value) in changed.items():
                setattr(obj, name, value)
            obj.save(update_fields=list(changed))
    return changed


def save_change(obj, *, actor, action: str, **values) -> None:
    """Set ``values`` on ``obj``, save just those fields, and log it (before and after) even when nothing differs:
    the log then says that the step was taken."""
    with logged(obj, actor=actor, action=action):
        for name, value in values.items():
            setattr(obj, name, value)
        obj.save(update_fields=list(values))
