#!/usr/bin/env python3
"""Set up, run and test MRC Jobs on Odoo 18.0.

The Makefile's targets call this script. It finds Odoo (an importable ``odoo`` package, or the
source folder named by ``ODOO_PATH``); when the Python running it has no Odoo 18, it sets up the
checkout's ``.venv/`` with Odoo 18.0 in ``.odoo/`` (``mrc_bootstrap.py``) and re-executes itself
there. It finds PostgreSQL through libpq's ``PG*`` variables, or starts a private cluster in
``.pgdata/`` when no server answers but PostgreSQL's programs are installed
(``mrc_postgres.py``). It runs Odoo through the launcher Odoo installs (``odoo``, or
``odoo-bin`` in a source folder) with ``odoo.conf`` (or ``config/test.conf`` for the tests).

Each failure of the environment prints one line starting with ``mrc:`` and exits with 2.
"""

import argparse
import functools
import os
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import mrc_bootstrap
import mrc_postgres

ROOT = Path(__file__).resolve().parent.parent
ADDONS = ["mrc_recruiters", "mrc_skills", "mrc_jobs", "mrc_cases", "mrc_reporting"]
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


@functools.cache
def odoo_found():
    """(major, serie, source folder) of the Odoo this interpreter imports, or None."""
    module = sys.modules.get("odoo")
    if module is not None and getattr(module, "__file__", None):
        release = sys.modules["odoo.release"]
        return str(release.version_info[0]), release.serie, str(Path(module.__file__).parent.parent)
    return mrc_bootstrap.probe(sys.executable, odoo_env())


def check_odoo():
    """Return Odoo's version string. When this interpreter has no Odoo 18, set up (or reuse)
    .venv/ and re-execute this command there; stop with one line when that cannot be done."""
    found = odoo_found()
    if found and found[0] == "18":
        return found[1]
    what = f"Odoo {found[1]}" if found else "no Odoo"
    if os.environ.get("ODOO_PATH"):
        die(f"ODOO_PATH={os.environ['ODOO_PATH']} gives {what}, MRC Jobs needs Odoo 18.0")
    if os.environ.get("MRC_NO_BOOTSTRAP") or os.environ.get("MRC_IN_VENV"):
        die(
            f"Odoo 18.0 is not installed for {sys.executable} ({what}): install Odoo 18.0 "
            "Community, set ODOO_PATH to its source folder, or unset MRC_NO_BOOTSTRAP"
        )
    python = mrc_bootstrap.ensure_venv(f"{sys.executable} has {what}")
    env = dict(os.environ, MRC_IN_VENV="1")
    os.execve(python, [str(python), str(Path(__file__).resolve()), *sys.argv[1:]], env)


def pg_dsn():
    host = os.environ.get("PGHOST", "")
    port = os.environ.get("PGPORT", "5432")
    user = os.environ.get("PGUSER", "")
    return host, port, user


def connect_error():
    """None when libpq reaches PostgreSQL, else its error message."""
    import psycopg2

    try:
        psycopg2.connect(dbname="postgres", connect_timeout=5).close()
    except psycopg2.Error as exc:
        return str(exc).strip() or exc.__class__.__name__
    return None


