"""Odoo 18.0 Community for MRC Jobs when the Python running the Makefile has none.

``ensure_venv()`` returns the interpreter of the checkout's ``.venv/``, building it the first
time and reusing it afterwards:

1. Odoo's source goes into ``.odoo/``: a shallow clone of the official 18.0 branch, or
   ``ODOO_SOURCE`` = a local folder (copied), a source tarball (a file or an https URL) or a git
   URL (shallow clone of ``ODOO_BRANCH``, 18.0 by default).
2. ``.venv/`` is created with the Python running this script when it is 3.10-3.12, else with a
   3.12 interpreter that ``uv`` provides (``uv`` itself comes from the package registry).
3. Odoo's requirements go in with the pins that install on that Python (``odoo_requirements``),
   then Odoo itself, editable in compat mode so OCA add-on wheels (files in
   ``site-packages/odoo/addons``) do not hide it.

``mrcctl.py`` installs ``requirements.txt`` afterwards, as it does on every run. Each failure
prints one line starting with ``mrc:`` and exits with 2.
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import tarfile
import tempfile
import urllib.request
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
SOURCE = ROOT / ".odoo"
PARTIAL = ROOT / ".odoo.partial"
TOOLS = ROOT / ".venv-tools"
STAMP = VENV / ".mrc-odoo-installed"
LOG = ROOT / ".venv-setup.log"
OFFICIAL_REPO = "https://github.com/odoo/odoo"
BRANCH = os.environ.get("ODOO_BRANCH", "18.0")
SUPPORTED = ((3, 10), (3, 11), (3, 12))

# Odoo 18.0 pins these for Python < 3.12 at versions that either lack wheels (cbor2 5.4.2) or
# conflict with the suite's requirements (pdfminer.six needs cryptography >= 36, which needs a
# newer pyopenssl, urllib3, requests and idna). The versions Odoo pins for 3.12 work on 3.10
# and 3.11 too.
PINS_BELOW_312 = {
    "cbor2": "5.6.2",
    "cryptography": "42.0.8",
    "pyopenssl": "24.1.0",
    "urllib3": "2.0.7",
    "requests": "2.31.0",
    "idna": "3.6",
}
OFFLINE = (
    f"cannot reach {OFFICIAL_REPO} to fetch Odoo 18.0: set ODOO_SOURCE to a local Odoo 18.0 "
    "folder, a source tarball or a git URL"
)

# "18 18.0 /path/to/source": major version, serie and the folder holding the odoo package
PROBE = (
    "import os, odoo.release as r; "
    "print(r.version_info[0], r.serie, "
    "os.path.dirname(os.path.dirname(os.path.abspath(r.__file__))))"
)


def die(message):
    print(f"mrc: {message}", flush=True)
    sys.exit(2)


def say(message):
    print(f"mrc: {message}", flush=True)


def probe(python, env=None):
    """(major, serie, source folder) of the Odoo that ``python`` imports, or None."""
    try:
        out = subprocess.run(
            [str(python), "-c", PROBE],
            env=env,
            capture_output=True,
            text=True,
            check=False,
            cwd="/",
            timeout=300,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    lines = out.stdout.strip().splitlines()
    if out.returncode or not lines:
        return None
    major, serie, source = lines[-1].split(" ", 2)
    return major, serie, source


def run_logged(command, what, env=None, cwd=None):
    """Run ``command``, its output appended to .venv-setup.log; stop with one line on failure."""
    with LOG.open("a", encoding="utf-8") as log:
        log.write(f"\n$ {' '.join(map(str, command))}\n")
        log.flush()
        try:
            code = subprocess.run(
                [str(part) for part in command],
                stdout=log,
                stderr=subprocess.STDOUT,
                env=env,
                cwd=cwd,
                check=False,
            ).returncode
        except OSError as exc:
            code = f"not started ({exc})"
    if code != 0:
        tail = LOG.read_text(encoding="utf-8", errors="replace").splitlines()[-25:]
        sys.stderr.write("\n".join(tail) + "\n")
        die(f"{what} failed (exit {code}; full output in {LOG.name})")


# ---------------------------------------------------------------------------------------------
# Odoo's source in .odoo/


def source_serie(folder):
    """'18.0' for an Odoo 18.0 source folder, another serie, or None when it holds no Odoo."""
    release = Path(folder) / "odoo" / "release.py"
    if not release.is_file():
        return None
    match = re.search(r"^version_info = \((\d+), (\d+)", release.read_text("utf-8"), re.M)
    return f"{match[1]}.{match[2]}" if match else "?"


def fetch_source():
    """Odoo 18.0's source in .odoo/, fetched the first time (see the module's docstring)."""
    serie = source_serie(SOURCE)
    if serie == "18.0":
        return SOURCE
    if serie:
        die(f"{SOURCE} holds Odoo {serie}, not 18.0: remove it (and .venv/) to fetch 18.0")
    spec = os.environ.get("ODOO_SOURCE", "").strip()
    shutil.rmtree(PARTIAL, ignore_errors=True)
    if not spec:
        say(f"fetching Odoo {BRANCH} from {OFFICIAL_REPO} into .odoo/ (shallow clone)")
        if not reachable("github.com"):
            die(OFFLINE)
        git_clone(OFFICIAL_REPO, OFFLINE)
    elif Path(spec).expanduser().is_dir():
        folder = Path(spec).expanduser().resolve()
        say(f"copying Odoo from {folder} into .odoo/")
        shutil.copytree(
            folder,
            PARTIAL,
            symlinks=True,
            ignore=shutil.ignore_patterns(".git", "__pycache__", "*.pyc", "*.egg-info"),
        )
    elif Path(spec).expanduser().is_file():
        say(f"unpacking Odoo from {spec} into .odoo/")
        unpack(Path(spec).expanduser())
    elif re.match(r"^https?://", spec) and re.search(r"\.(tar\.gz|tgz|tar\.xz|tar|zip)$", spec):
        say(f"downloading Odoo from {spec}")
        with tempfile.TemporaryDirectory() as tmp:
            archive = Path(tmp) / spec.rsplit("/", 1)[-1]
            try:
                urllib.request.urlretrieve(spec, archive)
            except OSError as exc:
                die(f"cannot download ODOO_SOURCE={spec} ({exc})")
            unpack(archive)
    else:
        say(f"fetching Odoo {BRANCH} from {spec} into .odoo/ (shallow clone)")
        git_clone(spec, f"cannot clone ODOO_SOURCE={spec} (branch {BRANCH})")
    found = source_serie(PARTIAL)
    if found != "18.0":
        shutil.rmtree(PARTIAL, ignore_errors=True)
        what = f"Odoo {found}" if found else "no odoo/release.py"
        die(f"ODOO_SOURCE={spec or OFFICIAL_REPO} holds {what}, MRC Jobs needs Odoo 18.0")
    PARTIAL.rename(SOURCE)
    return SOURCE


def reachable(host, port=443):
    try:
        with socket.create_connection((host, port), timeout=10):
            return True
    except OSError:
        return False


def git_clone(url, failure):
    if not shutil.which("git"):
        die(f"git is missing to clone {url}: install git or set ODOO_SOURCE to a tarball")
    env = dict(os.environ, GIT_TERMINAL_PROMPT="0")
    command = ["git", "clone", "-q", "--depth", "1", "--branch", BRANCH, url, str(PARTIAL)]
    out = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if out.returncode != 0:
        shutil.rmtree(PARTIAL, ignore_errors=True)
        lines = out.stderr.strip().splitlines() or [""]
        reason = next((line for line in lines if line.startswith("fatal:")), lines[-1])
        die(f"{failure}: {reason}" if reason else failure)


def unpack(archive):
    """Unpack a tarball or zip into .odoo.partial/, dropping a single top-level folder."""
    staging = ROOT / ".odoo.unpack"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        if zipfile.is_zipfile(archive):
            with zipfile.ZipFile(archive) as zipped:
                zipped.extractall(staging)
        else:
            with tarfile.open(archive) as tar:
                if hasattr(tarfile, "data_filter"):
                    tar.extractall(staging, filter="data")
                else:  # pragma: no cover - Python without extraction filters
                    tar.extractall(staging)
    except (OSError, tarfile.TarError, zipfile.BadZipFile) as exc:
        shutil.rmtree(staging, ignore_errors=True)
        die(f"cannot unpack ODOO_SOURCE={archive} ({exc})")
    entries = list(staging.iterdir())
    if len(entries) == 1 and entries[0].is_dir() and not (staging / "odoo").exists():
        entries[0].rename(PARTIAL)
        staging.rmdir()
    else:
        staging.rename(PARTIAL)


# ---------------------------------------------------------------------------------------------
# .venv/ and what goes into it


def version_of(python):
    out = subprocess.run(
        [str(python), "-c", "import sys; print(*sys.version_info[:2])"],
        capture_output=True,
        text=True,
        check=False,
    )
    return tuple(map(int, out.stdout.split())) if out.returncode == 0 else None


def find_uv():
    """uv from PATH, or installed from the package registry into .venv-tools/."""
    found = shutil.which("uv") or (TOOLS / "bin" / "uv")
    if Path(found).is_file():
        return found
    say("installing uv from the package registry into .venv-tools/")
    # --target skips the externally-managed check of distribution Pythons (PEP 668)
    run_logged(
        [sys.executable, "-m", "pip", "install", "-q", "--target", TOOLS, "uv"],
        "installing uv (needs pip for this Python, or uv on PATH)",
    )
    return TOOLS / "bin" / "uv"


def create_venv():
    """.venv/ on this Python when it is 3.10-3.12 (through venv, else uv), else on uv's 3.12."""
    python = VENV / "bin" / "python"
    if python.exists() and version_of(python) in SUPPORTED:
        return python
    shutil.rmtree(VENV, ignore_errors=True)
    here = sys.version_info[:2]
    if here in SUPPORTED:
        say(f"creating .venv/ with Python {here[0]}.{here[1]} ({sys.executable})")
        out = subprocess.run(
            [sys.executable, "-m", "venv", str(VENV)], capture_output=True, text=True, check=False
        )
        if out.returncode == 0 and version_of(python) in SUPPORTED:
            return python
        shutil.rmtree(VENV, ignore_errors=True)
        wanted = sys.executable  # no venv module (Debian without python3-venv): uv can do it
    else:
        wanted = os.environ.get("MRC_UV_PYTHON", "3.12")
        say(f"Python {here[0]}.{here[1]} is outside 3.10-3.12: asking uv for Python {wanted}")
    uv = find_uv()
    run_logged(
        [uv, "venv", "-q", "--seed", "--python", wanted, VENV],
        f"creating .venv/ with uv (Python {wanted})",
    )
    if version_of(python) not in SUPPORTED:
        die(f"{python} is not Python 3.10-3.12; remove .venv/ and set MRC_UV_PYTHON=3.12")
    return python


