"""Prefork mode as `make run WORKERS=...` and production start it: Odoo started through the
launcher the project uses keeps one gevent (websocket) process alive. Started as
``python -m odoo``, the gevent process died at once ("attempted relative import with no known
parent package") and the server restarted it many times a second."""

import os
import signal
import socket
import subprocess
import time
import urllib.request

import psutil

from conftest import run_odoo

STEADY_S = 30


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _gevent_processes(server):
    """Live descendants of the server started as its gevent process."""
    found = []
    for child in server.children(recursive=True):
        try:
            if child.status() != psutil.STATUS_ZOMBIE and "gevent" in child.cmdline():
                found.append(child.pid)
        except psutil.NoSuchProcess:
            continue
    return found


def _wait_for_login(port, timeout=180):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/web/login", timeout=10) as page:
                if page.status == 200:
                    return True
        except OSError:
            time.sleep(1)
    return False


def test_prefork_keeps_one_gevent_process(mrcctl, scratch_db, tmp_path):
    """With --workers=2 the server serves the login page and has exactly one gevent process,
    the same one, for 30 seconds."""
    code, output = run_odoo(
        mrcctl,
        "config/test.conf",
        "-d",
        scratch_db,
        "-i",
        "base",
        "--without-demo=all",
        "--stop-after-init",
    )
    assert code == 0, f"initialising {scratch_db} failed:\n{output[-3000:]}"
    http_port, gevent_port = _free_port(), _free_port()
    log = tmp_path / "prefork.log"
    console = tmp_path / "prefork.out"  # what dies before logging starts (gevent's imports)
    command = mrcctl.odoo_cmd(
        "config/test.conf",
        "-d",
        scratch_db,
        f"--db-filter=^{scratch_db}$",
        "--workers=2",
        "--max-cron-threads=0",
        f"--http-port={http_port}",
        f"--gevent-port={gevent_port}",
        f"--logfile={log}",
        "--log-level=info",
    )
    with console.open("wb") as out:
        proc = subprocess.Popen(
            command,
            env=mrcctl.odoo_env(),
            cwd=mrcctl.ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        served = _wait_for_login(http_port)
        server = psutil.Process(proc.pid)
        first = _gevent_processes(server)
        time.sleep(STEADY_S)
        later = _gevent_processes(server)
        text = "".join(
            path.read_text(encoding="utf-8", errors="replace")
            for path in (log, console)
            if path.exists()
        )
        assert served, f"the prefork server did not serve /web/login:\n{text[-3000:]}"
        assert len(first) == 1, f"expected one gevent process, found {first}:\n{text[-3000:]}"
        assert later == first, (
            f"the gevent process did not stay up: {first} then {later} after {STEADY_S} s "
            f"({text.count('Traceback')} tracebacks logged):\n{text[-3000:]}"
        )
        assert "attempted relative import" not in text, f"gevent failed:\n{text[-3000:]}"
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
