#!/usr/bin/env python3
"""The portal under load (``make load``): many migrants at once against Odoo in prefork mode.

1. Sets up (or reuses) the load database (``load_setup.py``): 100,000 generated migrants,
   20,000 vacancies and 50 portal migrants whose matches the engine stored.
2. Starts Odoo with ``--workers=4`` through the launcher the project runs it with
   (``scripts/mrcctl.py``), on the loopback interface, without cron workers.
3. Runs locust headless (``locustfile.py``): 50 users log in at once, each as its own portal
   migrant, then all browse for two minutes, while the memory of every server process is
   sampled.
4. Writes p50/p95/p99 per page (browsing, and logging in apart), the errors, each worker's
   peak RSS and, from Odoo's request log, each page's median query count, SQL time and Python
   time under the ``load`` key of ``bench-results.json`` (beside what ``make bench`` wrote),
   prints a table, stops the server.

Smaller runs: ``LOAD_MIGRANTS=2000 LOAD_VACANCIES=400 LOAD_DURATION=30 make load`` (or the
options below). The targets (p95 < 300 ms, no error) are printed, not asserted.
"""

import argparse
import importlib.util
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import load_report  # noqa: E402
import load_setup  # noqa: E402
from load_setup import mrcctl  # noqa: E402

TARGET_P95_MS = 300


def env_int(name, default):
    return int(os.environ.get(name) or default)


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add = parser.add_argument
    add("--db", default=os.environ.get("LOAD_DB") or "mrc_load")
    add("--migrants", type=int, default=env_int("LOAD_MIGRANTS", 100_000))
    add("--vacancies", type=int, default=env_int("LOAD_VACANCIES", 20_000))
    add("--portal", type=int, default=env_int("LOAD_PORTAL_MIGRANTS", 50))
    add("--users", type=int, default=env_int("LOAD_USERS", 0), help="default: --portal")
    add("--duration", type=int, default=env_int("LOAD_DURATION", 120), help="browsing seconds")
    add(
        "--login-budget",
        type=int,
        default=env_int("LOAD_LOGIN_BUDGET", 600),
        help="seconds the users may take to log in before the run is cut short",
    )
    add("--spawn-rate", type=float, default=float(os.environ.get("LOAD_SPAWN_RATE") or 5))
    add("--workers", type=int, default=env_int("LOAD_WORKERS", 4))
    add("--port", type=int, default=env_int("LOAD_PORT", 8079))
    add("--gevent-port", type=int, default=env_int("LOAD_GEVENT_PORT", 0))
    add("--config", default="config/test.conf", help="Odoo configuration, from the checkout")
    add("--output", default="bench-results.json")
    add("--reset", action="store_true", help="build the load database again")
    add("--setup-only", action="store_true", help="set up the database and stop")
    return parser.parse_args(argv)


def ensure_locust():
    """locust comes with requirements.txt: install it there when this interpreter lacks it."""
    if importlib.util.find_spec("locust") is None:
        print("load: locust is missing, installing requirements.txt", flush=True)
        mrcctl.pip_install()
    if importlib.util.find_spec("locust") is None:
        mrcctl.die(
            f"locust is not installed for {sys.executable} (requirements.txt pins it for "
            "Python 3.11 and later)"
        )


# ---------------------------------------------------------------------------------------------
# The server
# ---------------------------------------------------------------------------------------------
def start_server(args, log_path):
    gevent_port = args.gevent_port or args.port + 100
    command = mrcctl.odoo_cmd(
        args.config,
        "-d",
        args.db,
        f"--db-filter=^{args.db}$",
        "--http-interface=127.0.0.1",
        f"--http-port={args.port}",
        f"--gevent-port={gevent_port}",
        f"--workers={args.workers}",
        "--max-cron-threads=0",
        "--log-level=warn",
        # one line per request with its query count, SQL time and remaining (Python) time
        "--log-handler=werkzeug:INFO",
        f"--logfile={log_path}",
    )
    print(f"load: starting Odoo: {' '.join(command[1:])}", flush=True)
    return subprocess.Popen(
        command, env=mrcctl.odoo_env(), cwd=mrcctl.ROOT, start_new_session=True
    )  # fmt: skip