def requirement_name(line):
    """Normalised distribution name of a requirements line, or None for comments/blanks."""
    match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", line.split("#", 1)[0])
    return re.sub(r"[-_.]+", "-", match[1]).lower() if match else None


def ldap_headers():
    """python-ldap builds only with OpenLDAP's and Cyrus SASL's headers (libldap2-dev,
    libsasl2-dev); it has no wheels."""
    roots = [Path("/usr/include"), Path("/usr/local/include"), Path("/opt/homebrew/include")]
    return any((r / "ldap.h").exists() for r in roots) and any(
        (r / "sasl" / "sasl.h").exists() for r in roots
    )


def odoo_requirements(source, version, has_ldap=None, has_pg_config=None):
    """Odoo's requirements.txt rewritten for Python ``version`` (a (major, minor) tuple):
    PINS_BELOW_312 below 3.12, no python-ldap without its headers, psycopg2-binary instead of
    psycopg2 without pg_config. Returns the lines."""
    if has_ldap is None:
        has_ldap = ldap_headers()
    if has_pg_config is None:
        has_pg_config = bool(shutil.which("pg_config"))
    overrides = PINS_BELOW_312 if version < (3, 12) else {}
    lines = []
    for line in (Path(source) / "requirements.txt").read_text("utf-8").splitlines():
        name = requirement_name(line)
        if name in overrides or (name == "python-ldap" and not has_ldap):
            continue
        if name == "psycopg2" and not has_pg_config:
            line = re.sub(r"psycopg2", "psycopg2-binary", line, count=1, flags=re.I)
        lines.append(line)
    lines += [f"{name}=={pin}" for name, pin in overrides.items()]
    return lines


