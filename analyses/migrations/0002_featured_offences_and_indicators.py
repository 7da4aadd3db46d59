"""The offences featured by default and the common survey indicators (statistics.md); the secretariat may change them."""

from django.db import migrations

FEATURED = [
    ("------", "Straftaten insgesamt", 10),
    ("435*00", "Wohnungseinbruchdiebstahl", 20),
    ("899000", "Straßenkriminalität", 30),
    ("220000", "Körperverletzung", 40),
]

INDICATORS = [
    ("unsafe-after-dark", "Fühlt sich nachts in der Wohngegend unsicher", "Feels unsafe in the neighbourhood after dark", 10),
    ("avoids-places", "Meidet bestimmte Orte", "Avoids certain places", 20),
    ("victimised-12-months", "Opfer einer Straftat in den letzten 12 Monaten", "Victim of a crime in the last 12 months", 30),
    ("satisfied-prevention", "Zufrieden mit der Präventionsarbeit der Stadt", "Satisfied with the city's prevention work", 40),
]


def forwards(apps, schema_editor):
    Offence = apps.get_model("analyses", "Offence")
    Indicator = apps.get_model("analyses", "Indicator")
    for key, name, position in FEATURED:
        Offence.objects.update_or_create(key=key, defaults={"name": name, "featured": True, "position": position})
    for key, name_de, name_en, position in INDICATORS:
        Indicator.objects.get_or_create(
            key=key, defaults={"name_de": name_de, "name_en": name_en, "unit": "percent", "position": position}
        )


class Migration(migrations.Migration):
    dependencies = [("analyses", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
