"""Each add-on installs alone, with its dependencies and demo data, on an empty database, and
the installation logs no warning (missing access rules, deprecated view syntax and the like);
the base add-ons pass their own tests without the add-ons above them (a counsellor's rights,
say, must not come from mrc_jobs); mrc_jobs, which puts triggers on core tables, uninstalls
without leaving them behind."""

import re
import socket
import sys

import pytest

from conftest import run_command, run_odoo

LOG_PROBLEM = re.compile(r"^\S+ \S+ \d+ (WARNING|ERROR|CRITICAL) ", re.MULTILINE)


@pytest.mark.parametrize(
    "addon", ["mrc_recruiters", "mrc_skills", "mrc_jobs", "mrc_cases", "mrc_reporting"]
)
def test_addon_installs_alone_without_warning(mrcctl, scratch_db, addon, tmp_path):
    """Installing one add-on on an empty database succeeds and logs no warning or error; the
    base add-ons' own tests pass there."""
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
    if addon == "mrc_jobs":
        _check_mrc_jobs_uninstalls_cleanly(mrcctl, scratch_db)
    else:
        _check_own_tests_pass_alone(mrcctl, scratch_db, addon, tmp_path)


def _check_own_tests_pass_alone(mrcctl, db, addon, tmp_path):
    """Run the add-on's tests on the database holding it alone, in a separate process with
    its own HTTP port (this process already serves the suite's database)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = tmp_path / "alone.conf"
    base = (mrcctl.ROOT / "config/test.conf").read_text(encoding="utf-8")
    config.write_text(base.replace("[options]", f"[options]\nhttp_port = {port}", 1), "utf-8")
    code, output = run_command(
        mrcctl,
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            f"--odoo-database={db}",
            f"--odoo-config={config}",
            "--odoo-http",
            f"addons/{addon}/tests",
        ],
        timeout=1500,
    )
    assert code == 0, f"{addon}'s tests fail without the add-ons above it:\n" + (output[-4000:])
    assert " passed" in output.splitlines()[-1], f"{addon}: no test ran:\n{output[-2000:]}"


def _database_leftovers(mrcctl, db):
    """The matching cache's objects outside the ORM: triggers, functions, change log."""
    triggers = mrcctl.pg(
        "SELECT tgname FROM pg_trigger WHERE tgname LIKE 'mrc\\_match\\_%%'", dbname=db
    )
    functions = mrcctl.pg(
        "SELECT proname FROM pg_proc WHERE proname LIKE 'mrc\\_match\\_log%%'", dbname=db
    )
    (table,) = mrcctl.pg("SELECT to_regclass('mrc_match_change')::text", dbname=db)
    return [row[0] for row in triggers + functions] + [name for name in table if name]


def _check_mrc_jobs_uninstalls_cleanly(mrcctl, db):
    """Uninstalling mrc_jobs removes its triggers on hr_candidate, hr_job and the rest, their
    functions and the change log; the core tables stay writable."""
    assert len(_database_leftovers(mrcctl, db)) > 10, "the matching triggers were not installed"
    script = (
        "env['ir.module.module'].search([('name', '=', 'mrc_jobs')])"
        ".button_immediate_uninstall()\n"
        "env.cr.commit()\n"
    )
    command = mrcctl.odoo_cmd(
        "config/test.conf", "-d", db, "--no-http", "--log-level=warn", subcommand="shell"
    )
    code, output = run_command(mrcctl, command, stdin=script)
    assert code == 0, f"uninstalling mrc_jobs failed:\n{output[-3000:]}"
    (state,) = mrcctl.pg("SELECT state FROM ir_module_module WHERE name = 'mrc_jobs'", dbname=db)
    assert state == ("uninstalled",), f"mrc_jobs is {state[0]} after uninstall:\n{output[-2000:]}"
    leftovers = _database_leftovers(mrcctl, db)
    assert not leftovers, f"mrc_jobs left behind: {leftovers}"
    mrcctl.pg("UPDATE hr_job SET name = name", dbname=db)
    mrcctl.pg("UPDATE hr_candidate SET partner_name = partner_name", dbname=db)