def ensure_venv(reason):
    """The .venv/ interpreter with Odoo 18, built the first time (``reason`` says why)."""
    python = VENV / "bin" / "python"
    if STAMP.exists() and (found := probe(python)) and found[0] == "18":
        return python
    if source_serie(SOURCE) is None and not os.environ.get("ODOO_SOURCE"):
        if not reachable("github.com"):
            die(f"{reason} and {OFFLINE}")
    say(f"{reason}: setting up Odoo 18.0 in .venv/ (the first time takes a few minutes)")
    source = fetch_source()
    python = create_venv()
    version = version_of(python)
    requirements = VENV / "odoo-requirements.txt"
    requirements.write_text("\n".join(odoo_requirements(source, version)) + "\n", "utf-8")
    say(f"installing Odoo's requirements for Python {version[0]}.{version[1]} into .venv/")
    pip = [python, "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    run_logged([*pip, "-r", requirements], "installing Odoo's requirements")
    say("installing Odoo from .odoo/ into .venv/")
    run_logged(
        [*pip, "--no-deps", "-e", source, "--config-settings", "editable_mode=compat"],
        "installing Odoo",
    )
    found = probe(python)
    if not found or found[0] != "18":
        die(f"{python} does not import Odoo 18 after setup (see {LOG.name})")
    STAMP.write_text(f"{found[1]} {found[2]}\n", "utf-8")
    return python
