#!/usr/bin/env python3
"""`make bootstrap-check`: a fresh machine's `make run`, from nothing to the login page.

Run by hand (it takes minutes, so `make test` leaves it out; pytest does not collect this file).
In a temporary copy of the checkout (the working tree's files that git tracks or does not
ignore), with:

- a clean interpreter first on PATH as ``python3``: a venv of the Python running this script,
  created without system site-packages, so ``import odoo`` (and psycopg2) really fail there;
  PYTHONPATH, ODOO_PATH and VIRTUAL_ENV are unset;
- ``ODOO_SOURCE`` = a local Odoo 18.0 copy (``--odoo-source``, else $ODOO_SOURCE, else the
  source folder of the Odoo this Python imports);
- PGHOST = an empty folder, so libpq finds no server (the machine's own server keeps running
  for everyone else) and `make run` must start its private cluster in ``.pgdata/``
  (``--system-postgres`` keeps libpq's usual server instead);

it runs ``make run`` until /web/login answers, stops it, runs ``make run`` again (everything
reused, no setup), runs ``make stop`` and checks the private cluster stopped. It prints the
time of each step and exits non-zero when one fails.
"""

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import mrc_bootstrap  # noqa: E402


def fail(message):
    print(f"bootstrap-check: FAILED: {message}", flush=True)
    sys.exit(1)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def default_source():
    found = mrc_bootstrap.probe(sys.executable)
    if found and found[0] == "18" and (Path(found[2]) / "setup.py").is_file():
        return found[2]
    return None


def copy_checkout(target):
    files = subprocess.run(
        ["git", "ls-files", "-z", "-co", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    for name in filter(None, (f.decode() for f in files)):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)


def login_page(port):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/web/login", timeout=10) as page:
            return page.status == 200 and b"login" in page.read()
    except OSError:
        return False


def serve_until_login(checkout, env, args, port, log, timeout):
    """Start `make run` and wait for the login page; return (seconds, output) after stopping
    it."""
    command = ["make", "run", f"DB={args.db}", f"PORT={port}"]
    started = time.monotonic()
    proc = subprocess.Popen(
        command,
        cwd=checkout,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    lines = []

    def pump():
        with log.open("a", encoding="utf-8") as out:
            for line in proc.stdout:
                lines.append(line)
                out.write(line)
                out.flush()
                if line.startswith(("mrc:", "MRC Jobs runs")):
                    print(f"  {time.monotonic() - started:6.0f} s  {line.rstrip()}", flush=True)

    reader = threading.Thread(target=pump, daemon=True)
    reader.start()
    answered = False
    try:
        while time.monotonic() - started < timeout and proc.poll() is None:
            if login_page(port):
                answered = True
                break
            time.sleep(2)
        elapsed = time.monotonic() - started
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        reader.join(timeout=10)
    output = "".join(lines)
    if not answered:
        fail(f"`{' '.join(command)}` never served /web/login (log {log}):\n{output[-4000:]}")
    return elapsed, output


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--odoo-source", default=os.environ.get("ODOO_SOURCE"))
    parser.add_argument("--db", default=f"mrc_bootstrap_check_{os.getpid()}")
    parser.add_argument("--port", type=int, default=0, help="HTTP port (default: a free one)")
    parser.add_argument("--timeout", type=int, default=3600, help="seconds for the first run")
    parser.add_argument("--system-postgres", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the temporary copy")
    args = parser.parse_args()
    source = args.odoo_source or default_source()
    if not source:
        fail("no local Odoo 18.0 source: pass --odoo-source or set ODOO_SOURCE")
    port = args.port or free_port()
    workdir = Path(tempfile.mkdtemp(prefix="mrc-bootstrap-"))
    workdir.chmod(0o755)  # as root, the private cluster's owner (postgres) must reach .pgdata/
    checkout = workdir / "checkout"
    checkout.mkdir()
    log = workdir / "make-run.log"
    env = dict(os.environ)
    total = time.monotonic()
    try:
        copy_checkout(checkout)
        clean = workdir / "python"
        subprocess.run([sys.executable, "-m", "venv", str(clean)], check=True)
        probe = subprocess.run(
            [clean / "bin" / "python3", "-c", "import odoo"], cwd="/", capture_output=True
        )
        if probe.returncode == 0:
            fail(f"{clean}/bin/python3 imports odoo: the check needs a Python without it")
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "ODOO_PATH")}
        env.pop("VIRTUAL_ENV", None)
        env.pop("MRC_IN_VENV", None)
        env["PATH"] = f"{clean / 'bin'}{os.pathsep}{env.get('PATH', '')}"
        env["ODOO_SOURCE"] = str(source)
        if not args.system_postgres:
            nopg = workdir / "no-server"
            nopg.mkdir()
            env["PGHOST"] = str(nopg)
            env.pop("PGPORT", None)
        print(f"bootstrap-check: copy in {checkout}, ODOO_SOURCE={source}, port {port}")
        first, output = serve_until_login(checkout, env, args, port, log, args.timeout)
        print(f"bootstrap-check: first `make run` served the login page after {first:.0f} s")
        if not (checkout / ".venv" / "bin" / "python").exists():
            fail("`make run` served without building .venv/")
        if "setting up Odoo 18.0 in .venv/" not in output:
            fail("the first `make run` did not set up .venv/")
        if not args.system_postgres and not (checkout / ".pgdata" / "data").is_dir():
            fail("`make run` did not start a private PostgreSQL in .pgdata/")
        second, output = serve_until_login(checkout, env, args, port, log, 900)
        print(f"bootstrap-check: second `make run` (reusing everything) after {second:.0f} s")
        if "setting up" in output or "creating database" in output:
            fail(f"the second `make run` set things up again:\n{output[-3000:]}")
        stop = subprocess.run(
            ["make", "stop"], cwd=checkout, env=env, capture_output=True, text=True, check=False
        )
        print(f"bootstrap-check: make stop: {stop.stdout.strip()}")
        if not args.system_postgres and (checkout / ".pgdata" / "data" / "postmaster.pid").exists():
            fail(f"`make stop` left the private PostgreSQL running:\n{stop.stdout}{stop.stderr}")
        print(f"bootstrap-check: passed in {time.monotonic() - total:.0f} s")
    finally:
        filestore = Path.home() / ".local/share/Odoo/filestore" / args.db
        shutil.rmtree(filestore, ignore_errors=True)
        if args.system_postgres:
            subprocess.run(["dropdb", "--if-exists", args.db], env=env, check=False)
        if args.keep:
            print(f"bootstrap-check: kept {workdir}")
        else:
            if (checkout / ".pgdata" / "data" / "postmaster.pid").exists():
                subprocess.run(["make", "stop"], cwd=checkout, env=env, check=False)
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
