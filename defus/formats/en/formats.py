"""English dates as in the German UI, long in lists and dashboards: "30 November 2026", "30 November 2026 14:30"."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y H:i"
TIME_FORMAT = "H:i"
