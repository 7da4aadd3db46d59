"""Every form of the portal, fed hostile and random text: never a server error.

A POST is either accepted (a redirect) or answered with the form and its error messages;
a filter (GET) shows its page. Raised exceptions surface as failures with the example
that caused them (the test client re-raises them).
"""

import os
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from members.models import Invitation
from tests.factories import PDF_BYTES
from tests.security.strategies import hostile_fields, hostile_text
from tests.security.world import build_world

pytestmark = pytest.mark.django_db

# Modest by default to keep the suite fast; HYPOTHESIS_EXAMPLES=200 for a deeper run.
EXAMPLES = int(os.environ.get("HYPOTHESIS_EXAMPLES", "10"))
ERROR_MARKERS = ("is-invalid", "invalid-feedback", "errorlist", "alert-danger", "errornote")
FORM, ACTION, FILTER = "form", "action", "filter"


@dataclass(frozen=True)
class Case:
    name: str
    persona: str  # member, colleague (organises the poll), other_member, secretariat, invited, anonymous
    url: object  # world -> url
    fields: tuple[str, ...]
    kind: str = FORM
    method: str = "post"
    upload: str = ""  # name of a file field to send a small PDF in


CASES = [
    Case(
        "profile",
        "member",
        lambda w: reverse("profile_edit"),
        (
            "profile-first_name",
            "profile-last_name",
            "profile-position",
            "profile-phone",
            "profile-language",
            "profile-level",
            "consent-show_position",
            "consent-show_email",
        ),
    ),
    Case("thread", "member", lambda w: reverse("thread_create", args=[w.group.slug]), ("title", "body")),
    Case("reply", "member", lambda w: reverse("thread_detail", args=[w.group.slug, w.thread.pk]), ("body",)),
    Case("post_edit", "member", lambda w: reverse("post_edit", args=[w.thread.posts.first().pk]), ("body",)),
    Case(
        "document_upload",
        "member",
        lambda w: reverse("document_upload"),
        ("title", "description", "label", "category", "language", "year", "organisation", "groups", "event"),
        upload="file",
    ),
    Case("document_version", "member", lambda w: reverse("document_add_version", args=[w.document.pk]), (), ACTION),
    Case("inquiry", "member", lambda w: reverse("inquiry_create"), ("title", "question", "deadline", "group")),
    Case("inquiry_answer", "member", lambda w: reverse("inquiry_detail", args=[w.inquiry.pk]), ("text",)),
    Case(
        "event_register", "member", lambda w: reverse("event_register", args=[w.event.pk]), ("action", "show"), ACTION
    ),
    Case(
        "poll",
        "member",
        lambda w: reverse("poll_create"),
        ("title", "description", "location", "duration_hours", "group", "invitees", "date_1", "date_2", "date_3"),
    ),
    Case("poll_answer", "member", lambda w: reverse("poll_detail", args=[w.poll.pk]), ("option",), ACTION),
    Case("poll_close", "colleague", lambda w: reverse("poll_close", args=[w.poll.pk]), ("option",), ACTION),
    Case(
        "exchange_offer",
        "member",
        lambda w: reverse("exchange_list"),
        ("theme", "what_to_see", "possible_dates", "place", "language"),
    ),
    Case(
        "exchange_request",
        "other_member",
        lambda w: reverse("exchange_detail", args=[w.offer.pk]),
        ("preferred_date", "message"),
    ),
    Case(
        "funding_interest",
        "member",
        lambda w: reverse("call_detail", args=[w.call.pk]),
        ("role", "contact", "internal_deadline", "note", "looking_for_partners", "offers", "needs", "partners"),
    ),
    Case("funding_withdraw", "member", lambda w: reverse("call_detail", args=[w.call.pk]), ("action",), ACTION),
    Case("group_membership", "member", lambda w: reverse("group_membership", args=[w.group.slug]), ("action",), ACTION),
    Case("erase_account", "member", lambda w: reverse("my_data_erase"), ("password",)),
    Case("set_language", "member", lambda w: reverse("set_language"), ("language", "next"), ACTION),
    Case(
        "thread_moderate",
        "secretariat",
        lambda w: reverse("thread_moderate", args=[w.group.slug, w.thread.pk]),
        ("action",),
        ACTION,
    ),
    Case(
        "post_hide",
        "secretariat",
        lambda w: reverse("post_hide", args=[w.thread.posts.first().pk]),
        ("action", "reason"),
        ACTION,
    ),
    Case("attendance", "secretariat", lambda w: reverse("event_attendance", args=[w.event.pk]), ("attended",), ACTION),
    Case(
        "admin_invitation", "secretariat", lambda w: reverse("admin:members_invitation_add"), ("email", "organisation")
    ),
    Case("login", "anonymous", lambda w: reverse("account_login"), ("login", "password")),
    Case("password_reset", "anonymous", lambda w: reverse("account_reset_password"), ("email",)),
    Case(
        "signup", "invited", lambda w: reverse("account_signup"), ("first_name", "last_name", "password1", "password2")
    ),
    Case(
        "directory_filter",
        "member",
        lambda w: reverse("organisation_list"),
        ("q", "kind", "federal_state", "efus", "page"),
        FILTER,
        "get",
    ),
    Case(
        "library_filter",
        "member",
        lambda w: reverse("library"),
        ("q", "group", "label", "category", "language", "year", "page"),
        FILTER,
        "get",
    ),
    Case(
        "event_filter",
        "member",
        lambda w: reverse("event_list"),
        ("kind", "group", "organisation", "zeit", "page"),
        FILTER,
        "get",
    ),
    Case(
        "call_filter",
        "member",
        lambda w: reverse("call_list"),
        ("programme", "status", "group", "mine", "within", "export", "page"),
        FILTER,
        "get",
    ),
    Case("partner_search", "member", lambda w: reverse("partner_search"), ("page",), FILTER, "get"),
]


