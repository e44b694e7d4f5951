"""Figures of a load run: every request locust made, Odoo's request log and the sampled memory,
gathered into the ``load`` entry of ``bench-results.json`` and printed as a table."""

import csv
import json
import re
import statistics

# Odoo's request log line (werkzeug logger): ... "GET /path?query HTTP/1.1" 200 - 41 0.052 0.180
# the last three: query count, SQL time, remaining (Python) time
REQUEST_RE = re.compile(r'"(GET|POST) (\S+) HTTP/1\.\d" (\d{3}) \S+ (\d+) ([\d.]+) ([\d.]+)')
ORDER = [
    "/web/login",
    "/my/vacancies",
    "/my/vacancies?filters",
    "/my/vacancies/page/[n]",
    "/my/vacancies/[id]",
    "/my/vacancies/[id]/interest",
    "/my/matches",
    "/my/matches/page/[n]",
]


# the browsing figures are also given from this many seconds on, and per window of this many
WARM_S = 15
WINDOW_S = 10


def page_name(method, path):
    """The locust name of a request seen in Odoo's log."""
    route, _sep, query = path.partition("?")
    if route == "/web/login":
        return "/web/login" if method == "POST" else "/web/login (form)"
    if route == "/my/vacancies":
        return "/my/vacancies?filters" if query else "/my/vacancies"
    if re.fullmatch(r"/my/vacancies/page/\d+", route):
        return "/my/vacancies/page/[n]"
    if re.fullmatch(r"/my/vacancies/\d+/interest", route):
        return "/my/vacancies/[id]/interest"
    if re.fullmatch(r"/my/vacancies/\d+", route):
        return "/my/vacancies/[id]"
    if route == "/my/matches":
        return "/my/matches"
    if re.fullmatch(r"/my/matches/page/\d+", route):
        return "/my/matches/page/[n]"
    return None


def server_side(log_path):
    """Per page: median query count, SQL time and Python time (ms) from Odoo's request log,
    and the server errors (tracebacks) logged."""
    per_page = {}
    errors = 0
    if not log_path.exists():
        return {}, 0
    with open(log_path, errors="replace") as log:
        for line in log:
            if " ERROR " in line or " CRITICAL " in line:
                errors += 1
            found = REQUEST_RE.search(line)
            if not found:
                continue
            method, path, _status, queries, sql_s, python_s = found.groups()
            name = page_name(method, path)
            if name:
                per_page.setdefault(name, []).append((int(queries), float(sql_s), float(python_s)))
    summary = {}
    for name, rows in per_page.items():
        summary[name] = {
            "queries_median": statistics.median(r[0] for r in rows),
            "sql_ms_median": round(statistics.median(r[1] for r in rows) * 1000, 1),
            "python_ms_median": round(statistics.median(r[2] for r in rows) * 1000, 1),
        }
    return summary, errors