def wait_for_server(server, url, timeout=300):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            mrcctl.die(f"Odoo exited with {server.returncode} before answering")
        try:
            with urllib.request.urlopen(f"{url}/web/login", timeout=30) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(1)
    mrcctl.die(f"Odoo did not answer on {url} within {timeout} s")


def stop_server(server):
    """SIGTERM to the prefork master (it stops its workers), then SIGKILL to its own process
    group if anything is left after 30 s."""
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            pass
    try:
        os.killpg(server.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    server.wait()


class Sampler:
    """Calls ``sample()`` every ``interval`` seconds in a thread while the block runs, once
    before it and once after it."""

    interval = 0.5

    def __init__(self):
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def sample(self):
        raise NotImplementedError

    def _run(self):
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)

    def __enter__(self):
        self.sample()
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.sample()


class RssSampler(Sampler):
    """Peak resident memory (MB) of each process of the server, sampled every 0.5 s: the
    master, its HTTP workers (recycled workers appear under their new pid) and gevent; and
    the CPU time each of them, and each PostgreSQL backend serving the database, used
    since the first sample (what the server spent, whatever else the machine runs)."""

    def __init__(self, pid, db=None):
        import psutil

        self.master = psutil.Process(pid)
        self.db = db
        self.peaks = {}  # pid -> {"role", "first_mb", "peak_mb"}
        self.cpu = {}  # pid -> [role, cpu seconds at the first sample, at the last one]
        self._postgres = []
        self._samples = 0
        self.totals = []  # (time, CPU seconds used since the first sample, every process)
        super().__init__()

    def _backends(self):
        """PostgreSQL's processes serving the database (they are not the server's children)."""
        import psutil

        if not self.db:
            return []
        try:
            rows = mrcctl.pg(
                "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                self.db,
            )
        except Exception:  # a sample missed is no reason to stop the run
            return []
        found = []
        for (pid,) in rows:
            try:
                found.append(psutil.Process(pid))
            except psutil.Error:
                continue
        return found

    def _count_cpu(self, proc, role):
        import psutil

        try:
            times = proc.cpu_times()
        except psutil.Error:
            return
        used = times.user + times.system
        self.cpu.setdefault(proc.pid, [role, used, used])[2] = used

    def cpu_until(self, moment):
        """CPU seconds used since the first sample until the last sample before ``moment``."""
        before = [total for when, total in self.totals if when <= moment]
        return before[-1] if before else 0.0

    def sample(self):
        import psutil

        try:
            processes = [self.master, *self.master.children(recursive=True)]
        except psutil.Error:
            return
        for proc in processes:
            try:
                rss = proc.memory_info().rss / 2**20
                cmdline = " ".join(proc.cmdline())
            except psutil.Error:
                continue
            if proc.pid == self.master.pid:
                role = "master"
            elif " gevent" in cmdline:
                role = "gevent"
            else:
                role = "worker"
            item = self.peaks.setdefault(proc.pid, {"role": role, "first_mb": rss, "peak_mb": 0})
            item["peak_mb"] = max(item["peak_mb"], rss)
            self._count_cpu(proc, role)
        # the workers keep their connections: look for new backends every 5 s only
        if self._samples % 10 == 0:
            self._postgres = self._backends()
        self._samples += 1
        for proc in self._postgres:
            self._count_cpu(proc, "postgres")
        used = sum(last - first for _role, first, last in self.cpu.values())
        self.totals.append((time.time(), used))

    def cpu_seconds(self):
        """CPU seconds used since the first sample, by role (worker, postgres, ...)."""
        used = {}
        for role, first, last in self.cpu.values():
            used[role] = used.get(role, 0.0) + last - first
        return {role: round(seconds, 1) for role, seconds in used.items()}


def accept_queue(port):
    """Connections waiting in the accept queue of the socket listening on 127.0.0.1:``port``
    (the ``rx_queue`` of a LISTEN line of /proc/net/tcp, Linux), or None."""
    wanted = f"0100007F:{port:04X}"
    try:
        lines = Path("/proc/net/tcp").read_text().splitlines()[1:]
    except OSError:
        return None
    for line in lines:
        fields = line.split()
        if fields[1] == wanted and fields[3] == "0A":  # LISTEN
            return int(fields[4].split(":")[1], 16)
    return None