@pytest.fixture
def world(member):
    return build_world(member=member)


def _sign_in(client, case, world, secretariat, other_member):
    if case.persona == "other_member":
        client.force_login(other_member)
    elif case.persona == "member":
        client.force_login(world.member)
    elif case.persona == "colleague":
        client.force_login(world.colleague)
    elif case.persona == "secretariat":
        client.force_login(secretariat)
    elif case.persona == "invited":
        invitation = Invitation.objects.create(
            email="eingeladen@example.org", organisation=world.member.organisation, expires_at=world.event.start
        )
        client.get(reverse("invitation_accept", args=[invitation.token]))


def _check(case, response):
    status = response.status_code
    assert status < 500
    if case.kind == FORM:
        # 400: a request the parser refuses outright (e.g. a file name over the header limit).
        assert status in (200, 302, 400), status
        if status == 200:
            html = response.content.decode()
            assert any(marker in html for marker in ERROR_MARKERS), "a refused form must say why"
    elif case.kind == FILTER:
        assert status in (200, 302), status
    if status in (301, 302, 303):
        # Never sent off-site, whatever "next" says.
        location = urlsplit(response["Location"])
        assert location.netloc in ("", "testserver") and location.scheme in ("", "http"), response["Location"]


def _multipart(fields: dict, *, file_name: str) -> tuple[bytes, str]:
    """A multipart body with a PDF under a raw, unsanitised file name (the test client would strip paths)."""
    boundary = "defus-hostile-boundary"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode() + value.encode() + b"\r\n"
        for name, value in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="'.encode()
        + file_name.encode()
        + b'"\r\nContent-Type: application/pdf\r\n\r\n'
        + PDF_BYTES
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_hostile_input_never_causes_a_server_error(client, world, secretariat, other_member, case, data):
    client.logout()
    _sign_in(client, case, world, secretariat, other_member)
    fields = dict(data.draw(hostile_fields(*case.fields), label="fields"))
    if case.name == "poll_answer":
        fields = {f"option-{option.pk}": fields["option"] for option in world.poll.options.all()}
    url = case.url(world)
    if case.method == "get":
        response = client.get(url, fields)
    else:
        if case.upload or case.name == "document_version":
            name = data.draw(hostile_text, label="file name")
            body, content_type = _multipart(fields, file_name=name)
            response = client.post(url, body, content_type=content_type)
        else:
            response = client.post(url, fields)
    _check(case, response)