def percentile(values, fraction):
    """Nearest-rank percentile of ``values`` (sorted), or None."""
    if not values:
        return None
    rank = max(int(-(-fraction * len(values) // 1)) - 1, 0)
    return values[min(rank, len(values) - 1)]


def exact(rows):
    """{name: {requests, errors, p50_ms, p95_ms, p99_ms, max_ms}} and the total, from raw rows
    ``[start, name, ms, ok]`` (nearest-rank percentiles of every request)."""
    by_name = {}
    for _start, name, ms, ok in rows:
        by_name.setdefault(name, []).append((ms, ok))
    by_name["Aggregated"] = [(ms, ok) for _start, _name, ms, ok in rows]
    result = {}
    for name, items in by_name.items():
        times = sorted(ms for ms, _ok in items)
        result[name] = {
            "requests": len(items),
            "errors": sum(1 for _ms, ok in items if not ok),
            "p50_ms": percentile(times, 0.50),
            "p95_ms": percentile(times, 0.95),
            "p99_ms": percentile(times, 0.99),
            "max_ms": times[-1] if times else None,
        }
    total = result.pop("Aggregated")
    return result, total


def phases(raw):
    """(login rows, browsing rows, seconds the logins took) of the raw requests: the browsing
    phase starts when the last user logged in (``browse_from``)."""
    rows = [row for row in raw["requests"] if row[0]]
    since = raw.get("browse_from")
    if not rows or since is None:
        return [], rows, None
    first = min(row[0] for row in rows)
    return (
        [row for row in rows if row[0] < since],
        [row for row in rows if row[0] >= since],
        round(since - first, 1),
    )


def failures_of(folder):
    failures_csv = folder / "locust_failures.csv"
    if not failures_csv.exists():
        return []
    with open(failures_csv, newline="") as handle:
        return [
            {"page": row["Name"], "error": row["Error"], "count": int(row["Occurrences"])}
            for row in csv.DictReader(handle)
        ]


def collect(folder, peaks):
    """The run's figures from every request locust made (``requests.json``, exact percentiles):
    the browsing phase per page, with Odoo's per-page costs; the login phase; every error of
    the run; the memory of the server's processes."""
    raw = json.loads((folder / "requests.json").read_text())
    login_rows, browse_rows, login_s = phases(raw)
    pages, total = exact(browse_rows)
    login_pages, login_total = exact(login_rows)
    costs, server_errors = server_side(folder / "odoo.log")
    for name, item in pages.items():
        item.update(costs.get(name, {}))
    for name, item in login_pages.items():
        item.update(costs.get(name, {}))
    if browse_rows:
        span = max(r[0] + r[2] / 1000 for r in browse_rows) - min(r[0] for r in browse_rows)
        total["rps"] = round(len(browse_rows) / span, 2) if span > 0 else None
    since = raw.get("browse_from")
    warm_pages, warm_total = exact([r for r in browse_rows if since and r[0] >= since + WARM_S])
    windows = []
    for start in range(0, int(span) + 1 if browse_rows and since else 0, WINDOW_S):
        rows = [r for r in browse_rows if start <= r[0] - since < start + WINDOW_S]
        if rows:
            _pages, window = exact(rows)
            windows.append({"from_s": start, **window})
    workers = sorted(
        (item for item in peaks.values() if item["role"] == "worker"),
        key=lambda item: -item["peak_mb"],
    )
    return {
        "pages": pages,
        "total": total,
        "login_phase": {"seconds": login_s, "pages": login_pages, "total": login_total},
        # the same browsing once each worker has compiled its pages and met each user (the
        # first seconds cost each worker its templates and each user-worker pair its caches)
        "after_first_s": {"seconds": WARM_S, "pages": warm_pages, "total": warm_total},
        "browsing_windows": windows,
        "errors": total["errors"] + login_total["errors"],
        "failures": failures_of(folder)[:20],
        "server_errors_logged": server_errors,
        "worker_peak_rss_mb": [round(item["peak_mb"], 1) for item in workers],
        "worker_start_rss_mb": [round(item["first_mb"], 1) for item in workers],
        "other_peak_rss_mb": {
            item["role"]: round(item["peak_mb"], 1)
            for item in peaks.values()
            if item["role"] != "worker"
        },
    }


def write(path, result):
    """Put ``result`` under ``load`` in ``path`` and keep the rest. ``make bench`` writes a
    list of scenario objects: the load run is then one more, named ``portal_load`` (its overall
    median and peak worker memory in the benchmark's fields), with everything under ``load``."""
    data = None
    if path.exists():
        try:
            data = json.loads(path.read_text())
        except ValueError:
            data = None
    if isinstance(data, dict):
        data["load"] = result
    else:
        entry = {
            "name": "portal_load",
            "median_s": round((result["total"].get("p50_ms") or 0) / 1000, 4),
            "runs": result["total"].get("requests", 0),
            "peak_mb": max(result["worker_peak_rss_mb"] or [0]),
            "load": result,
        }
        data = [item for item in (data or []) if item.get("name") != "portal_load"] + [entry]
    path.write_text(json.dumps(data, indent=2) + "\n")


def ms(value):
    return "-" if value is None else f"{value:.0f}"


def page_lines(pages, total, costs=True):
    lines = [
        f"{'page':<30} {'requests':>8} {'errors':>6} {'p50':>6} {'p95':>6} {'p99':>6}"
        + (f" {'queries':>7} {'sql':>6} {'python':>6}" if costs else "")
    ]
    names = [n for n in ORDER if n in pages] + sorted(n for n in pages if n not in ORDER)
    for name in names:
        item = pages[name]
        line = (
            f"{name:<30} {item['requests']:>8} {item['errors']:>6} {ms(item['p50_ms']):>6}"
            f" {ms(item['p95_ms']):>6} {ms(item['p99_ms']):>6}"
        )
        if costs:
            line += (
                f" {item.get('queries_median', '-'):>7} {ms(item.get('sql_ms_median')):>6}"
                f" {ms(item.get('python_ms_median')):>6}"
            )
        lines.append(line)
    lines.append(
        f"{'all':<30} {total.get('requests', 0):>8} {total.get('errors', 0):>6}"
        f" {ms(total.get('p50_ms')):>6} {ms(total.get('p95_ms')):>6} {ms(total.get('p99_ms')):>6}"
    )
    return lines


def verdict(pages, errors, target_p95_ms):
    """(worst p95 of the pages, login apart; whether both targets are met)."""
    worst = max(
        (item["p95_ms"] or 0 for name, item in pages.items() if not name.startswith("/web/login")),
        default=0,
    )
    return worst, worst < target_p95_ms and errors == 0


def table(result, target_p95_ms, users, duration):
    """Lines of the printed summary."""
    lines = ["", f"Browsing: {users} users at once for {duration} s (ms; exact percentiles)"]
    lines += page_lines(result["pages"], result["total"])
    lines.append(
        "(queries, sql, python: median per request in Odoo's request log; "
        f"{result['total'].get('rps')} requests/s)"
    )
    worst, _met = verdict(result["pages"], result["total"]["errors"], target_p95_ms)
    login = result["login_phase"]
    warm = result.get("after_first_s")
    if warm and warm["total"].get("requests"):
        lines += [
            "",
            f"The same from {warm['seconds']} s on (workers warm; not the target's figure): "
            f"p50 {ms(warm['total']['p50_ms'])}, p95 {ms(warm['total']['p95_ms'])}, "
            f"p99 {ms(warm['total']['p99_ms'])} ms over {warm['total']['requests']} requests",
        ]
    if result.get("browsing_windows"):
        lines.append(
            "p95 per 10 s of browsing (ms): "
            + ", ".join(ms(w["p95_ms"]) for w in result["browsing_windows"])
        )
    lines += ["", f"Logging in: all {users} at once, {login['seconds']} s until the last was in"]
    lines += page_lines(login["pages"], login["total"])
    met = worst < target_p95_ms and result["errors"] == 0
    lines += [
        "",
        f"target p95 < {target_p95_ms} ms on every page while browsing and 0 errors: worst p95 "
        f"{worst:.0f} ms, {result['errors']} errors in the run: {'met' if met else 'missed'}",
        f"server errors logged: {result['server_errors_logged']}",
        f"workers' peak RSS (MB): {', '.join(f'{mb:.0f}' for mb in result['worker_peak_rss_mb'])}"
        f" (at start: {', '.join(f'{mb:.0f}' for mb in result['worker_start_rss_mb'])})",
    ]
    for failure in result["failures"][:5]:
        lines.append(f"  failure: {failure['count']} x {failure['page']}: {failure['error']}")
    return lines