class ListenSampler(Sampler):
    """The server's accept queue and the machine's listen-queue overflows, every 0.2 s.

    Odoo's prefork server listens with a queue of 8 connections per worker, and answers each
    request on a connection of its own (HTTP/1.0, no keep-alive). When more connections wait
    than the queue holds, the kernel drops the SYN of the next ones; the client's kernel
    sends it again 1, 3, 7... s later: the user waits, no error is raised. The samples tell
    in which phase (logging in, browsing) the queue was full."""

    interval = 0.2

    def __init__(self, port, workers):
        super().__init__()
        self.port = port
        self.size = 8 * workers  # Odoo's PreforkServer: listen(8 * workers)
        self.samples = []  # (time, waiting, overflows)

    def sample(self):
        self.samples.append((time.time(), accept_queue(self.port), listen_overflows()))

    def phases(self, browse_from):
        """Per phase: the longest accept queue seen, its size, the share of samples that
        found it full and the machine's overflows counted meanwhile."""
        split = browse_from or float("inf")
        found = {}
        for name, rows in (
            ("login", [r for r in self.samples if r[0] < split]),
            ("browsing", [r for r in self.samples if r[0] >= split]),
        ):
            if not rows:
                continue
            waiting = [r[1] for r in rows if r[1] is not None]
            counts = [r[2] for r in rows if r[2] is not None]
            found[name] = {
                "accept_queue_peak": max(waiting) if waiting else None,
                "accept_queue_size": self.size,
                # the kernel queues one more than the size asked for
                "samples_full_pct": (
                    round(100 * sum(w > self.size for w in waiting) / len(waiting), 1)
                    if waiting
                    else None
                ),
                "machine_overflows": counts[-1] - counts[0] if len(counts) > 1 else None,
            }
        if "login" in found and "browsing" in found:
            # the overflows between the last login sample and the first browsing one
            last_login = next(r[2] for r in reversed(self.samples) if r[0] < split)
            first_browse = next(r[2] for r in self.samples if r[0] >= split)
            if None not in (last_login, first_browse):
                found["login"]["machine_overflows"] += first_browse - last_login
        return found


def listen_overflows():
    """The kernel's count of connections dropped because a listen queue was full (machine-wide,
    Linux): Odoo's prefork server listens with a queue of 8 per worker."""
    try:
        lines = Path("/proc/net/netstat").read_text().splitlines()
    except OSError:
        return None
    for names, values in zip(lines[::2], lines[1::2]):
        if names.startswith("TcpExt:"):
            return int(dict(zip(names.split(), values.split())).get("ListenOverflows", 0))
    return None


# ---------------------------------------------------------------------------------------------
# locust
# ---------------------------------------------------------------------------------------------
def run_locust(args, url, folder):
    users = args.users or args.portal
    command = [
        sys.executable,
        "-m",
        "locust",
        "-f",
        str(HERE / "locustfile.py"),
        "--headless",
        "--users",
        str(users),
        "--spawn-rate",
        str(args.spawn_rate),
        # the users stop themselves after --duration s of browsing once all are logged in
        "--run-time",
        f"{args.duration + args.login_budget}s",
        "--host",
        url,
        "--csv",
        str(folder / "locust"),
        "--only-summary",
        "--stop-timeout",
        "10",
        "--loglevel",
        "WARNING",
    ]
    env = dict(
        os.environ,
        LOAD_PORTAL_MIGRANTS=str(args.portal),
        LOAD_USERS=str(users),
        LOAD_DURATION=str(args.duration),
        LOAD_RAW_FILE=str(folder / "requests.json"),
    )
    print(
        f"load: locust, {users} users (spawn rate {args.spawn_rate}/s) log in, then browse for "
        f"{args.duration} s against {url}",
        flush=True,
    )
    with open(folder / "locust.log", "w") as log:
        code = subprocess.run(command, env=env, stdout=log, stderr=subprocess.STDOUT).returncode
    # locust exits with 1 when a request failed: the failures are counted from its CSV
    if code not in (0, 1) or not (folder / "requests.json").exists():
        tail = (folder / "locust.log").read_text()[-3000:]
        mrcctl.die(f"locust exited with {code}:\n{tail}")
    return users


