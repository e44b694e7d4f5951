"""queue_job's test helpers for the MRC tests: ``trap_jobs`` (assert the jobs queued, then
perform them) and ``perform_all``.

queue_job 18.0.4.1.2.2's ``tests/common.py`` registers its patcher in
``odoo.tests.common.SETATTR_SOURCES``, which Odoo 18.0 builds from before mid-2025 do not have
(the import fails there). An empty registry is given to those builds first; newer builds keep
theirs."""

from odoo.tests import common as odoo_test_common

if not hasattr(odoo_test_common, "SETATTR_SOURCES"):
    odoo_test_common.SETATTR_SOURCES = {}

from odoo.addons.queue_job.tests.common import trap_jobs


def perform_all(trap, rounds=10):
    """Perform the trapped jobs, and the jobs they queue, until none is left."""
    for _round in range(rounds):
        if not trap.enqueued_jobs:
            return
        trap.perform_enqueued_jobs()
    raise AssertionError("jobs keep queueing jobs")


__all__ = ["perform_all", "trap_jobs"]
