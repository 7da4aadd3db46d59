"""A service's refusal is shown once, the same way everywhere: as the error message, or on the form."""

from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from kernel.refusals import reported


def _request():
    request = RequestFactory().post("/")
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def _shown(request):
    return [(m.level_tag, str(m)) for m in get_messages(request)]


def test_it_shows_the_success_when_the_service_agrees():
    request = _request()
    with reported(request, "Gespeichert.") as outcome:
        pass
    assert outcome.ok and _shown(request) == [("success", "Gespeichert.")]


def test_it_shows_the_refusal_as_the_error_and_no_success():
    request = _request()
    with reported(request, "Gespeichert.") as outcome:
        raise ValidationError(["Zu spät.", "Die Frist ist vorbei."])
    assert not outcome.ok and _shown(request) == [("error", "Zu spät. Die Frist ist vorbei.")]


def test_with_a_form_the_refusal_becomes_the_forms_error():
    request = _request()
    form = forms.Form({})
    form.is_valid()
    with reported(request, "Gespeichert.", form=form) as outcome:
        raise ValidationError("Zu spät.")
    assert not outcome.ok and form.non_field_errors() == ["Zu spät."] and _shown(request) == []
