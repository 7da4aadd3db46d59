"""Every URL name, requested as every persona, answers as the bylaws say.

A new URL name without an entry here fails the test, so no page escapes review.
"""

import datetime

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from events.models import ExchangeOffer
from events.polls import poll_create
from funding.models import Call, Programme
from tests.conftest import PERSONAS
from tests.factories import (
    CircularFactory,
    EventFactory,
    ResolutionFactory,
    UserFactory,
    WorkingGroupFactory,
    make_document,
    make_sent_circular,
    make_thread,
)
from tests.practices.factories import matrix_practices
from tests.urls_helper import portal_url_names, sample_kwargs
from topics.inquiries import inquiry_create

LOGIN = "login"  # 302 to the login page
OK, REDIRECT, FORBIDDEN, NOT_FOUND, POST_ONLY, GONE = 200, 302, 403, 404, 405, 410

# url name: (anonymous, signed-in member, person whose organisation left).
EXPECTED = {
    "home": (OK, OK, OK),
    "impressum": (OK, OK, OK),
    "datenschutz": (OK, OK, OK),
    "barrierefreiheit": (OK, OK, OK),
    # The public face (issue 31): members with their map, position papers and their feed, joining, Leichte Sprache.
    "public_members": (OK, OK, OK),
    "position_papers": (OK, OK, OK),
    "position_feed": (OK, OK, OK),
    "membership_apply": (OK, OK, OK),
    "membership_confirm": (NOT_FOUND, NOT_FOUND, NOT_FOUND),
    "leichte_sprache": (OK, OK, OK),
    "healthz": (OK, OK, OK),
    "dashboard": (LOGIN, OK, FORBIDDEN),
    # The choosers' search (JSON): for people with member access only.
    "chooser_search": (LOGIN, OK, FORBIDDEN),
    "organisation_list": (LOGIN, OK, FORBIDDEN),
    "organisation_detail": (LOGIN, OK, FORBIDDEN),
    "person_detail": (LOGIN, OK, FORBIDDEN),
    "bodies": (LOGIN, OK, FORBIDDEN),
    "profile_edit": (LOGIN, OK, FORBIDDEN),
    # Meine Daten stays open to everyone with an account (Art. 15, 17, 20 GDPR).
    "my_data": (LOGIN, OK, OK),
    "my_data_download": (LOGIN, OK, OK),
    "my_data_erase": (LOGIN, POST_ONLY, POST_ONLY),
    "digest_preferences": (LOGIN, OK, FORBIDDEN),
    "first_steps": (LOGIN, OK, FORBIDDEN),
    "first_steps_dismiss": (LOGIN, POST_ONLY, FORBIDDEN),
    "first_steps_restore": (LOGIN, POST_ONLY, FORBIDDEN),
    # Signed, not signed in: an invalid token is simply not found, whoever asks.
    "digest_unsubscribe": (NOT_FOUND, NOT_FOUND, NOT_FOUND),
    # A bouncing address: ask for a new link (signed in), then open it (signed link, no sign-in needed).
    "mail_confirm_address": (LOGIN, POST_ONLY, FORBIDDEN),
    "mail_address_confirmed": (NOT_FOUND, NOT_FOUND, NOT_FOUND),
    "group_list": (LOGIN, OK, FORBIDDEN),
    "group_detail": (LOGIN, OK, FORBIDDEN),
    "group_membership": (LOGIN, POST_ONLY, FORBIDDEN),
    "membership_approve": (LOGIN, POST_ONLY, FORBIDDEN),
    # Nobody is a member of the sample group, so nobody may start a discussion in it.
    "thread_create": (LOGIN, FORBIDDEN, FORBIDDEN),
    "thread_detail": (LOGIN, OK, FORBIDDEN),
    "thread_moderate": (LOGIN, POST_ONLY, FORBIDDEN),
    # Only the author (or a lead: the secretariat moderates every group) edits a post.
    "post_edit": (LOGIN, FORBIDDEN, FORBIDDEN),
    "post_hide": (LOGIN, POST_ONLY, FORBIDDEN),
    "library": (LOGIN, OK, FORBIDDEN),
    "document_upload": (LOGIN, OK, FORBIDDEN),
    # The sample document is for all members; its existence is not revealed to others.
    "document_detail": (LOGIN, OK, FORBIDDEN),
    "document_add_version": (LOGIN, POST_ONLY, FORBIDDEN),
    "document_download": (NOT_FOUND, OK, NOT_FOUND),
    "document_version_download": (NOT_FOUND, OK, NOT_FOUND),
    "inquiry_list": (LOGIN, OK, FORBIDDEN),
    "inquiry_create": (LOGIN, OK, FORBIDDEN),
    "inquiry_detail": (LOGIN, OK, FORBIDDEN),
    "inquiry_csv": (LOGIN, OK, FORBIDDEN),
    "inquiry_keep": (LOGIN, POST_ONLY, FORBIDDEN),
    "event_list": (LOGIN, OK, FORBIDDEN),
    "event_calendar": (LOGIN, OK, FORBIDDEN),
    "event_calendar_month": (LOGIN, OK, FORBIDDEN),
    "event_detail": (LOGIN, OK, FORBIDDEN),
    "event_register": (LOGIN, POST_ONLY, FORBIDDEN),
    # Organisers (the secretariat, or office holders of the organising organisation) only.
    "event_participants_csv": (LOGIN, FORBIDDEN, FORBIDDEN),
    "event_attendance": (LOGIN, POST_ONLY, FORBIDDEN),
    "event_ics": (LOGIN, OK, FORBIDDEN),
    # The feed's secret token is its only credential; an unknown token finds nothing.
    "calendar_feed": (NOT_FOUND, NOT_FOUND, NOT_FOUND),
    "calendar_feed_renew": (LOGIN, POST_ONLY, FORBIDDEN),
    # Public events (the sample event is public) and guests: no sign-in; a guest's links carry their secret.
    "public_event_list": (OK, OK, OK),
    "public_event_detail": (OK, OK, OK),
    "public_event_ics": (OK, OK, OK),
    "guest_confirm": (NOT_FOUND, NOT_FOUND, NOT_FOUND),
    "guest_registration": (NOT_FOUND, NOT_FOUND, NOT_FOUND),
    "guest_details": (NOT_FOUND, NOT_FOUND, NOT_FOUND),
    "guest_certificate": (NOT_FOUND, NOT_FOUND, NOT_FOUND),
    "certificate_verify": (OK, OK, OK),
    # The door list and badges are for organisers; a certificate only for a member marked present.
    "event_door": (LOGIN, FORBIDDEN, FORBIDDEN),
    "event_badges": (LOGIN, FORBIDDEN, FORBIDDEN),
    "event_certificate": (LOGIN, NOT_FOUND, FORBIDDEN),
    "poll_list": (LOGIN, OK, FORBIDDEN),
    "poll_create": (LOGIN, OK, FORBIDDEN),
    # Only the invited see a poll; the sample poll invites nobody but its organiser.
    "poll_detail": (LOGIN, NOT_FOUND, FORBIDDEN),
    "poll_close": (LOGIN, POST_ONLY, FORBIDDEN),
    "exchange_list": (LOGIN, OK, FORBIDDEN),
    "exchange_detail": (LOGIN, OK, FORBIDDEN),
    "exchange_decide": (LOGIN, POST_ONLY, FORBIDDEN),
    "call_list": (LOGIN, OK, FORBIDDEN),
    "call_detail": (LOGIN, OK, FORBIDDEN),
    "partner_search": (LOGIN, OK, FORBIDDEN),
    "deadlines_ics": (LOGIN, OK, FORBIDDEN),
    "meeting_list": (LOGIN, OK, FORBIDDEN),
    "meeting_detail": (LOGIN, OK, FORBIDDEN),
    # Preparing and convening: the board and the secretariat (overrides below); the supplement only after
    # the invitation went out (the sample meeting has none yet).
    "meeting_prepare": (LOGIN, FORBIDDEN, FORBIDDEN),
    "meeting_edit": (LOGIN, FORBIDDEN, FORBIDDEN),
    "meeting_invite": (LOGIN, FORBIDDEN, FORBIDDEN),
    "meeting_supplement": (LOGIN, FORBIDDEN, FORBIDDEN),
    "meeting_attendance": (LOGIN, POST_ONLY, FORBIDDEN),
    "meeting_proxy": (LOGIN, POST_ONLY, FORBIDDEN),
    "proxy_withdraw": (LOGIN, POST_ONLY, FORBIDDEN),
    # Unsigned minutes are a draft for the chair, the minute-taker and the secretariat.
    "meeting_minutes": (LOGIN, FORBIDDEN, FORBIDDEN),
    "meeting_sign": (LOGIN, POST_ONLY, FORBIDDEN),
    "resolution_detail": (LOGIN, OK, FORBIDDEN),
    "resolution_vote": (LOGIN, POST_ONLY, FORBIDDEN),
    "resolution_record": (LOGIN, POST_ONLY, FORBIDDEN),
    "resolution_close": (LOGIN, POST_ONLY, FORBIDDEN),
    "resolution_consent": (LOGIN, POST_ONLY, FORBIDDEN),
    "lagebild": (LOGIN, OK, FORBIDDEN),
    # The sample kwargs name the member's own city (it has a municipality key there).
    "lagebild_city": (LOGIN, OK, FORBIDDEN),
    "annual_report": (LOGIN, OK, FORBIDDEN),
    "annual_report_pdf": (LOGIN, OK, FORBIDDEN),
    # People of a member city (the sample organisation has a key) and the secretariat record surveys.
    "survey_create": (LOGIN, OK, FORBIDDEN),
    # The sample circular went to all members.
    "circular_list": (LOGIN, OK, FORBIDDEN),
    "circular_detail": (LOGIN, OK, FORBIDDEN),
    # The practice register: the sample entries are of the member's city (published, a draft, one under review).
    # The list and the exports are public (public entries only for visitors); the sample entry is members-only.
    "practice_list": (OK, OK, OK),
    "practice_export": (OK, OK, OK),
    "practice_export_csv": (OK, OK, OK),
    "practice_create": (LOGIN, OK, FORBIDDEN),
    "practice_detail": (LOGIN, OK, FORBIDDEN),
    # A draft: its city's people and the secretariat; nobody else learns it exists.
    "practice_edit": (LOGIN, OK, FORBIDDEN),
    "practice_submit": (LOGIN, POST_ONLY, FORBIDDEN),
    "practice_uptake": (LOGIN, POST_ONLY, FORBIDDEN),
    # Rated by the secretariat and by board members or working-group leads of other cities; its own city may not.
    "practice_review": (LOGIN, FORBIDDEN, FORBIDDEN),
    "set_language": (POST_ONLY, POST_ONLY, POST_ONLY),
    "invitation_accept": (GONE, GONE, GONE),
    # The link to approve a change of one's address: an invalid one is gone, whoever asks.
    "address_change_review": (GONE, GONE, GONE),
    "account_signup": (OK, REDIRECT, REDIRECT),
    "account_login": (OK, REDIRECT, REDIRECT),
    "account_logout": (REDIRECT, OK, OK),
    "account_inactive": (OK, OK, OK),
    "account_reauthenticate": (LOGIN, OK, OK),
    "account_email": (LOGIN, OK, OK),
    "account_email_verification_sent": (OK, OK, OK),
    "account_change_password": (LOGIN, OK, OK),
    "account_set_password": (LOGIN, REDIRECT, REDIRECT),
    "account_reset_password": (OK, OK, OK),
    "account_confirm_login_code": (REDIRECT, REDIRECT, REDIRECT),
    "account_confirm_email": (OK, OK, OK),
    "account_reset_password_from_key_done": (OK, OK, OK),
    "account_reset_password_from_key": (OK, OK, OK),
    "account_reset_password_done": (OK, OK, OK),
    "mfa_index": (LOGIN, OK, OK),
    "mfa_authenticate": (REDIRECT, REDIRECT, REDIRECT),
    "mfa_reauthenticate": (LOGIN, REDIRECT, REDIRECT),
    # Setting up a second factor asks for the password again first.
    "mfa_activate_totp": (LOGIN, REDIRECT, REDIRECT),
    "mfa_deactivate_totp": (LOGIN, NOT_FOUND, NOT_FOUND),
    "mfa_view_recovery_codes": (LOGIN, NOT_FOUND, NOT_FOUND),
    "mfa_generate_recovery_codes": (LOGIN, REDIRECT, REDIRECT),
    "mfa_download_recovery_codes": (LOGIN, NOT_FOUND, NOT_FOUND),
}


