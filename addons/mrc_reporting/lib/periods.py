"""Labels of the M&E breakdowns that are pure computation: periods and age bands.

No Odoo import: the ORM side groups rows with ``_read_group`` and calls these on the grouped
keys only (a few hundred values), never on records.
"""

from datetime import date

# (lowest age, highest age or None, label); ages in whole years at the period's end.
AGE_BANDS: list[tuple[int, int | None, str]] = [
    (0, 17, "0-17"),
    (18, 24, "18-24"),
    (25, 34, "25-34"),
    (35, 44, "35-44"),
    (45, 54, "45-54"),
    (55, 64, "55-64"),
    (65, None, "65+"),
]
UNKNOWN = "unknown"


def period_label(day: date | None, granularity: str) -> str | bool:
    """The label of the period that starts on ``day``: 'YYYY-MM', 'YYYY-Qn' or 'YYYY'.

    ``granularity`` is ``month``, ``quarter`` or ``year``; ``False`` when ``day`` is empty.
    """
    if not day:
        return False
    if granularity == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if granularity == "quarter":
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    if granularity == "year":
        return f"{day.year:04d}"
    raise ValueError(f"Unknown period granularity {granularity!r}")


def age_at(birth_month: date | None, end: date) -> int | None:
    """Age in whole years on ``end`` of someone born in the month starting ``birth_month``.

    Birthdates are grouped by month, so everyone born in ``end``'s month counts as having had
    their birthday: exact when ``end`` is a month's last day (every period the reports use).
    """
    if not birth_month:
        return None
    age = end.year - birth_month.year
    if (birth_month.month, 1) > (end.month, 1):
        age -= 1
    return age


def age_band(age: int | None) -> str:
    """The label of the band holding ``age`` (``'unknown'`` when the age is not known)."""
    if age is None or age < 0:
        return UNKNOWN
    for low, high, label in AGE_BANDS:
        if age >= low and (high is None or age <= high):
            return label
    return UNKNOWN


def ratio(numerator: float, denominator: float) -> float:
    """A percentage rounded to one decimal; 0.0 when there is nothing to divide by."""
    if not denominator:
        return 0.0
    return round(100.0 * numerator / denominator, 1)
