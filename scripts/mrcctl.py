#!/usr/bin/env python3
"""Set up, run and test MRC Jobs against an installed Odoo 18.0.

The Makefile's targets call this script; it finds Odoo (an importable ``odoo`` package, or the
source folder named by ``ODOO_PATH``), checks PostgreSQL (libpq's ``PG*`` variables), and runs
Odoo with ``odoo.conf`` (or ``config/test.conf`` for the tests).

Each failure of the environment prints one line starting with ``mrc:`` and exits with 2.
"""

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ADDONS = ["mrc_recruiters", "mrc_skills", "mrc_jobs"]
DEMO_LOGINS = [
    ("admin", "admin", "Administrator"),
    ("manager", "manager", "MRC manager (all roles, configuration, M&E)"),
    ("counsellor", "counsellor", "Employment counsellor"),
    ("liaison", "liaison", "Employer-liaison officer"),
    ("officer", "officer", "Complaints officer"),
    ("maria", "maria", "Migrant (portal user)"),
]


def die(message):
    print(f"mrc: {message}", flush=True)
    sys.exit(2)


def odoo_env():
    """Environment for Odoo subprocesses: ODOO_PATH first on PYTHONPATH when given."""
    env = dict(os.environ)
    odoo_path = env.get("ODOO_PATH")
    if odoo_path:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [odoo_path, env.get("PYTHONPATH")]))
    return env


def check_odoo():
    """Return Odoo's version string, or stop with one line saying what is missing."""
    probe = (
        "import odoo.release as r; "
        "print(r.version_info[0], r.serie, r.version_info[5] if len(r.version_info) > 5 else '')"
    )
    try:
        out = subprocess.run(
            [sys.executable, "-c", probe],
            env=odoo_env(),
            capture_output=True,
            text=True,
            check=False,
            cwd="/",
        )
    except OSError as exc:  # pragma: no cover - interpreter missing
        die(f"cannot start Python ({exc})")
    if out.returncode != 0:
        die(
            "Odoo 18.0 is not installed for "
            f"{sys.executable}: install Odoo 18.0 Community or set ODOO_PATH to its source folder"
        )
    major, serie = out.stdout.split()[:2]
    if major != "18":
        die(f"Odoo {serie} found, MRC Jobs needs Odoo 18.0 (set ODOO_PATH to an 18.0 source)")
    return serie


def pg_dsn():
    host = os.environ.get("PGHOST", "")
    port = os.environ.get("PGPORT", "5432")
    user = os.environ.get("PGUSER", "")
    return host, port, user


def check_postgres():
    import psycopg2

    host, port, user = pg_dsn()
    try:
        conn = psycopg2.connect(dbname="postgres", connect_timeout=5)
    except psycopg2.Error as exc:
        reason = str(exc).strip().splitlines()[0]
        die(
            f"PostgreSQL is not reachable (host={host or 'local socket'} port={port} "
            f"user={user or os.environ.get('USER', 'current user')}): {reason}"
        )
    conn.close()


def pg(sql, *params, dbname="postgres", autocommit=True):
    import psycopg2

    conn = psycopg2.connect(dbname=dbname)
    conn.autocommit = autocommit
    try:
        with conn.cursor() as cr:
            cr.execute(sql, params)
            return cr.fetchall() if cr.description else None
    finally:
        conn.close()


def db_exists(name):
    return bool(pg("SELECT 1 FROM pg_database WHERE datname = %s", name))


def drop_db(name):
    if not db_exists(name):
        return
    pg(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        "WHERE datname = %s AND pid <> pg_backend_pid()",
        name,
    )
    pg(f'DROP DATABASE "{name}"')
    filestore = Path(os.environ.get("HOME", "/root")) / ".local/share/Odoo/filestore" / name
    shutil.rmtree(filestore, ignore_errors=True)


def pip_install():
    if os.environ.get("MRC_SKIP_PIP"):
        return
    cmd = [sys.executable, "-m", "pip", "install", "-q", "-r", str(ROOT / "requirements.txt")]
    out = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if out.returncode != 0:
        sys.stderr.write(out.stdout + out.stderr)
        die("installing requirements.txt failed (see pip's output above)")


def ensure_chromium():
    """Browser tests need Debian's chromium: install it when missing (as root), else stop."""
    names = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
    if any(shutil.which(name) for name in names):
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("mrc: installing Debian's chromium for the browser tests", flush=True)
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        for cmd in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "chromium"]):
            subprocess.run(cmd, env=env, capture_output=True, check=False)
    if not any(shutil.which(name) for name in names):
        die("chromium is missing for the browser tests: install Debian's chromium package")


