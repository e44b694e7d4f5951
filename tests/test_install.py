"""Each add-on installs alone, with its dependencies and demo data, on an empty database, and
the installation logs no warning (missing access rules, deprecated view syntax and the like);
mrc_jobs, which puts triggers on core tables, uninstalls without leaving them behind."""

import re
import subprocess

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
    if addon == "mrc_jobs":
        _check_mrc_jobs_uninstalls_cleanly(mrcctl, scratch_db)


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
    command = mrcctl.odoo_cmd("config/test.conf", "-d", db, "--no-http", "--log-level=warn")
    command.insert(3, "shell")  # python -m odoo shell -c ...
    proc = subprocess.run(
        command,
        input=script,
        env=mrcctl.odoo_env(),
        cwd=mrcctl.ROOT,
        capture_output=True,
        text=True,
        timeout=1200,
        check=False,
    )
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, f"uninstalling mrc_jobs failed:\n{output[-3000:]}"
    (state,) = mrcctl.pg("SELECT state FROM ir_module_module WHERE name = 'mrc_jobs'", dbname=db)
    assert state == ("uninstalled",), f"mrc_jobs is {state[0]} after uninstall:\n{output[-2000:]}"
    leftovers = _database_leftovers(mrcctl, db)
    assert not leftovers, f"mrc_jobs left behind: {leftovers}"
    mrcctl.pg("UPDATE hr_job SET name = name", dbname=db)
    mrcctl.pg("UPDATE hr_candidate SET partner_name = partner_name", dbname=db)
