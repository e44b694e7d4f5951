"""Each add-on installs alone, with its dependencies and demo data, on an empty database, and
the installation logs no warning (missing access rules, deprecated view syntax and the like)."""

import re

import pytest

from conftest import run_odoo

LOG_PROBLEM = re.compile(r"^\S+ \S+ \d+ (WARNING|ERROR|CRITICAL) ", re.MULTILINE)


@pytest.mark.parametrize("addon", ["mrc_recruiters", "mrc_skills", "mrc_jobs"])
def test_addon_installs_alone_without_warning(mrcctl, scratch_db, addon):
    """Installing one add-on on an empty database succeeds and logs no warning or error."""
    code, output = run_odoo(
        mrcctl,
        "config/test.conf",
        "-d",
        scratch_db,
        "-i",
        addon,
        "--stop-after-init",
        "--log-level=warn",
    )
    problems = [line for line in output.splitlines() if LOG_PROBLEM.match(line)]
    assert code == 0, f"installing {addon} failed:\n{output[-3000:]}"
    assert not problems, f"installing {addon} logged:\n" + "\n".join(problems[:20])