def main(argv=None):
    args = parse_args(argv)
    mrcctl.check_odoo()
    mrcctl.check_postgres()
    ensure_locust()
    scale = (args.migrants, args.vacancies, args.portal)
    database = load_setup.ensure_database(args.db, scale, args.config, args.reset)
    print(f"load: {json.dumps(database)}", flush=True)
    if args.setup_only:
        return 0
    folder = Path(tempfile.mkdtemp(prefix="mrc-load-"))
    url = f"http://127.0.0.1:{args.port}"
    server = start_server(args, folder / "odoo.log")
    load_before = os.getloadavg()
    try:
        wait_for_server(server, url)
        overflows = listen_overflows()
        with (
            RssSampler(server.pid, args.db) as sampler,
            ListenSampler(args.port, args.workers) as listen,
        ):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            users = run_locust(args, url, folder)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
        locust_cpu = round(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, 1)
        if overflows is not None:
            overflows = listen_overflows() - overflows
    finally:
        stop_server(server)
    result = load_report.collect(folder, sampler.peaks)
    browse_from = json.loads((folder / "requests.json").read_text()).get("browse_from")
    listen_phases = listen.phases(browse_from)
    cpu = sampler.cpu_seconds()
    requests_made = result["total"].get("requests", 0) + result["login_phase"]["total"].get(
        "requests", 0
    )
    browsing_cpu = sum(cpu.values()) - sampler.cpu_until(browse_from or float("inf"))
    browsed = result["total"].get("requests", 0)
    result.update(
        {
            "when": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "database": database,
            "users": users,
            "workers": args.workers,
            "duration_s": args.duration,
            "spawn_rate": args.spawn_rate,
            "think_time_s": [
                float(os.environ.get("LOAD_WAIT_MIN", "1")),
                float(os.environ.get("LOAD_WAIT_MAX", "3")),
            ],
            "machine": {
                "cpus": os.cpu_count(),
                "load_average_before": [round(x, 2) for x in load_before],
                "load_average_after": [round(x, 2) for x in os.getloadavg()],
                "listen_queue_overflows": overflows,
                "listen_queue": listen_phases,
                "server_cpu_s": cpu,
                "server_cpu_ms_per_request": (
                    round(1000 * sum(cpu.values()) / requests_made, 1) if requests_made else None
                ),
                "server_cpu_ms_per_browsing_request": (
                    round(1000 * browsing_cpu / browsed, 1) if browsed else None
                ),
                "load_generator_cpu_s": locust_cpu,
            },
            "targets": {"p95_ms": TARGET_P95_MS, "errors": 0},
            "files": str(folder),
        }
    )
    load_report.write(Path(args.output), result)
    for line in load_report.table(result, TARGET_P95_MS, users, args.duration):
        print(line)
    machine = result["machine"]
    print(
        f"machine: {machine['cpus']} CPUs, load average {machine['load_average_before'][0]} "
        f"before and {machine['load_average_after'][0]} after; connections dropped by a full "
        f"listen queue during the run (whole machine): {overflows}"
    )
    for phase, item in listen_phases.items():
        print(
            f"  {phase}: accept queue up to {item['accept_queue_peak']} of "
            f"{item['accept_queue_size']} (full in {item['samples_full_pct']}% of the samples), "
            f"{item['machine_overflows']} overflows"
        )
    print(
        f"server CPU during the run (s): {cpu}; {machine['server_cpu_ms_per_request']} ms per "
        f"request, {machine['server_cpu_ms_per_browsing_request']} ms per browsing request "
        f"(Odoo and PostgreSQL); locust used {locust_cpu} s"
    )
    print(f'\nload: results under "load" in {args.output}; logs in {folder}')
    return 0


if __name__ == "__main__":
    sys.exit(main())
