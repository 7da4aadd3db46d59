"""Every PDF the portal makes for people to read is a tagged PDF (PDF/UA) with a title and the language German:
the annual report, the attendance certificate, the badges and the proxy form (issue 28)."""

import datetime
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from assemblies.notice_mail import proxy_form_pdf
from events.certificates import badges_pdf, certificate_for, certificate_pdf
from tests.factories import EventFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def assert_tagged_titled_german(content: bytes, title: str) -> None:
    reader = PdfReader(io.BytesIO(content))
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"].value is True  # tagged
    assert "/StructTreeRoot" in root and root["/StructTreeRoot"].get_object()["/K"]  # with a structure
    assert str(root["/Lang"]).startswith("de")
    assert title in (reader.metadata.title or "")
    assert root["/ViewerPreferences"]["/DisplayDocTitle"].value is True  # viewers show the title, not the file name


def test_the_annual_report(client, member):
    client.force_login(member)
    year = datetime.date.today().year - 1
    response = client.get(reverse("annual_report_pdf"), {"jahr": year})
    assert_tagged_titled_german(response.content, f"Jahresbericht {year}")


def test_the_certificate_and_the_badges(member):
    event = EventFactory(title="Fachtag Sichere Innenstadt")
    certificate = certificate_for(event=event, holder="member", name="Erika Muster", person=member)
    assert_tagged_titled_german(certificate_pdf(certificate=certificate), "Teilnahmebescheinigung")
    assert_tagged_titled_german(badges_pdf(event=event, participants=[member]), "Fachtag Sichere Innenstadt")


def test_the_proxy_form():
    meeting = MeetingFactory()
    assert_tagged_titled_german(proxy_form_pdf(meeting, "de"), "Stimmrechtsvollmacht – ")
