"""A NUL byte typed into any chooser of any form is a form answer, never a server error (issue 33).

PostgreSQL cannot hold NUL in a text parameter, so a search for it raised inside the request. The forms are found,
not listed by hand: every form and filter of the portal's apps that has a chooser field must have a case here, and
every registered chooser kind must be exercised by one of them.
"""

import importlib
import importlib.util
import inspect
from dataclasses import dataclass

import django_filters
import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.urls import reverse

from analyses.demo import ensure_defaults
from kernel.choosers import KINDS, _ChooserFieldMixin, search
from kernel.filters import ChooserFilter
from tests.factories import MeetingFactory
from tests.security.world import build_world

pytestmark = pytest.mark.django_db

NUL = "a\x00b"


@dataclass(frozen=True)
class Case:
    form: str  # module.Class of the form or filter
    persona: str  # member, delegate or secretariat
    page: object  # context -> the page that shows the form
    action: object = None  # context -> where it posts (None: the page itself, by GET for a filter)
    context_name: str = "form"


CASES = [
    Case("events.forms.PollForm", "member", lambda c: reverse("poll_create")),
    Case("topics.forms.DocumentForm", "member", lambda c: reverse("document_upload")),
    Case("funding.forms.InterestForm", "member", lambda c: reverse("call_detail", args=[c["world"].call.pk])),
    Case("analyses.forms.SurveyForm", "secretariat", lambda c: reverse("survey_create")),
    Case(
        "assemblies.forms.ProxyForm",
        "delegate",
        lambda c: reverse("meeting_detail", args=[c["meeting"].pk]),
        lambda c: reverse("meeting_proxy", args=[c["meeting"].pk]),
        "proxy_form",
    ),
    Case(
        "assemblies.forms.ProxyForm",
        "secretariat",
        lambda c: reverse("meeting_detail", args=[c["meeting"].pk]),
        lambda c: reverse("meeting_proxy", args=[c["meeting"].pk]),
        "proxy_form",
    ),
    Case("topics.filters.LibraryFilter", "member", lambda c: reverse("library")),
    Case("events.filters.EventFilter", "member", lambda c: reverse("event_list")),
    Case("funding.filters.CallFilter", "member", lambda c: reverse("call_list")),
]


def _project_modules():
    """The forms and filters modules of the portal's own apps (not Django's, allauth's …)."""
    for config in apps.get_app_configs():
        if not config.path.startswith(str(settings.BASE_DIR)) or "/.venv/" in config.path:
            continue
        for part in ("forms", "filters"):
            name = f"{config.name}.{part}"
            if importlib.util.find_spec(name) is not None:
                yield importlib.import_module(name)


def _has_chooser(cls) -> bool:
    if issubclass(cls, django_filters.FilterSet):
        return any(isinstance(f, ChooserFilter) for f in cls.base_filters.values())
    declared = any(isinstance(f, _ChooserFieldMixin) for f in cls.base_fields.values())
    # Some forms put a chooser in place of a model field in __init__, where base_fields cannot see it.
    return declared or any(name in inspect.getsource(cls) for name in ("SearchChoiceField", "SearchMultipleChoice"))


def forms_with_choosers() -> set[str]:
    found = set()
    for module in _project_modules():
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != module.__name__:
                continue
            if issubclass(cls, (forms.BaseForm, django_filters.FilterSet)) and _has_chooser(cls):
                found.add(f"{cls.__module__}.{cls.__qualname__}")
    return found


def test_every_form_with_a_chooser_has_a_case():
    assert forms_with_choosers() == {case.form for case in CASES}


@pytest.fixture
def context(member, secretariat):
    ensure_defaults()
    world = build_world(member=member)
    # The world's colleague is the delegate of the member's organisation.
    return {
        "world": world,
        "meeting": MeetingFactory(),
        "member": member,
        "delegate": world.colleague,
        "secretariat": secretariat,
    }


def _choosers(form) -> dict[str, object]:
    return {name: field for name, field in form.fields.items() if isinstance(field, _ChooserFieldMixin)}


def test_a_nul_byte_in_any_chooser_is_a_form_answer(client, context):
    kinds_seen = set()
    for case in CASES:
        client.force_login(context[case.persona])
        page = client.get(case.page(context))
        assert page.status_code == 200, case
        form = page.context[case.context_name]
        if case.action is not None:  # a filter's form is a class django-filter makes
            assert f"{type(form).__module__}.{type(form).__qualname__}" == case.form
        fields = _choosers(form)
        assert fields, case
        kinds_seen |= {field.kind.name for field in fields.values()}
        for name in fields:
            typed = {f"{other}_q": NUL for other in fields} | {name: "\x00", f"{name}_q": NUL}
            if case.action is None:  # a filter: GET
                response = client.get(case.page(context), typed)
                assert response.status_code == 200, (case, name)
                assert "\x00" not in response.content.decode(), (case, name)
                continue
            for as_search in (False, True):
                data = typed | ({"chooser_search": name} if as_search else {})
                response = client.post(case.action(context), data)
                assert response.status_code in (200, 400), (case, name, as_search, response.status_code)
                # What was typed is shown again, without the NUL.
                assert "\x00" not in response.content.decode(), (case, name, as_search)
    assert kinds_seen == set(KINDS), "a registered chooser kind is used by no form above"


def test_a_search_reads_nul_as_a_space(member, organisation):
    """The search itself, whoever calls it: the JSON view's query string loses its NUL earlier (NulByteMiddleware)."""
    for kind in KINDS.values():
        assert search(kind, user=member, term="\x00\x00") == [], kind.name
    assert search(KINDS["organisationen"], user=member, term="Stadt\x00Essen") == [organisation]