# Where one persona differs from its column.
OVERRIDES = {
    ("event_participants_csv", "secretariat"): OK,
    ("event_door", "secretariat"): OK,
    ("event_badges", "secretariat"): OK,
    ("poll_detail", "secretariat"): OK,
    ("meeting_minutes", "secretariat"): OK,
    **{
        (name, persona): OK
        for name in ("meeting_prepare", "meeting_edit", "meeting_invite")
        for persona in ("board", "secretariat")
    },
    # Their organisation (Stadt Köln in the fixtures) has no municipality key.
    ("survey_create", "other_member"): FORBIDDEN,
    ("survey_create", "board"): FORBIDDEN,
    ("survey_create", "lead_not_member"): FORBIDDEN,
    ("survey_create", "auditor"): FORBIDDEN,
    **{("practice_edit", persona): NOT_FOUND for persona in ("other_member", "board", "lead_not_member", "auditor")},
    **{(name, "secretariat"): OK for name in ("practice_edit", "practice_review")},
    **{("practice_review", persona): OK for persona in ("board", "lead_not_member")},
    **{("practice_review", persona): NOT_FOUND for persona in ("other_member", "auditor")},
}


def test_every_url_name_is_in_the_matrix():
    assert sorted(set(portal_url_names()) - set(EXPECTED)) == []
    assert sorted(set(EXPECTED) - set(portal_url_names())) == []