def check_postgres():
    """Reach PostgreSQL through libpq's variables, or the private cluster in .pgdata/ (reused
    when it exists, created when no server answers and initdb/pg_ctl are installed); stop with
    one line when neither works. The private cluster's PGHOST/PGPORT go into os.environ, so
    every subprocess (Odoo, pytest) reaches it too."""
    private = mrc_postgres.exists() and not os.environ.get("PGHOST")
    error = None if private else connect_error()
    if error is None and not private:
        return
    host, port, user = pg_dsn()
    where = f"host={host or 'local socket'} port={port} user={user or 'current user'}"
    if not private and not (mrc_postgres.no_server(error) and mrc_postgres.local_target()):
        die(f"PostgreSQL is not reachable ({where}): {error.splitlines()[0]}")
    folder = mrc_postgres.programs()
    if folder is None:
        die(
            f"no PostgreSQL server answers ({where}) and PostgreSQL's programs (initdb, "
            "pg_ctl) are not installed: start a server or install PostgreSQL"
        )
    try:
        done = mrc_postgres.start(folder)
    except RuntimeError as exc:
        die(str(exc))
    os.environ.update(mrc_postgres.socket_env())
    if done != "reused":
        print(f"mrc: {done} a private PostgreSQL in .pgdata/ (make stop stops it)", flush=True)
    error = connect_error()
    if error:
        die(f"the private PostgreSQL in .pgdata/ does not answer: {error.splitlines()[0]}")


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
    """requirements.txt into this interpreter. OCA add-on wheels (odoo-addon-*) depend on the
    distribution ``odoo``: where Odoo is importable without being pip-installed (ODOO_PATH),
    they go in with --no-deps so pip does not fetch another Odoo."""
    if os.environ.get("MRC_SKIP_PIP"):
        return
    pip = [sys.executable, "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    lines = (ROOT / "requirements.txt").read_text("utf-8").splitlines()
    names = [mrc_bootstrap.requirement_name(line) for line in lines]
    oca = [line for line, name in zip(lines, names) if name and name.startswith("odoo-addon-")]
    calls = [[*pip, "-r", str(ROOT / "requirements.txt")]]
    if oca and not has_odoo_distribution():
        others = [line for line, name in zip(lines, names) if line not in oca or not name]
        listing = ROOT / ".venv-requirements.txt"
        listing.write_text("\n".join(others) + "\n", "utf-8")
        calls = [[*pip, "-r", str(listing)], [*pip, "--no-deps", *oca]]
    for cmd in calls:
        out = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if out.returncode != 0:
            sys.stderr.write(out.stdout + out.stderr)
            die("installing requirements.txt failed (see pip's output above)")


def has_odoo_distribution():
    probe = "import importlib.metadata as m; m.version('odoo')"
    return subprocess.run([sys.executable, "-c", probe], capture_output=True).returncode == 0


def ensure_debian_package(package, names, purpose):
    """Whether one of the programs ``names`` is on the PATH, installing Debian's ``package``
    when it is missing and this runs as root with apt-get."""
    if any(shutil.which(name) for name in names):
        return True
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print(f"mrc: installing Debian's {package} for {purpose}", flush=True)
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        for cmd in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", package]):
            subprocess.run(cmd, env=env, capture_output=True, check=False)
    return any(shutil.which(name) for name in names)


def ensure_chromium():
    """Browser tests need Debian's chromium: install it when missing (as root), else stop."""
    names = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
    if not ensure_debian_package("chromium", names, "the browser tests"):
        die("chromium is missing for the browser tests: install Debian's chromium package")


def ensure_wkhtmltopdf(required):
    """Odoo prints PDF reports (the donor summary, ...) with wkhtmltopdf: install Debian's
    package when missing (as root); without it, stop the tests, or warn before serving."""
    if ensure_debian_package("wkhtmltopdf", ("wkhtmltopdf",), "the PDF reports"):
        return
    message = "wkhtmltopdf is missing for the PDF reports: install Debian's wkhtmltopdf package"
    if required:
        die(message)
    print(f"mrc: {message} (PDF reports will fail until then)", flush=True)


def standard_addons(source):
    """The source folder's top-level addons/ when it holds the standard add-ons: in Odoo's
    repository, addons/ has web and the rest while odoo/addons/ has base only. Where
    odoo/addons/ already has web (nightly builds, Debian packages, wheels), a top-level
    addons/ is not Odoo's and stays off the path. None when not needed."""
    source = Path(source)
    if (source / "odoo" / "addons" / "web").is_dir():
        return None
    addons = source / "addons"
    return str(addons) if (addons / "web" / "__manifest__.py").is_file() else None


def odoo_launcher():
    """How to start Odoo: its launcher script run by this interpreter. The prefork server
    restarts its gevent (websocket) process as ``sys.executable sys.argv[0] gevent``, which
    works with the launcher, not with ``python -m odoo``. Prefers ODOO_PATH's odoo-bin, then
    the ``odoo`` script pip put beside this interpreter, then the source's odoo-bin."""
    found = odoo_found()
    candidates = []
    if os.environ.get("ODOO_PATH"):
        candidates.append(Path(os.environ["ODOO_PATH"]) / "odoo-bin")
    candidates.append(Path(sys.executable).parent / "odoo")
    if found:
        candidates.append(Path(found[2]) / "odoo-bin")
    for candidate in candidates:
        if candidate.is_file():
            return [sys.executable, str(candidate)]
    return [sys.executable, "-m", "odoo"]  # no launcher: prefork's gevent process cannot start


def odoo_cmd(config, *args, subcommand=None):
    """Odoo's command line with ``config`` (relative to the checkout), the add-ons path the
    suite computes and ``args``; ``subcommand`` (shell, ...) goes before the options."""
    addons_path = [str(ROOT / "addons")]
    extra = os.environ.get("ODOO_ADDONS_PATH")
    if extra:
        addons_path.append(extra)
    found = odoo_found()
    standard = standard_addons(found[2]) if found else None
    if standard:
        addons_path.append(standard)
    return [
        *odoo_launcher(),
        *([subcommand] if subcommand else []),
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


def outdated_addons(db):
    """The MRC add-ons whose code has another version than the one ``db`` has installed (a
    checkout pulled since the database was made): Odoo serves them only once updated."""
    import ast

    installed = dict(
        pg(
            "SELECT name, latest_version FROM ir_module_module "
            "WHERE state = 'installed' AND name = ANY(%s)",
            ADDONS,
            dbname=db,
        )
    )
    outdated = []
    for addon in ADDONS:
        manifest = ast.literal_eval((ROOT / "addons" / addon / "__manifest__.py").read_text())
        if installed.get(addon) != manifest["version"]:
            outdated.append(addon)
    return outdated


def cmd_i18n(args):
    """Export each add-on's translation template (``i18n/<addon>.pot``) from a throw-away
    database, then merge it into ``i18n/es.po``: Odoo reads a ``.po`` merged with its
    template and drops the entries the template lacks, so a string added to ``es.po`` alone
    never reaches a user. Prints what is left to translate."""
    import polib

    check_odoo()
    check_postgres()
    db = f"mrc_i18n_{os.getpid()}"
    drop_db(db)
    try:
        # with demo data: its names and texts (trainings, vacancies) are shown in Spanish too
        print(f"mrc: installing {', '.join(ADDONS)} with demo data into {db}", flush=True)
        install(db, "config/test.conf", ADDONS, ["--log-level=warn"])
        for addon in args.addons or ADDONS:
            folder = ROOT / "addons" / addon / "i18n"
            pot_path = folder / f"{addon}.pot"
            run_odoo(
                "config/test.conf",
                "-d",
                db,
                f"--i18n-export={pot_path}",
                f"--modules={addon}",
                "--log-level=warn",
                "--stop-after-init",
            )
            po = polib.pofile(str(folder / "es.po"))
            po.merge(polib.pofile(str(pot_path)))
            po.save()
            left = [entry.msgid for entry in po.untranslated_entries()]
            print(f"mrc: {addon}: {len(po.translated_entries())} translated, {len(left)} left")
            for msgid in left[:20]:
                print(f"    {msgid[:90]!r}")
    finally:
        drop_db(db)


def cmd_check(_args):
    serie = check_odoo()
    check_postgres()
    print(f"mrc: Odoo {serie} and PostgreSQL found")


def cmd_run(args):
    check_odoo()
    check_postgres()
    pip_install()
    ensure_wkhtmltopdf(required=False)
    db = args.db
    if args.reset:
        print(f"mrc: dropping database {db}", flush=True)
        drop_db(db)
    if db_exists(db):
        print(f"mrc: reusing database {db} (make run RESET=1 starts afresh)", flush=True)
        outdated = outdated_addons(db)
        if outdated:
            print(f"mrc: updating {', '.join(outdated)} in {db} (newer code)", flush=True)
            run_odoo(
                "odoo.conf",
                "-d",
                db,
                "-u",
                ",".join(outdated),
                "--stop-after-init",
                "--log-level=warn",
            )
    else:
        print(f"mrc: creating database {db} with the MRC add-ons and demo data", flush=True)
        install(db, "odoo.conf", ADDONS, ["--log-level=warn"])
    url = f"http://localhost:{args.port}"
    serve = ["-d", db, f"--db-filter=^{db}$", f"--http-port={args.port}"]
    if args.workers:
        gevent_port = args.gevent_port or str(int(args.port) + 3)
        serve += [f"--workers={args.workers}", f"--gevent-port={gevent_port}"]
    print(f"\nMRC Jobs runs on {url} (database {db}). Demo logins (password = login):")
    for login, password, role in DEMO_LOGINS:
        print(f"  {login:<11} {password:<11} {role}")
    if args.workers:
        print(f"Prefork: {args.workers} workers, websocket (gevent) on port {gevent_port}.")
    print("Stop with Ctrl+C.\n", flush=True)
    command = odoo_cmd("odoo.conf", *serve)
    os.execve(command[0], command, odoo_env())


def cmd_test(args):
    check_odoo()
    check_postgres()
    pip_install()
    ensure_chromium()
    ensure_wkhtmltopdf(required=True)
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
    check_odoo()
    return lint()


def cmd_stop(_args):
    print(f"mrc: {mrc_postgres.stop()}", flush=True)


def cmd_python(args):
    """Run a Python script with the interpreter that has Odoo 18 (.venv/ when set up)."""
    check_odoo()
    check_postgres()
    os.execve(sys.executable, [sys.executable, *args.script_args], odoo_env())


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check").set_defaults(func=cmd_check)
    run = sub.add_parser("run")
    run.add_argument("--db", default=os.environ.get("MRC_DB", "mrc_demo"))
    run.add_argument("--port", default=os.environ.get("MRC_PORT", "8069"))
    run.add_argument("--reset", action="store_true")
    run.add_argument("--workers", type=int, default=0, help="prefork mode with N workers")
    run.add_argument("--gevent-port", default="", help="websocket port (default: port + 3)")
    run.set_defaults(func=cmd_run)
    test = sub.add_parser("test")
    test.add_argument("--no-lint", action="store_true")
    test.add_argument("pytest_args", nargs=argparse.REMAINDER)
    test.set_defaults(func=cmd_test)
    sub.add_parser("lint").set_defaults(func=cmd_lint)
    i18n = sub.add_parser("i18n")
    i18n.add_argument("addons", nargs="*", help="default: the five add-ons")
    i18n.set_defaults(func=cmd_i18n)
    sub.add_parser("stop").set_defaults(func=cmd_stop)
    python = sub.add_parser("python")
    python.add_argument("script_args", nargs=argparse.REMAINDER)
    python.set_defaults(func=cmd_python)
    args = parser.parse_args()
    sys.exit(args.func(args) or 0)


if __name__ == "__main__":
    main()
