#!/usr/bin/env python3
"""Where the portal pages spend their time: each page's SQL, one request at a time.

Starts Odoo on the load database (``run_load.py`` sets it up) in threaded mode with the SQL
debug log, logs in as one portal migrant and opens each page of the load test a few times. For
the last (warm) opening of each page it prints the query count, the SQL and Python time, the
slowest queries and the query shapes repeated within the request (a query per record shows up
as one shape repeated once per record). No load: this explains the figures of ``make load``.

``python3 scripts/mrcctl.py python tests/load/profile_pages.py [--db mrc_load] [--port 8079]``
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import requests

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import load_setup  # noqa: E402
from load_setup import mrcctl  # noqa: E402
from run_load import env_int, stop_server, wait_for_server  # noqa: E402

SQL_RE = re.compile(r"odoo\.sql_db: \[([\d.]+) ms\] query: (.*)")
REQUEST_RE = re.compile(
    r'werkzeug: .*"(GET|POST) (\S+) HTTP/1\.\d" (\d{3}) \S+ (\d+) ([\d.]+) ([\d.]+)'
)
CSRF_RE = re.compile(r'name="csrf_token"\s+value="([^"]+)"')
OPTION_RE = re.compile(r'<select[^>]*name="country"[^>]*>.*?<option[^>]*value="(\d+)"', re.S)
VACANCY_RE = re.compile(r'href="/my/vacancies/(\d+)"')


def shape(query):
    """A query with its literals replaced, to find the same query run again and again."""
    query = re.sub(r"'(?:[^']|'')*'", "?", query)
    query = re.sub(r"\b\d+\b", "?", query)
    query = re.sub(r"\(\?(?:, \?)*\)", "(?...)", query)
    return re.sub(r"\s+", " ", query).strip()


def requests_in(log_text):
    """[(method, path, [(ms, query)], python_s)] in the order of the log: the SQL lines of a
    request come before its werkzeug line (one request at a time)."""
    found, pending = [], []
    for line in log_text.splitlines():
        sql = SQL_RE.search(line)
        if sql:
            pending.append((float(sql.group(1)), sql.group(2)))
            continue
        request = REQUEST_RE.search(line)
        if request:
            method, path, _status, _count, _sql_s, python_s = request.groups()
            found.append((method, path, pending, float(python_s)))
            pending = []
    return found


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=os.environ.get("LOAD_DB") or "mrc_load")
    parser.add_argument("--port", type=int, default=env_int("LOAD_PORT", 8079))
    parser.add_argument("--config", default="config/test.conf")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--output", help="write the figures (JSON) here")
    args = parser.parse_args(argv)
    mrcctl.check_odoo()
    mrcctl.check_postgres()
    if not load_setup.stored_scale(args.db):
        mrcctl.die(f"{args.db} is not set up: run make load (or run_load.py --setup-only)")
    folder = Path(tempfile.mkdtemp(prefix="mrc-profile-"))
    log_path = folder / "odoo.log"
    command = mrcctl.odoo_cmd(
        args.config,
        "-d",
        args.db,
        f"--db-filter=^{args.db}$",
        "--http-interface=127.0.0.1",
        f"--http-port={args.port}",
        "--workers=0",
        "--max-cron-threads=0",
        "--log-level=warn",
        "--log-handler=werkzeug:INFO",
        "--log-handler=odoo.sql_db:DEBUG",
        f"--logfile={log_path}",
    )
    server = subprocess.Popen(
        command, env=mrcctl.odoo_env(), cwd=mrcctl.ROOT, start_new_session=True
    )  # fmt: skip
    url = f"http://127.0.0.1:{args.port}"
    pages = {}
    try:
        wait_for_server(server, url)
        session = requests.Session()
        login = load_setup.migrant_login(1)
        token = CSRF_RE.search(session.get(f"{url}/web/login").text).group(1)
        session.post(
            f"{url}/web/login",
            data={"login": login, "password": login, "csrf_token": token, "redirect": "/my"},
        )
        first = session.get(f"{url}/my/vacancies").text
        country = OPTION_RE.search(first)
        job_id = VACANCY_RE.search(first).group(1)
        plan = {
            "/my/vacancies": "/my/vacancies",
            "/my/vacancies?filters": "/my/vacancies?sortby=name&housing=1&country="
            + (country.group(1) if country else ""),
            "/my/vacancies/page/[n]": "/my/vacancies/page/5?sortby=deadline",
            "/my/vacancies/[id]": f"/my/vacancies/{job_id}",
            "/my/matches": "/my/matches",
        }
        for name, path in plan.items():
            for _i in range(args.repeat):
                log_size = log_path.stat().st_size
                session.get(f"{url}{path}").raise_for_status()
            # the werkzeug line may come a moment after the answer
            for _i in range(50):
                with open(log_path, errors="replace") as log:
                    log.seek(log_size)
                    found = requests_in(log.read())
                if found:
                    break
                time.sleep(0.1)
            _method, _path, queries, python_s = found[-1]
            shapes = Counter(shape(q) for _ms, q in queries)
            pages[name] = {
                "path": path,
                "queries": len(queries),
                "sql_ms": round(sum(ms for ms, _q in queries), 1),
                "python_ms": round(python_s * 1000, 1),
                "slowest": [
                    {"ms": ms, "query": q[:300]} for ms, q in sorted(queries, reverse=True)[:4]
                ],
                "repeated": [
                    {"times": n, "query": s[:300]} for s, n in shapes.most_common(5) if n > 2
                ],
            }
    finally:
        stop_server(server)
    for name, page in pages.items():
        print(f"\n== {name} ({page['path']}): {page['queries']} queries, "
              f"SQL {page['sql_ms']:.0f} ms, Python {page['python_ms']:.0f} ms")  # fmt: skip
        for item in page["slowest"]:
            print(f"   {item['ms']:8.1f} ms  {item['query'][:160]}")
        for item in page["repeated"]:
            print(f"   {item['times']:>4} x same query: {item['query'][:150]}")
    if args.output:
        Path(args.output).write_text(json.dumps(pages, indent=2) + "\n")
    print(f"\nprofile: log in {log_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
