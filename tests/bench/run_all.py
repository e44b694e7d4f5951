#!/usr/bin/env python3
"""Run every benchmark under tests/bench/ and write their figures to one JSON file.

Each ``tests/bench/bench_*.py`` runs as its own process (so that its memory peak is its own),
with ``--output FILE``: it writes a JSON list of ``{"name", "median_s", "runs", "peak_mb"}``
objects there (or, failing that, prints one such JSON object per line). The results are
gathered into ``--output`` (``bench-results.json`` for ``make bench``) and checked against the
targets of the matching scenarios, which are printed with the speed-up over the stock method.
A benchmark that fails is reported and makes the exit status non-zero; the others still run.
"""

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
# scenario -> (target in seconds, target in MB or None); the stock method's twin must be at
# least ten times slower
TARGETS = {
    "click_find_candidates_100k": (0.1, None),
    "click_find_candidates_100k_cold": (0.5, None),
    "click_find_jobs_20k": (0.1, None),
    "click_find_jobs_20k_cold": (0.3, None),
    "matching_memory_100k": (None, 150.0),
    "rematch_100k_x_5k": (30.0, 1024.0),
    # a liaison's edit of a published vacancy until its matches are stored
    "edit_vacancy_to_matches_100k": (5.0, None),
    "edit_vacancy_to_matches_100k_long_here": (5.0, None),
    # M&E (bench_me.py) over 1,000,000 service records
    "me_indicators_1y_all_breakdowns": (1.0, None),
    "donor_xlsx_1y": (3.0, None),
    **{
        f"me_dashboard_tab_{tab}": (0.5, None)
        for tab in (
            "Migrants",
            "Services",
            "Referrals",
            "Placements",
            "Complaints",
            "Remedies",
            "Organisations",
        )
    },
}
SPEEDUP = 10.0


def run_one(script, extra):
    """Run one benchmark script; return (results, error message or None)."""
    with tempfile.TemporaryDirectory() as tmp:
        output = Path(tmp) / "results.json"
        proc = subprocess.run(
            [sys.executable, str(script), "--output", str(output), *extra],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        sys.stdout.write(proc.stdout)
        sys.stderr.write(proc.stderr[-5000:])
        if output.exists():
            results = json.loads(output.read_text())
        else:
            results = []
            for line in proc.stdout.splitlines():
                line = line.strip()
                if line.startswith("{"):
                    try:
                        item = json.loads(line)
                    except ValueError:
                        continue
                    if isinstance(item, dict) and "name" in item:
                        results.append(item)
        if proc.returncode != 0:
            return results, f"{script.name} exited with {proc.returncode}"
        return results, None


def check_targets(results):
    """Lines saying how each matching scenario fares against its targets."""
    by_name = {item["name"]: item for item in results}
    lines = []
    for name, (seconds, megabytes) in TARGETS.items():
        item = by_name.get(name)
        if not item:
            lines.append(f"{name}: not measured")
            continue
        verdicts = []
        if seconds:
            verdicts.append(
                f"{item['median_s']:.3f} s (target <= {seconds:g} s: "
                f"{'met' if item['median_s'] <= seconds else 'missed'})"
            )
        if megabytes:
            verdicts.append(
                f"peak {item['peak_mb']:.0f} MB (target < {megabytes:g} MB: "
                f"{'met' if item['peak_mb'] < megabytes else 'missed'})"
            )
        stock = by_name.get(f"stock_{name}")
        if stock and item["median_s"] > 0:
            ratio = stock["median_s"] / item["median_s"]
            verdicts.append(
                f"stock {stock['median_s']:.3f} s, {ratio:.1f}x faster "
                f"(target >= {SPEEDUP:g}x: {'met' if ratio >= SPEEDUP else 'missed'})"
            )
        if item.get("machine"):
            verdicts.append(f"on {item['machine']}, load {item.get('loadavg_1m', 0):.1f}")
        lines.append(f"{name}: " + "; ".join(verdicts))
    return lines


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", default="bench-results.json")
    parser.add_argument("--quick", action="store_true", help="smaller sizes, for a smoke run")
    args = parser.parse_args(argv)
    extra = ["--quick"] if args.quick else []
    results, errors = [], []
    for script in sorted(HERE.glob("bench_*.py")):
        print(f"bench: running {script.name}", flush=True)
        found, error = run_one(script, extra if script.name == "bench_matching.py" else [])
        results += found
        if error:
            errors.append(error)
    Path(args.output).write_text(json.dumps(results, indent=2) + "\n")
    print(f"\nbench: {len(results)} results written to {args.output}")
    for line in check_targets(results):
        print(f"  {line}")
    for error in errors:
        print(f"bench: {error}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
