"""Which working groups and documents a person may pick in a chooser (kernel/choosers.py): the kinds of this
app, declared as ``choosers`` on its AppConfig."""

from kernel.choosers import define
from topics.models import WorkingGroup
from topics.permissions import filing_groups
from topics.selectors import documents_visible_to


def _working_groups(*, user):
    return WorkingGroup.objects.filter(archived_at__isnull=True).order_by("name")


def _document_groups(*, user):
    return filing_groups(user).order_by("name")


def _documents(*, user):
    return documents_visible_to(user=user).order_by("title")


WORKING_GROUPS = define("arbeitsgruppen", queryset=_working_groups, search_fields=("name",), ordering=("name",))
DOCUMENT_GROUPS = define(
    "arbeitsgruppen-fuer-dokumente", queryset=_document_groups, search_fields=("name",), ordering=("name",)
)
DOCUMENTS = define("dokumente", queryset=_documents, search_fields=("title",), ordering=("title",))
