"""The secretariat's desk ("Heute zu tun") on the admin start page.

Each app offers its kinds of pending work in a ``desk.py`` (``members/desk.py``,
``topics/desk.py``…), the way apps contribute digest sections. Every kind is a
queryset holding exactly the items of one filtered admin list, the link to that list,
and the admin view permission of its model: what a person may not see in the admin
is not counted for them. All counts are taken in one query, however many kinds there
are and however much data they hold.
"""

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db import connection
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from defus.models import OutboxTask

DESKS = (
    "members.desk.pending",
    "topics.desk.pending",
    "assemblies.desk.pending",
    "funding.desk.pending",
    "circulars.desk.pending",
    "mail.desk.pending",
    "publicsite.desk.pending",
    "practices.desk.pending",
    "defus.desk.pending",
)


@dataclass
class Pending:
    key: str
    label: str
    queryset: QuerySet  # exactly the items of the linked list
    url: str  # the admin list, filtered to those items
    permission: str  # the admin view permission of the list's model
    # Said beside the count when there is something to do (e.g. a date); may read one row.
    note: Callable[[], str] | None = None


@dataclass
class Line:
    pending: Pending
    count: int
    note: str = ""


def changelist(model, **params) -> str:
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    return f"{url}?{urlencode(params)}" if params else url


def count_all(querysets: list[QuerySet]) -> list[int]:
    """COUNT(*) of each queryset, all in one query: ``SELECT (SELECT COUNT(*) FROM (…)), …``."""
    if not querysets:
        return []
    parts, params = [], []
    for number, queryset in enumerate(querysets):
        sql, query_params = queryset.order_by().values("pk").query.sql_with_params()
        # SQL compiled by Django from the querysets; every value stays a parameter.
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) desk_{number})")  # noqa: S608
        params.extend(query_params)
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        return [int(value) for value in cursor.fetchone()]


def work_queue(user, *, now=None) -> list[Line]:
    """The kinds of pending work ``user`` may see in the admin, each with its count."""
    now = now or timezone.now()
    offered = [pending for path in DESKS for pending in import_string(path)(now=now)]
    visible = [pending for pending in offered if user.has_perm(pending.permission)]
    counts = count_all([pending.queryset for pending in visible])
    return [
        Line(pending, count, pending.note() if count and pending.note else "")
        for pending, count in zip(visible, counts, strict=True)
    ]


# --- The project's own: tasks kept while the broker was down ----------------------------


def pending(*, now) -> list[Pending]:
    return [
        Pending(
            key="outbox",
            label=_("Emails and tasks waiting to be sent"),
            queryset=OutboxTask.objects.all(),
            url=changelist(OutboxTask),
            permission="defus.view_outboxtask",
        )
    ]
