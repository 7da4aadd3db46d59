"""Official post is not a newsletter (issue 26): a circular reaches everyone in its audience by email whatever
their digest setting; only the person's choice "official post in the portal only, not by email" stops the email,
and then the admin's preview says exactly that. It comes from the secretariat's address, where replies land."""

import datetime
import re
from html import unescape

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext

from circulars.models import CircularDelivery
from circulars.services import circular_send
from kernel import letters
from mail.official import not_by_email_note, official_recipients, portal_only
from members.forms import InvitedSignupForm
from members.models import ConsentRecord, User
from tests.factories import CircularFactory, UserFactory
from tests.helpers import pinned_clock

pytestmark = pytest.mark.django_db

CHOSEN_AT = datetime.datetime(2026, 3, 2, 9, 30, tzinfo=datetime.UTC)
# The people and offices of every test here are made a week before that, whatever day the suite runs.
_clock = pinned_clock(CHOSEN_AT - datetime.timedelta(days=7))


@pytest.fixture
def quiet(organisation):
    """A member who never ticked the weekly digest (unticked at sign-up, as it must be)."""
    return UserFactory(
        email="ina.koch@example.org",
        organisation=organisation,
        digest="off",
        salutation="Frau",
        title="Dr.",
        first_name="Ina",
        last_name="Koch",
    )


def _send(circular, actor, capture):
    with capture(execute=True):
        circular_send(circular=circular, actor=actor)
    return {message.to[0]: message for message in mail.outbox}


def _profile(client, **overrides):
    data = {
        "profile-salutation": "Frau",
        "profile-title": "Dr.",
        "profile-first_name": "Ina",
        "profile-last_name": "Koch",
        "profile-language": "de",
        "profile-level": "working",
        **overrides,
    }
    return client.post(reverse("profile_edit"), {key: value for key, value in data.items() if value is not None})


def test_a_member_with_the_digest_off_gets_a_circular_by_email_and_with_portal_only_she_does_not(
    client, secretariat, member, quiet, django_capture_on_commit_callbacks
):
    first = CircularFactory(title="Haushalt 2027", audience="all")
    sent = _send(first, secretariat, django_capture_on_commit_callbacks)
    assert quiet.email in sent and member.email in sent

    # Her own choice, in her profile: official post in the portal only.
    with time_machine.travel(CHOSEN_AT, tick=False):
        client.force_login(quiet)
        assert _profile(client, **{"official-portal_only": "on"}).status_code == 302
    quiet.refresh_from_db()
    assert quiet.official_post_portal_only_since == CHOSEN_AT

    mail.outbox.clear()
    second = CircularFactory(title="Satzungsänderung", audience="all")
    sent = _send(second, secretariat, django_capture_on_commit_callbacks)
    assert quiet.email not in sent and member.email in sent
    assert not CircularDelivery.objects.filter(circular=second, person=quiet).exists()

    # The preview says exactly why she gets no email, and nothing about unsubscribing.
    client.force_login(secretariat)
    page = client.get(reverse("admin:circulars_circular_preview", args=[second.pk]), {"email": quiet.email})
    html = page.content.decode()
    with translation.override("de"):
        note = not_by_email_note(quiet)
        assert date_format(localtime(CHOSEN_AT), "DATE_FORMAT") in note
    assert note and note in unescape(html)
    assert "abbestellt" not in html and "unsubscribed" not in html and "turned email off" not in html


def test_the_preview_says_nothing_of_the_kind_for_a_member_with_the_digest_off(client, secretariat, quiet):
    circular = CircularFactory(audience="all")
    client.force_login(secretariat)
    html = client.get(reverse("admin:circulars_circular_preview", args=[circular.pk]), {"email": quiet.email})
    assert not_by_email_note(quiet) == ""
    page = html.content.decode()
    with translation.override("de"):
        chose = gettext("This person chose official post in the portal only, not by email (on %(date)s): ")
    assert chose.split("(")[0] not in page and "turned email off" not in page


def test_the_send_page_counts_those_who_chose_the_portal_only(client, secretariat, member, quiet):
    quiet.official_post_portal_only_since = CHOSEN_AT
    quiet.save()
    circular = CircularFactory(audience="all")
    client.force_login(secretariat)
    page = client.get(reverse("admin:circulars_circular_send", args=[circular.pk]))
    assert page.context["by_email"] == page.context["audience_count"] - 1
    assert page.context["archive_only"] == 1