@pytest.mark.django_db
def test_each_url_answers_each_persona_as_expected(client, persona, organisation):
    name, user = persona
    column = 0 if user is None else (2 if name == "left_member" else 1)
    if user is not None:
        client.force_login(user)
    author = UserFactory(organisation=organisation)
    soon = timezone.now() + datetime.timedelta(days=5)
    group = WorkingGroupFactory()
    kwargs = sample_kwargs(
        organisation=organisation,
        person=author,
        group=group,
        thread=make_thread(group=group, author=author),
        document=make_document(label="members", groups=[group]),
        event=EventFactory(
            title="Treffen",
            kind="webinar",
            start=timezone.now() + datetime.timedelta(days=5),
            end=timezone.now() + datetime.timedelta(days=5, hours=2),
            is_public=True,
        ),
        poll=poll_create(
            organiser=author, title="Termin", invitees=[author], starts=[soon, soon + datetime.timedelta(days=1)]
        ),
        offer=ExchangeOffer.objects.create(
            host=organisation, theme="T", what_to_see="W", possible_dates="D", place="P"
        ),
        call=Call.objects.create(
            identifier="ISF-X", title_en="Call", programme=Programme.objects.create(code="isf", name="ISF")
        ),
        inquiry=inquiry_create(
            author=author, title="Frage", question="?", deadline=timezone.now() + datetime.timedelta(days=3)
        ),
        resolution=(ballot := ResolutionFactory()),
        meeting=ballot.meeting,
        circular=make_sent_circular(),
        practices=matrix_practices(organisation),
    )
    failures = []
    for url_name in portal_url_names():
        response = client.get(reverse(url_name, kwargs=kwargs.get(url_name)))
        expected = OVERRIDES.get((url_name, name), EXPECTED[url_name][column])
        if expected == LOGIN:
            ok = response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
        else:
            ok = response.status_code == expected
        if not ok:
            failures.append(f"{url_name}: got {response.status_code}, expected {expected}")
    assert failures == [], f"{name}: {failures}"


