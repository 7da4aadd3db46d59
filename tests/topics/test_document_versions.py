"""Issue 20: earlier versions do not become public with a document; only those responsible replace it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from members.models import Role
from tests.factories import (
    PDF_BYTES,
    MandateFactory,
    MembershipFactory,
    UserFactory,
    WorkingGroupFactory,
    make_document,
)
from topics.services import document_add_version

pytestmark = pytest.mark.django_db


def _pdf():
    return SimpleUploadedFile("neu.pdf", PDF_BYTES, content_type="application/pdf")


def test_earlier_versions_stay_with_members_when_a_document_is_made_public(client, member):
    document = make_document(label="members", uploaded_by=member)
    document_add_version(document=document, upload=_pdf(), uploaded_by=member)
    type(document).objects.filter(pk=document.pk).update(label="public")
    assert client.get(reverse("document_download", args=[document.pk])).status_code == 200
    assert client.get(reverse("document_version_download", args=[document.pk, 2])).status_code == 200
    assert client.get(reverse("document_version_download", args=[document.pk, 1])).status_code == 404
    client.force_login(member)
    assert client.get(reverse("document_version_download", args=[document.pk, 1])).status_code == 200


def test_only_those_responsible_replace_a_public_document(member, organisation, secretariat):
    group = WorkingGroupFactory()
    colleague = UserFactory(email="kollege@example.org", organisation=organisation)
    lead = UserFactory(email="leitung@example.org")
    MandateFactory(role=Role.WORKING_GROUP_LEAD, person=lead, working_group=group)
    MembershipFactory(group=group, person=member)  # documents are filed for groups one works in
    public = make_document(label="public", groups=[group], uploaded_by=member, organisation=organisation)
    internal = make_document(label="members", groups=[group], uploaded_by=member, organisation=organisation)
    assert not colleague.has_perm("topics.add_version", public)
    assert colleague.has_perm("topics.add_version", internal)
    for responsible in (member, lead, secretariat):
        assert responsible.has_perm("topics.add_version", public)
