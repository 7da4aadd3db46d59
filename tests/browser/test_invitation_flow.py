"""Invitation → sign-up → member of the right organisation, end to end in the browser."""

import re

import pytest
from django.core import mail
from django.core.management import call_command

from members.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_secretariat_invites_and_the_new_member_signs_up(new_page, signed_in, foreign_requests, live_server):
    call_command("seed_demo")
    base = live_server.url
    mail.outbox = []

    page = signed_in("sekretariat@defus.example")
    page.goto(f"{base}/admin/members/invitation/add/")
    page.fill("input[name=email]", "neu@stadt-leer.example")
    page.select_option("select[name=organisation]", label="Stadt Leer")
    page.click("input[name=_save]")
    page.wait_for_load_state()
    assert "/admin/members/invitation/" in page.url
    page.context.close()

    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/einladung/\S+/", mail.outbox[0].body).group(0)
    path = link.split("/einladung/")[1]

    page = new_page()
    page.goto(f"{base}/einladung/{path}")
    assert page.locator("input[name=email]").input_value() == "neu@stadt-leer.example"
    assert page.locator("input[name=email]").is_disabled()
    page.fill("input[name=first_name]", "Nele")
    page.fill("input[name=last_name]", "Neumann")
    page.fill("input[name=password1]", "ein-sicheres-passwort-2026")
    page.fill("input[name=password2]", "ein-sicheres-passwort-2026")
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    assert page.url.endswith("/dashboard/")
    assert "Stadt Leer" in page.locator("main").inner_text()
    page.context.close()
    assert foreign_requests == []

    user = User.objects.get(email="neu@stadt-leer.example")
    assert user.organisation.name == "Stadt Leer"
    assert user.invitation.accepted_at is not None
