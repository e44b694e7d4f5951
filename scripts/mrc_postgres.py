"""A private PostgreSQL cluster in the checkout's ``.pgdata/``, for machines where PostgreSQL's
programs are installed but no server answers.

The cluster's files are in ``.pgdata/data``, its log in ``.pgdata/server.log``; it listens on a
unix socket in ``.pgdata/`` only (no TCP port) and lets the current user in as a superuser of
the same name (peer authentication). initdb and pg_ctl refuse to run as root: when this script
runs as root, the cluster belongs to the ``postgres`` system user (``MRC_PG_OS_USER`` names
another one), root still connects as the role ``root``.
"""

import getpass
import glob
import os
import re
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PGDATA = ROOT / ".pgdata"
DATA = PGDATA / "data"
LOG = PGDATA / "server.log"
PORT = "5432"
NO_SERVER = ("No such file or directory", "Connection refused")
SEARCH = [
    "/usr/lib/postgresql/*/bin",  # Debian, Ubuntu
    "/usr/pgsql-*/bin",  # PGDG packages on Red Hat
    "/usr/local/pgsql/bin",  # built from source
    "/opt/homebrew/opt/postgresql*/bin",
    "/usr/local/opt/postgresql*/bin",
]


def exists():
    return (DATA / "PG_VERSION").is_file()


def no_server(message):
    """True when libpq's error says nothing listens (rather than a server refusing us)."""
    return any(text in message for text in NO_SERVER)


def local_target():
    """True when libpq aims at a local socket (PGHOST unset or a folder)."""
    host = os.environ.get("PGHOST", "")
    return not host or host.startswith("/")


def _version_key(path):
    return [int(n) for n in re.findall(r"\d+", str(path))] or [0]


def programs():
    """Folder holding initdb and pg_ctl (the same installation), or None."""
    folders = [Path(p) for p in os.environ.get("PATH", "").split(os.pathsep) if p]
    for pattern in SEARCH:
        folders += sorted(map(Path, glob.glob(pattern)), key=_version_key, reverse=True)
    for folder in folders:
        if all((folder / name).is_file() for name in ("initdb", "pg_ctl", "postgres")):
            return folder
    return None


def owner():
    """The system user that runs the cluster: the current one, or postgres when root."""
    if os.geteuid() != 0:
        return None
    return os.environ.get("MRC_PG_OS_USER", "postgres")


def _as_owner(command):
    user = owner()
    if user is None:
        return [str(c) for c in command]
    return ["runuser", "-u", user, "--", *map(str, command)]


def _run(command, what):
    out = subprocess.run(_as_owner(command), capture_output=True, text=True, check=False)
    if out.returncode != 0:
        reason = (out.stderr.strip() or out.stdout.strip()).splitlines()[-1:] or ["?"]
        raise RuntimeError(f"{what} failed: {reason[0]}")
    return out


def running(folder):
    """True when the cluster in .pgdata/ is up (pg_ctl status)."""
    code = subprocess.run(
        _as_owner([folder / "pg_ctl", "-D", DATA, "status"]), capture_output=True, check=False
    ).returncode
    return code == 0


def socket_env():
    """libpq variables that reach the private cluster."""
    return {"PGHOST": str(PGDATA), "PGPORT": PORT}


def start(folder):
    """Create the cluster when .pgdata/ has none, start it when it is down; return what was
    done as a sentence. Raises RuntimeError with one line on failure."""
    done = []
    if len(str(PGDATA / f".s.PGSQL.{PORT}")) > 100:
        raise RuntimeError(f"the path {PGDATA} is too long for a unix socket")
    if not exists():
        _init(folder)
        done.append("created")
    if not running(folder):
        _run(
            [folder / "pg_ctl", "-D", DATA, "-l", LOG, "-w", "-t", "60", "start"],
            f"starting PostgreSQL in {PGDATA} (log: {LOG})",
        )
        done.append("started")
    return " and ".join(done) or "reused"


def _init(folder):
    PGDATA.mkdir(mode=0o700, exist_ok=True)
    user = owner()
    if user:
        shutil.chown(PGDATA, user)
        if subprocess.run(["runuser", "-u", user, "--", "test", "-w", str(PGDATA)]).returncode:
            raise RuntimeError(
                f"running as root, the private PostgreSQL runs as user {user}, who cannot "
                f"reach {PGDATA}: run make as an ordinary user, or start a PostgreSQL server"
            )
    _run(
        [
            folder / "initdb",
            "-D",
            DATA,
            "-U",
            getpass.getuser(),
            "--auth-local=peer",
            "--auth-host=reject",
            "--encoding=UTF8",
            "--no-locale",
        ],
        f"initdb in {DATA}",
    )
    settings = (
        "\n# MRC Jobs' private cluster: unix socket in .pgdata/ only\n"
        f"unix_socket_directories = '{PGDATA}'\n"
        "listen_addresses = ''\n"
        f"port = {PORT}\n"
        "synchronous_commit = off\n"
    )
    with (DATA / "postgresql.conf").open("a", encoding="utf-8") as conf:
        conf.write(settings)


def stop():
    """Stop the private cluster; return a sentence saying what happened."""
    if not exists():
        return "no private PostgreSQL in .pgdata/ (nothing to stop)"
    folder = programs()
    if folder is None:
        return "PostgreSQL's programs (pg_ctl) are missing: cannot stop .pgdata/"
    if not running(folder):
        return "the private PostgreSQL in .pgdata/ is not running"
    _run([folder / "pg_ctl", "-D", DATA, "-m", "fast", "-w", "stop"], "stopping PostgreSQL")
    return "stopped the private PostgreSQL in .pgdata/"
