"""German dates: long in lists and dashboards ("30. November 2026"), short in tables and exports ("30.11.2026").

Django's German formats say the same; they are written here so the portal's choice is read in one place."""

DATE_FORMAT = "j. F Y"
DATETIME_FORMAT = "j. F Y H:i"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
TIME_FORMAT = "H:i"
