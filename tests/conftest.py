"""Shared helpers for the suite-level tests (installation, end-to-end, portal, benchmarks)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))


@pytest.fixture(scope="session")
def mrcctl():
    """The project's control script as a module (database helpers, Odoo command line)."""
    import mrcctl as ctl

    return ctl


def run_command(ctl, command, stdin=None, timeout=1200):
    """Run ``command`` with the environment and folder the project runs Odoo with, feeding it
    ``stdin``; return (exit code, combined output)."""
    proc = subprocess.run(
        command,
        input=stdin,
        env=ctl.odoo_env(),
        cwd=ctl.ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    return proc.returncode, proc.stdout + proc.stderr


def run_odoo(ctl, config, *args, timeout=1200):
    """Run Odoo as the project does and return (exit code, combined output)."""
    return run_command(ctl, ctl.odoo_cmd(config, *args), timeout=timeout)


@pytest.fixture
def scratch_db(mrcctl):
    """An empty database name, dropped after the test."""
    name = f"mrc_scratch_{os.getpid()}"
    mrcctl.drop_db(name)
    yield name
    mrcctl.drop_db(name)


def pytest_terminal_summary(terminalreporter):
    """Print how many probes the through-the-door tests made (suite_case.count_probes)."""
    from suite_case import PROBE_COUNTS

    if not PROBE_COUNTS:
        return
    terminalreporter.section("MRC probes")
    for name, count in sorted(PROBE_COUNTS.items()):
        terminalreporter.write_line(f"{name}: {count}")
    terminalreporter.write_line(f"total: {sum(PROBE_COUNTS.values())}")
