"""Refuse or succeed, written once for every view that calls a service.

A service refuses by raising ``ValidationError``; the view shows that refusal, or its success message::

    with reported(request, _("Saved.")):
        services.thing_save(...)
    return redirect(...)

With ``form=`` the refusal becomes the form's error (shown above its fields) instead of a message, and the view
re-renders the form when ``outcome.ok`` is false::

    with reported(request, _("Saved."), form=form) as outcome:
        services.thing_save(**form.cleaned_data)
    if outcome.ok:
        return redirect(...)
    return render(request, ..., {"form": form})
"""

from contextlib import contextmanager
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError


@dataclass
class Outcome:
    ok: bool = True


def require(user, perm: str, obj=None) -> None:
    """Refuse (403) unless ``user`` has ``perm`` (on ``obj``): the first line of a view that changes something."""
    if not user.has_perm(perm, obj):
        raise PermissionDenied


@contextmanager
def reported(request, success: str = "", *, form=None):
    """Run the block: a ``ValidationError`` is shown as the error (on ``form`` if given), otherwise ``success``
    (if any) as a success message. The ``Outcome`` yielded says which it was."""
    outcome = Outcome()
    try:
        yield outcome
    except ValidationError as error:
        outcome.ok = False
        if form is not None:
            form.add_error(None, error)
        else:
            messages.error(request, " ".join(error.messages))
    else:
        if success:
            messages.success(request, success)
