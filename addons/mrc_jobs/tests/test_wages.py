"""Pure wage comparison of the minimum-wage rule: plain pytest functions, no database."""

import pytest

from odoo.addons.mrc_jobs.lib.wages import below_minimum, hourly_rate


def test_hourly_rate_of_each_period():
    """A day is 8 hours and a month 52/12 weeks of the job's working week."""
    assert hourly_rate(10, "hour") == 10
    assert hourly_rate(80, "day") == 10
    assert hourly_rate(400, "week", 40) == 10
    assert hourly_rate(52 * 40 * 10 / 12, "month", 40) == pytest.approx(10)


def test_missing_hours_default_to_forty():
    """Without hours a week, the week counts 40 hours."""
    assert hourly_rate(400, "week", None) == hourly_rate(400, "week", 40)
    assert hourly_rate(400, "week", 0) == 10


def test_unknown_period_is_refused():
    """An unknown period raises instead of guessing."""
    with pytest.raises(ValueError):
        hourly_rate(10, "fortnight")


def test_monthly_wage_below_a_daily_minimum_with_long_hours():
    """9,000 a month over 48-hour weeks pays less than 350 a day (43.75 an hour)."""
    assert below_minimum(9000, "month", 350, "day", 48)


def test_wage_equal_to_minimum_is_not_below():
    """Paying exactly the minimum is allowed."""
    assert not below_minimum(1700, "month", 1700, "month", 48)
    assert not below_minimum(7.25, "hour", 7.25, "hour", 40)


def test_wage_a_cent_short_is_below():
    """A wage short of the minimum by more than rounding is below it."""
    assert below_minimum(7.23, "hour", 7.25, "hour", 40)
