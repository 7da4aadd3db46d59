"""Import of the EU Funding & Tenders portal export, and status derived from the deadlines."""

import datetime
import json
import zoneinfo

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from funding.importer import import_calls
from funding.models import Call
from funding.selectors import calls

pytestmark = pytest.mark.django_db
BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")


def _record(identifier, language="en", status="31094502", deadlines=("2027-01-14T00:00:00.000+0000",), **extra):
    metadata = {
        "identifier": [identifier],
        "title": [f"Title {language}"],
        "status": [status],
        "startDate": ["2026-09-15T00:00:00.000+0000"],
        "deadlineDate": list(deadlines),
        "deadlineModel": [extra.pop("model", "single-stage")],
        "typesOfAction": ["ISF Action Grants"],
    }
    metadata.update(extra)
    return {
        "reference": identifier,
        "url": f"https://portal.example/{identifier}",
        "language": language,
        "metadata": metadata,
    }


def _export():
    overview = {
        "budgetTopicActionMap": {
            "123": [
                {"action": "ISF-2026-TF2-AG-DRUGS - Drugs", "budgetYearMap": {"2026": 5000000, "2027": 3000000},
                 "minContribution": 500000, "maxContribution": 3000000, "expectedGrants": 4},
                {"action": "ISF-2026-TF2-AG-PROTECT-02 - Protect", "budgetYearMap": {"2026": 15000000}},
            ]
        }
    }  # fmt: skip
    return {
        "totalResults": 5,
        "results": [
            # The same call in German and English, disagreeing on status: English wins, status is derived anyway.
            _record("ISF-2026-TF2-AG-DRUGS", "de", status="31094503", budgetOverview=[json.dumps(overview)]),
            _record("ISF-2026-TF2-AG-DRUGS", "en", status="31094502", budgetOverview=[json.dumps(overview)]),
            _record(
                "INTERREG-NWE-6",
                model="two-stage",
                deadlines=("2026-11-19T11:00:00.000+0000", "2027-05-06T10:00:00.000+0000"),
            ),
            _record("ERASMUS-EDU-2027-PCOOP-ENGO", deadlines=("2027-03-04T11:00:00.000+0000",)),
            _record("CERV-BROKEN", deadlines=("next spring",)),
        ],
    }


def test_import_creates_updates_and_reports():
    report = import_calls(_export())
    assert sorted(report.created) == ["ERASMUS-EDU-2027-PCOOP-ENGO", "INTERREG-NWE-6", "ISF-2026-TF2-AG-DRUGS"]
    assert report.skipped == [("CERV-BROKEN", "unreadable date 'next spring'")]
    assert not Call.objects.filter(identifier="CERV-BROKEN").exists()  # never half-written
    drugs = Call.objects.get(identifier="ISF-2026-TF2-AG-DRUGS")
    assert drugs.title_en == "Title en" and drugs.programme.code == "isf"
    # Only this call's own actions count, not the sibling topic's.
    assert drugs.budget == 8_000_000 and drugs.grant_max == 3_000_000 and drugs.expected_grants == 4
    interreg = Call.objects.get(identifier="INTERREG-NWE-6")
    assert interreg.deadline_model == "two-stage" and interreg.deadlines.count() == 2
    # Importing the same file again changes nothing.
    again = import_calls(_export())
    assert again.created == [] and again.updated == [] and len(again.unchanged) == 3


def test_a_changed_record_is_updated():
    import_calls(_export())
    changed = _export()
    changed["results"][1]["metadata"]["deadlineDate"] = ["2027-02-11T00:00:00.000+0000"]
    report = import_calls(changed)
    assert report.updated == ["ISF-2026-TF2-AG-DRUGS"]
    deadline = Call.objects.get(identifier="ISF-2026-TF2-AG-DRUGS").deadlines.get()
    assert deadline.local == datetime.datetime(2027, 2, 11, 17, 0, tzinfo=BRUSSELS)


@pytest.mark.parametrize(
    ("identifier", "local_deadline"),
    [
        ("ISF-2026-TF2-AG-DRUGS", datetime.datetime(2027, 1, 14, 17, 0, tzinfo=BRUSSELS)),
        ("ERASMUS-EDU-2027-PCOOP-ENGO", datetime.datetime(2027, 3, 4, 12, 0, tzinfo=BRUSSELS)),
    ],
)
def test_a_call_closes_exactly_at_its_deadline_in_brussels(identifier, local_deadline):
    import_calls(_export())
    with time_machine.travel(local_deadline - datetime.timedelta(seconds=1), tick=False):
        assert calls().get(identifier=identifier).state == "open"
    with time_machine.travel(local_deadline, tick=False):
        assert calls().get(identifier=identifier).state == "closed"


def test_the_command_reports(tmp_path, capsys):
    path = tmp_path / "export.json"
    path.write_text(json.dumps(_export()), encoding="utf-8")
    call_command("import_funding_calls", str(path))
    out = capsys.readouterr().out
    assert "created: 3" in out and "skipped CERV-BROKEN" in out


def test_list_sorted_by_next_deadline_and_detail_in_both_time_zones(client, member):
    import_calls(_export())
    client.force_login(member)
    with time_machine.travel(datetime.datetime(2026, 10, 1, 9, 0, tzinfo=BRUSSELS), tick=False):
        client.force_login(member)
        html = client.get(reverse("call_list")).content.decode()
        assert html.index("INTERREG-NWE-6") < html.index("ISF-2026-TF2-AG-DRUGS") < html.index("ERASMUS-EDU")
        erasmus = Call.objects.get(identifier="ERASMUS-EDU-2027-PCOOP-ENGO")
        detail = client.get(reverse("call_detail", args=[erasmus.pk])).content.decode()
        assert "Europe/Brussels" in detail and "12:00" in detail and "noch" in detail


def test_the_secretariat_imports_an_upload_in_the_admin(client, secretariat, django_capture_on_commit_callbacks):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from funding.models import ImportRun

    client.force_login(secretariat)
    upload = SimpleUploadedFile("export.json", json.dumps(_export()).encode(), content_type="application/json")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("admin:funding_importrun_add"), {"file": upload})
    assert response.status_code == 302
    run = ImportRun.objects.get()
    assert run.state == "done" and run.created == 3 and run.skipped == 1 and "CERV-BROKEN" in run.report
    assert run.uploaded_by == secretariat
    page = client.get(reverse("admin:funding_importrun_changelist")).content.decode()
    assert "done" in page or "Fertig" in page