def test_a_circular_is_official_post_from_the_secretariat_opening_with_her_salutation(
    settings, secretariat, quiet, django_capture_on_commit_callbacks
):
    sent = _send(CircularFactory(audience="all"), secretariat, django_capture_on_commit_callbacks)
    message = sent[quiet.email]
    assert message.extra_headers["From"] == settings.OFFICIAL_FROM_EMAIL
    assert message.reply_to == [settings.OFFICIAL_FROM_EMAIL]
    assert settings.IMPRESSUM["email"] in settings.OFFICIAL_FROM_EMAIL  # the secretariat's own address
    with translation.override(quiet.language):
        salutation = letters.salutation(quiet)
    lines = [line for line in message.body.splitlines() if line.strip()]
    assert lines[1] == salutation  # after the subject line (the circular's title)


def test_one_function_answers_who_gets_official_post_by_email(member, quiet, other_member):
    quiet.official_post_portal_only_since = CHOSEN_AT
    quiet.save()
    gone = UserFactory(email="gone@example.org", is_active=False)
    audience = User.objects.filter(pk__in=[member.pk, quiet.pk, other_member.pk, gone.pk])
    assert set(official_recipients(audience)) == {member, other_member}
    assert list(portal_only(audience)) == [quiet]
    # A list of loaded people (an invitation's delegates and contacts) gets the same answer, in its own order.
    assert official_recipients([quiet, other_member, gone, member]) == [other_member, member]


def test_the_choice_is_recorded_with_its_date_and_withdrawn_as_easily(client, quiet):
    with time_machine.travel(CHOSEN_AT, tick=False):
        client.force_login(quiet)  # signed in on that day: a session outlives only its twelve hours
        _profile(client, **{"official-portal_only": "on"})
        page = client.get(reverse("profile_edit")).content.decode()
    checkbox = re.search(r'<input[^>]*name="official-portal_only"[^>]*>', page).group(0)
    assert "checked" in checkbox
    with translation.override("de"):
        assert date_format(localtime(CHOSEN_AT), "DATE_FORMAT") in page  # since when, on the profile
    later = CHOSEN_AT + datetime.timedelta(days=30)
    with time_machine.travel(later, tick=False):
        client.force_login(quiet)
        _profile(client)
    quiet.refresh_from_db()
    assert quiet.official_post_portal_only_since is None
    history = ConsentRecord.objects.filter(person=quiet, subject="official_post_portal_only").order_by("recorded_at")
    assert [(record.granted, record.recorded_at) for record in history] == [(True, CHOSEN_AT), (False, later)]


def test_the_secretariat_records_the_choice_in_the_admin_on_the_persons_word(client, secretariat, quiet):
    url = reverse("admin:members_user_change", args=[quiet.pk])
    data = {
        "mandates-TOTAL_FORMS": "0",
        "mandates-INITIAL_FORMS": "0",
        "salutation": "Herr",
        "title": "Prof. Dr.",
        "first_name": "Ingo",
        "last_name": "Koch",
        "position": "",
        "phone": "",
        "organisation": quiet.organisation_id,
        "level": "working",
        "language": "de",
        "official_post_portal_only": "on",
        "is_active": "on",
    }
    with time_machine.travel(CHOSEN_AT, tick=False):
        client.force_login(secretariat)
        form = client.get(url).context["adminform"].form
        assert {"salutation", "title", "official_post_portal_only"} <= set(form.fields)
        response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    quiet.refresh_from_db()
    assert (quiet.salutation, quiet.title) == ("Herr", "Prof. Dr.")
    assert quiet.official_post_portal_only_since == CHOSEN_AT
    assert ConsentRecord.objects.get(person=quiet, subject="official_post_portal_only").granted
    with translation.override("en"):
        assert letters.salutation(quiet) == "Dear Mr Prof Dr Koch,"


def test_the_digest_settings_and_the_sign_up_cover_the_weekly_overview_only(client, member):
    client.force_login(member)
    page = client.get(reverse("digest_preferences")).content.decode()
    with translation.override("de"):
        help_text = str(InvitedSignupForm.base_fields["digest"].help_text)
        settings_text = gettext(
            "This covers the weekly overview only: once a week, what is new in your working groups, coming events "
            "and EU funding calls. Official post of the association reaches you by email whatever you choose here."
        )
        signup_text = gettext(
            "This covers the weekly overview only: once a week, what is new in your working groups, coming "
            "events and EU funding calls. You can unsubscribe at any time with one click. Official post of the "
            "association (circulars, invitations to the members' meeting) reaches you by email in any case."
        )
    assert settings_text in page.replace("&#x27;", "'")
    assert help_text == signup_text
