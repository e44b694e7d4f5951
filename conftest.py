"""Suite-wide pytest policy: a test that skips counts as a failure.

Odoo skips browser tests quietly when chromium or websocket-client is missing; MRC Jobs' test
command must never pass without having run them, so every skip is turned into a failure that
names its reason.
"""

import pytest


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"skipped tests count as failures in MRC Jobs: {reason}"
