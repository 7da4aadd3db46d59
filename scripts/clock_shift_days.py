"""How many days ahead CI runs the suite a second time (TEST_CLOCK_SHIFT_DAYS).

At least 400 days, landing three days before summer time ends in Berlin (last Sunday of October), so that
data "in a week" lies across the change to winter time. Prints the number of days.
"""

import datetime

MINIMUM_DAYS = 400
DAYS_BEFORE_THE_CHANGE = 3


def end_of_summer_time(year: int) -> datetime.date:
    last_of_october = datetime.date(year, 10, 31)
    return last_of_october - datetime.timedelta(days=(last_of_october.weekday() + 1) % 7)  # back to Sunday


def shift_days(today: datetime.date) -> int:
    earliest = today + datetime.timedelta(days=MINIMUM_DAYS)
    year = earliest.year
    while (target := end_of_summer_time(year) - datetime.timedelta(days=DAYS_BEFORE_THE_CHANGE)) < earliest:
        year += 1
    return (target - today).days


if __name__ == "__main__":
    print(shift_days(datetime.date.today()))
