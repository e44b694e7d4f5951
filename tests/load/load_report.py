"""Figures of a load run: locust's CSV, Odoo's request log and the sampled memory, gathered
into the ``load`` entry of ``bench-results.json`` and printed as a table."""

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


def number(value):
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def collect(folder, peaks):
    """The run's figures: per page and in total (locust's CSV), memory, server-side costs."""
    pages = {}
    total = {}
    with open(folder / "locust_stats.csv", newline="") as handle:
        for row in csv.DictReader(handle):
            item = {
                "requests": int(row["Request Count"]),
                "errors": int(row["Failure Count"]),
                "p50_ms": number(row["50%"]),
                "p95_ms": number(row["95%"]),
                "p99_ms": number(row["99%"]),
                "max_ms": number(row["Max Response Time"]),
                "rps": round(float(row["Requests/s"]), 2),
            }
            if row["Name"] == "Aggregated":
                total = item
            else:
                pages[row["Name"]] = item
    failures = []
    failures_csv = folder / "locust_failures.csv"
    if failures_csv.exists():
        with open(failures_csv, newline="") as handle:
            failures = [
                {"page": row["Name"], "error": row["Error"], "count": int(row["Occurrences"])}
                for row in csv.DictReader(handle)
            ]
    costs, server_errors = server_side(folder / "odoo.log")
    for name, item in pages.items():
        item.update(costs.get(name, {}))
    workers = sorted(
        (item for item in peaks.values() if item["role"] == "worker"),
        key=lambda item: -item["peak_mb"],
    )
    return {
        "pages": pages,
        "total": total,
        "errors": total.get("errors", 0),
        "failures": failures[:20],
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


def table(result, target_p95_ms):
    """Lines of the printed summary."""

    def ms(value):
        return "-" if value is None else f"{value:.0f}"

    lines = [
        "",
        f"{'page':<30} {'requests':>8} {'errors':>6} {'p50':>6} {'p95':>6} {'p99':>6}"
        f" {'queries':>7} {'sql':>6} {'python':>6}",
    ]
    names = [n for n in ORDER if n in result["pages"]]
    names += sorted(n for n in result["pages"] if n not in ORDER)
    for name in names:
        item = result["pages"][name]
        lines.append(
            f"{name:<30} {item['requests']:>8} {item['errors']:>6} {ms(item['p50_ms']):>6}"
            f" {ms(item['p95_ms']):>6} {ms(item['p99_ms']):>6}"
            f" {item.get('queries_median', '-'):>7} {ms(item.get('sql_ms_median')):>6}"
            f" {ms(item.get('python_ms_median')):>6}"
        )
    total = result["total"]
    lines.append(
        f"{'all':<30} {total.get('requests', 0):>8} {total.get('errors', 0):>6}"
        f" {ms(total.get('p50_ms')):>6} {ms(total.get('p95_ms')):>6} {ms(total.get('p99_ms')):>6}"
    )
    lines.append(
        "(times in ms: p50/p95/p99 as the users saw them; queries, sql and python: median "
        "per request from Odoo's log)"
    )
    pages_p95 = [item["p95_ms"] or 0 for n, item in result["pages"].items() if n != "/web/login"]
    worst = max(pages_p95 or [0])
    verdict_p95 = "met" if worst < target_p95_ms else "missed"
    verdict_errors = "met" if result["errors"] == 0 else "missed"
    lines += [
        f"target p95 < {target_p95_ms} ms on every page (login apart): worst {worst:.0f} ms, "
        f"{verdict_p95}",
        f"target 0 errors: {result['errors']} ({verdict_errors}); server errors logged: "
        f"{result['server_errors_logged']}",
        f"workers' peak RSS (MB): {', '.join(f'{mb:.0f}' for mb in result['worker_peak_rss_mb'])}"
        f" (at start: {', '.join(f'{mb:.0f}' for mb in result['worker_start_rss_mb'])})",
    ]
    for failure in result["failures"][:5]:
        lines.append(f"  failure: {failure['count']} x {failure['page']}: {failure['error']}")
    return lines
