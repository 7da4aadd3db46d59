"""The Leitweg-ID moves from the billing details onto the organisation (members 0014): copied, then removed here."""

from django.db import migrations


def copy_to_organisation(apps, schema_editor):
    BillingDetails = apps.get_model("fees", "BillingDetails")
    Organisation = apps.get_model("members", "Organisation")
    for billing in BillingDetails.objects.exclude(leitweg_id="").only("organisation_id", "leitweg_id"):
        Organisation.objects.filter(pk=billing.organisation_id).update(leitweg_id=billing.leitweg_id)


def copy_back(apps, schema_editor):
    BillingDetails = apps.get_model("fees", "BillingDetails")
    Organisation = apps.get_model("members", "Organisation")
    for organisation in Organisation.objects.exclude(leitweg_id="").only("pk", "leitweg_id"):
        BillingDetails.objects.update_or_create(
            organisation_id=organisation.pk, defaults={"leitweg_id": organisation.leitweg_id}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("fees", "0001_billing_invoices_reminders"),
        ("members", "0014_leitweg_id_on_the_organisation"),
    ]

    operations = [
        migrations.RunPython(copy_to_organisation, copy_back),
        migrations.RemoveField(model_name="billingdetails", name="leitweg_id"),
    ]
