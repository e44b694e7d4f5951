"""Wage comparison for the minimum-wage rule (rule 1): no ORM, plain numbers.

Wages are quoted per hour, day, week or month. To compare two of them they are brought to an
hourly rate over the same working week: a day counts ``HOURS_PER_DAY`` hours, a month
``WEEKS_PER_MONTH`` weeks.
"""

WAGE_PERIODS = [
    ("hour", "Hour"),
    ("day", "Day"),
    ("week", "Week"),
    ("month", "Month"),
]

HOURS_PER_DAY = 8.0
WEEKS_PER_MONTH = 52.0 / 12.0
DEFAULT_HOURS_PER_WEEK = 40.0


def hourly_rate(amount: float, period: str, hours_per_week: float | None = None) -> float:
    """Return ``amount`` paid per ``period`` as an hourly rate.

    ``hours_per_week`` is the working week of the job (``DEFAULT_HOURS_PER_WEEK`` when not
    given or not positive). Raises ``ValueError`` on an unknown period.
    """
    hours = hours_per_week if hours_per_week and hours_per_week > 0 else DEFAULT_HOURS_PER_WEEK
    if period == "hour":
        return float(amount)
    if period == "day":
        return float(amount) / HOURS_PER_DAY
    if period == "week":
        return float(amount) / hours
    if period == "month":
        return float(amount) / (hours * WEEKS_PER_MONTH)
    raise ValueError(f"unknown wage period: {period!r}")


def below_minimum(
    amount: float,
    period: str,
    minimum_amount: float,
    minimum_period: str,
    hours_per_week: float | None = None,
) -> bool:
    """True when a wage pays less per hour than the minimum, over the job's working week.

    Both amounts must be in the same currency. A cent of tolerance absorbs rounding.
    """
    paid = hourly_rate(amount, period, hours_per_week)
    floor = hourly_rate(minimum_amount, minimum_period, hours_per_week)
    return paid + 0.005 < floor
