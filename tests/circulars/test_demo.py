import pytest
from dateutil.relativedelta import relativedelta
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from circulars.models import Circular, CircularDelivery
from members.models import User

pytestmark = pytest.mark.django_db


def test_the_demo_has_one_circular_sent_last_month_to_all_and_one_draft(client):
    call_command("seed_demo")
    call_command("seed_demo")  # idempotent
    sent = Circular.objects.get(status="sent")
    assert sent.audience == "all"
    last_month = timezone.localdate() - relativedelta(months=1)
    assert (timezone.localtime(sent.sent_at).year, timezone.localtime(sent.sent_at).month) == (
        last_month.year,
        last_month.month,
    )
    assert Circular.objects.filter(status="draft").count() == 1
    # Recorded as delivered, without mail sent by the seed.
    assert mail.outbox == []
    deliveries = CircularDelivery.objects.filter(circular=sent)
    assert deliveries.exists() and set(deliveries.values_list("status", flat=True)) == {"sent"}
    member = User.objects.get(email="mitglied@defus.example")
    assert deliveries.filter(person=member).exists()
    client.force_login(member)
    assert sent.title in client.get(reverse("circular_list")).content.decode()