def odoo_cmd(config, *args):
    addons_path = [str(ROOT / "addons")]
    extra = os.environ.get("ODOO_ADDONS_PATH")
    if extra:
        addons_path.append(extra)
    odoo_path = os.environ.get("ODOO_PATH")
    if odoo_path and (Path(odoo_path) / "addons" / "web").is_dir():
        addons_path.append(str(Path(odoo_path) / "addons"))
    return [
        sys.executable,
        "-m",
        "odoo",
        "-c",
        str(ROOT / config),
        f"--addons-path={','.join(addons_path)}",
        *args,
    ]


def run_odoo(config, *args, check=True):
    out = subprocess.run(odoo_cmd(config, *args), env=odoo_env(), cwd=ROOT, check=False)
    if check and out.returncode != 0:
        die(f"Odoo exited with {out.returncode} ({' '.join(args)})")
    return out.returncode


def install(db, config, modules, extra=()):
    run_odoo(config, "-d", db, "-i", ",".join(modules), "--stop-after-init", *extra)


def cmd_check(_args):
    serie = check_odoo()
    check_postgres()
    print(f"mrc: Odoo {serie} and PostgreSQL found")


def cmd_run(args):
    check_odoo()
    check_postgres()
    pip_install()
    db = args.db
    if args.reset:
        print(f"mrc: dropping database {db}", flush=True)
        drop_db(db)
    if db_exists(db):
        print(f"mrc: reusing database {db} (make run RESET=1 starts afresh)", flush=True)
    else:
        print(f"mrc: creating database {db} with the MRC add-ons and demo data", flush=True)
        install(db, "odoo.conf", ADDONS, ["--log-level=warn"])
    url = f"http://localhost:{args.port}"
    print(f"\nMRC Jobs runs on {url} (database {db}). Demo logins (password = login):")
    for login, password, role in DEMO_LOGINS:
        print(f"  {login:<11} {password:<11} {role}")
    print("Stop with Ctrl+C.\n", flush=True)
    os.execvpe(
        sys.executable,
        odoo_cmd("odoo.conf", "-d", db, f"--db-filter=^{db}$", f"--http-port={args.port}"),
        odoo_env(),
    )


def cmd_test(args):
    check_odoo()
    check_postgres()
    pip_install()
    ensure_chromium()
    status = 0
    if not args.no_lint:
        status = lint()
    db = f"mrc_test_{os.getpid()}"
    drop_db(db)
    try:
        print(f"mrc: installing {', '.join(ADDONS)} with demo data into {db}", flush=True)
        install(db, "config/test.conf", ADDONS)
        pytest_args = [
            sys.executable,
            "-m",
            "pytest",
            f"--odoo-database={db}",
            f"--odoo-config={ROOT / 'config/test.conf'}",
            "--odoo-http",
            *args.pytest_args,
        ]
        if not any(not a.startswith("-") for a in args.pytest_args):
            pytest_args += ["addons", "tests"]
        env = odoo_env()
        env["MRC_TEST_DB"] = db
        code = subprocess.run(pytest_args, env=env, cwd=ROOT, check=False).returncode
        if code == 5:
            print("mrc: pytest collected no test, which counts as a failure", flush=True)
        status = status or code
    finally:
        drop_db(db)
    return status


def lint():
    """ruff, ruff-format and pylint-odoo over addons/ (and ruff over tests/), zero findings."""
    steps = [
        [sys.executable, "-m", "ruff", "check", "addons", "tests", "scripts"],
        [sys.executable, "-m", "ruff", "format", "--check", "addons", "tests", "scripts"],
        [
            sys.executable,
            "-m",
            "pylint",
            "--rcfile=.pylintrc",
            # readme/*.md fragments document the add-ons (OCA layout); no generated README.rst
            "--disable=missing-readme",
            *[f"addons/{name}" for name in ADDONS],
        ],
    ]
    status = 0
    for step in steps:
        print(f"mrc: {' '.join(step[2:4])}", flush=True)
        code = subprocess.run(step, cwd=ROOT, env=odoo_env(), check=False).returncode
        status = status or code
    if status:
        print("mrc: lint found problems (see above)", flush=True)
    return status


def cmd_lint(_args):
    return lint()


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check").set_defaults(func=cmd_check)
    run = sub.add_parser("run")
    run.add_argument("--db", default=os.environ.get("MRC_DB", "mrc_demo"))
    run.add_argument("--port", default=os.environ.get("MRC_PORT", "8069"))
    run.add_argument("--reset", action="store_true")
    run.set_defaults(func=cmd_run)
    test = sub.add_parser("test")
    test.add_argument("--no-lint", action="store_true")
    test.add_argument("pytest_args", nargs=argparse.REMAINDER)
    test.set_defaults(func=cmd_test)
    sub.add_parser("lint").set_defaults(func=cmd_lint)
    args = parser.parse_args()
    sys.exit(args.func(args) or 0)


if __name__ == "__main__":
    main()