# Admin: the secretariat and the board work there; nobody else does.
ADMIN_ACCESS = {"secretariat": OK, "board": OK}
# Tasks kept for the broker are the secretariat's alone.
ADMIN_OVERRIDES = {("board", "defus_outboxtask"): FORBIDDEN}


def _admin_pages():
    urls = [reverse("admin:index")]
    for model in admin.site._registry:
        if model._meta.app_label in {
            "members",
            "topics",
            "events",
            "funding",
            "assemblies",
            "analyses",
            "circulars",
            "fees",
            "defus",
        }:
            urls.append(reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"))
    # The circulars' own pages: preview and sending.
    circular = CircularFactory()
    urls += [reverse(f"admin:circulars_circular_{page}", args=[circular.pk]) for page in ("preview", "send")]
    return urls


@pytest.mark.django_db
@pytest.mark.parametrize("name", PERSONAS)
def test_admin_access_follows_offices(client, request, name):
    user = None if name == "anonymous" else request.getfixturevalue(name)
    if user is not None:
        client.force_login(user)
    urls = _admin_pages()
    assert len(urls) > 6
    for url in urls:
        if user is None:
            response = client.get(url)
            assert response.status_code == 302, url
        else:
            # Signed in without the office: the admin's login step answers 403.
            response = client.get(url, follow=True)
            key = "_".join(url.strip("/").split("/")[1:3])
            expected = ADMIN_OVERRIDES.get((name, key), ADMIN_ACCESS.get(name, 403))
            assert response.status_code == expected, (name, url, response.status_code)
