import pytest
from django.urls import reverse

from funding.demo import export
from funding.importer import import_calls
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db


def test_call_list_query_count_is_constant(client, member):
    data = export()
    client.force_login(member)
    import_calls({"results": data["results"][:2]})
    small = count_queries(client, reverse("call_list"))
    import_calls(data)
    assert count_queries(client, reverse("call_list")) == small
