"""The secretariat's desk ("Heute zu tun") on the admin start page.

Each app offers its kinds of pending work in a ``desk.py`` (``members/desk.py``,
``topics/desk.py``…), declared as ``desk`` on its AppConfig (kernel/contributions.py) and
collected by the shell (``defus.desk.work_queue``); this is the type they offer. Every kind is a
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
