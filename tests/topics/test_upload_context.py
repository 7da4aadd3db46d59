"""Uploads keep their context: adding a document from a group presets that group and group-only visibility;
the document page names and links the groups it belongs to."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import PDF_BYTES, WorkingGroupFactory, make_document
from topics.models import Document

pytestmark = pytest.mark.django_db


def _chosen_label(html: str) -> str:
    select = re.search(r'<select name="label".*?</select>', html, re.S).group(0)
    chosen = re.search(r'<option value="(\w+)" selected>', select)
    return chosen.group(1) if chosen else ""


def test_adding_from_a_group_presets_the_group_and_group_only_visibility(client, member, group):
    client.force_login(member)
    group_page = client.get(reverse("group_detail", args=[group.slug])).content.decode()
    link = f"{reverse('document_upload')}?gruppe={group.pk}"
    assert f'href="{link}"' in group_page

    form = client.get(link).content.decode()
    assert _chosen_label(form) == "group"
    assert f'name="groups" value="{group.pk}" id="id_groups_{group.pk}" checked>' in form
    assert f'href="{reverse("group_detail", args=[group.slug])}"' in form  # the way back

    data = {"title": "Protokoll", "label": "group", "category": "other", "language": "de", "year": "2026",
            "groups": [group.pk], "file": SimpleUploadedFile("protokoll.pdf", PDF_BYTES)}  # fmt: skip
    assert client.post(link, data).status_code == 302
    document = Document.objects.get(title="Protokoll")
    assert document.label == "group" and list(document.groups.all()) == [group]


def test_a_group_the_person_may_not_file_for_is_not_preset(client, member):
    other = WorkingGroupFactory(name="Fremde Gruppe", slug="fremde-gruppe")
    client.force_login(member)
    form = client.get(f"{reverse('document_upload')}?gruppe={other.pk}").content.decode()
    assert f'name="groups" value="{other.pk}"' not in form and _chosen_label(form) != "group"
    assert client.get(f"{reverse('document_upload')}?gruppe=keine").status_code == 200


def test_the_document_page_names_and_links_its_groups(client, member, group):
    document = make_document(label="group", groups=[group], title="Lagebild")
    client.force_login(member)
    page = client.get(reverse("document_detail", args=[document.pk])).content.decode()
    assert f'<a href="{reverse("group_detail", args=[group.slug])}">{group.name}</a>' in page
