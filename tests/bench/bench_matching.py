"""Matching benchmarks: generated migrants and vacancies, the engine against Odoo's stock method.

``generate(n_candidates, n_jobs, seed)`` (``matching_world.py``) builds a reproducible world
(skills in English and Spanish with misspelt duplicates, migrants with levels, languages,
desired occupations and preferred countries, vacancies with weighted, partly mandatory
requirements). ``load(env, world)`` (``matching_load.py``) writes it into an Odoo database with
bulk SQL (COPY), and the scenarios (the clicks in ``matching_clicks.py``) time what a counsellor
runs and the stock "Search Matching Candidates" of hr_recruitment_skills on the same data:

* ``click_find_candidates_100k``: a counsellor's "Find candidates" on one vacancy among
  100,000 migrants (the button's method, as ``/web/dataset/call_button`` runs it, as that
  user), then the first page of the match list as the web client reads it
  (``web_search_read`` with the list view's fields); warm (this process, median), ``_cold``
  (the first click of fresh processes: empty caches, the shared file there) and
  ``_first_build`` (the first click of all, which builds the database's shared file);
* ``click_find_jobs_20k``: the same for "Find jobs" on one migrant among 20,000 vacancies;
* ``matching_memory_100k``: what a fresh worker holds once it maps both shared tables;
* ``rematch_100k_x_5k``: a full rematch of 100,000 migrants against 5,000 vacancies;
* ``edit_vacancy_to_matches_100k``: a liaison saves a published vacancy with one requirement
  changed, then the job runner runs the re-ranking the edit queued (as queue_job's
  ``/queue_job/runjob`` does): the seconds until its matches are stored. Run while a long
  transaction of another database of the server stays open (a bulk load next door) and
  after 10,000 migrants were written since it began (an import), the state that made the
  shared migrant table count as stale and be rebuilt on every edit; the first edit after
  the import (which may read the table again once) is timed apart (``_first``).
  ``_long_here``: the same with the long transaction in the bench's own database (another
  worker's long request, a rematch running), which holds back the mark of every table read
  while it runs.

``--only a,b`` runs only the scenarios whose names start with one of these prefixes.

Every figure carries the machine it was measured on (``machine``, ``loadavg_1m``).

Run through ``tests/bench/run_all.py`` (``make bench``), or alone:
``python3 tests/bench/bench_matching.py --quick``.
"""

import argparse
import json
import os
import resource
import statistics
import sys
import threading
import time
from pathlib import Path

from matching_clicks import (
    MACHINE,
    child,
    click_targets,
    cold,
    edit_targets,
    edit_vacancy,
    forget_file,
    hold_transaction,
    one_click,
    run_child,
    touch_migrants,
)
from matching_load import load, stock_top
from matching_world import generate, pure_tables

ROOT = Path(__file__).resolve().parent.parent.parent
__all__ = ["generate", "load", "setup_odoo_path"]  # what tests/load uses


class PeakMemory:
    """Peak resident memory of this process during a block (MB), sampled every 20 ms."""

    def __init__(self):
        self.peak_mb = 0.0
        self._stop = threading.Event()

    @staticmethod
    def rss_mb():
        with open("/proc/self/statm") as statm:
            pages = int(statm.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20

    def _sample(self):
        while not self._stop.is_set():
            self.peak_mb = max(self.peak_mb, self.rss_mb())
            self._stop.wait(0.02)

    def __enter__(self):
        self.peak_mb = self.rss_mb()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.peak_mb = max(self.peak_mb, self.rss_mb())


def measure(name, func, runs, warmup=1, before=None):
    """Time ``func`` ``runs`` times (after ``warmup`` untimed runs, and ``before``, untimed,
    before each); return the result object."""
    for _i in range(warmup):
        func()
    times, cpu = [], []
    with PeakMemory() as memory:
        for _i in range(runs):
            if before:
                before()
            start, start_cpu = time.perf_counter(), time.process_time()
            func()
            times.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
    result = {
        "name": name,
        "median_s": round(statistics.median(times), 4),
        # this process's CPU time (PostgreSQL's is not counted): less sensitive to the load
        "cpu_s": round(statistics.median(cpu), 4),
        "runs": runs,
        "peak_mb": round(memory.peak_mb, 1),
        "machine": MACHINE,
        "loadavg_1m": os.getloadavg()[0],
    }
    print(json.dumps(result), flush=True)
    return result


# ---------------------------------------------------------------------------------------------
# Loading into Odoo (bulk SQL) and the ORM scenarios
# ---------------------------------------------------------------------------------------------
def run_orm(scale, runs, include_stock=True, keep_db=None, only=None):
    """Create a database, install mrc_jobs, load the world, time the scenarios, drop it.

    ``keep_db``: use (and keep) this database instead, creating and loading it only when it
    does not exist yet (for repeated runs while developing).
    """
    sys.path.insert(0, str(ROOT / "scripts"))
    import mrcctl

    import odoo
    from odoo.modules.registry import Registry

    db = keep_db or f"mrc_bench_{os.getpid()}"
    n_candidates, n_jobs_big, n_jobs_rematch = scale
    results = []
    fresh = not (keep_db and mrcctl.db_exists(db))
    if not fresh:
        loaded = mrcctl.pg(
            "SELECT 1 FROM hr_skill_type WHERE name->>'en_US' = 'Bench trades'", dbname=db
        )
        fresh = not loaded
    if fresh:
        mrcctl.drop_db(db)
        mrcctl.pg(f'CREATE DATABASE "{db}"')
    try:
        odoo.tools.config.parse_config(
            ["-c", str(ROOT / "config/test.conf"), f"--addons-path={ROOT / 'addons'}"]
        )
        if fresh:
            print(f"bench: installing mrc_jobs into {db}", flush=True)
            mrcctl.install(db, "config/test.conf", ["mrc_jobs"], ["--without-demo=all"])
            registry = Registry(db)
            world = generate(n_candidates, n_jobs_big)
            print(
                f"bench: loading {len(world.candidates)} migrants, {len(world.jobs)} vacancies",
                flush=True,
            )
            with registry.cursor() as cr:
                env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
                start = time.perf_counter()
                load(env, world)
                cr.commit()
                print(f"bench: loaded in {time.perf_counter() - start:.1f} s", flush=True)
        registry = Registry(db)
        results += orm_scenarios(registry, n_jobs_rematch, runs, include_stock, only)
    finally:
        if not keep_db:
            mrcctl.drop_db(db)
    return results


def orm_scenarios(registry, n_jobs_rematch, runs, include_stock, only=None):

    def wanted(name):
        return not only or any(name.startswith(prefix) for prefix in only)

    results = []
    targets = click_targets(registry)
    db = registry.db_name
    cold_runs = max(1, min(runs, 3))
    for scenario, name in (
        ("candidates", "click_find_candidates_100k"),
        ("jobs", "click_find_jobs_20k"),
    ):
        if not wanted(name):
            continue
        # once per database: the first click of all builds the shared file
        forget_file(registry, scenario[0])
        results.append(
            measure(f"{name}_first_build", lambda s=scenario: one_click(registry, s, targets), 1, 0)
        )
        results.append(cold(f"{name}_cold", db, scenario, cold_runs))
        results.append(measure(name, lambda s=scenario: one_click(registry, s, targets), runs))
    for name, where in (
        ("edit_vacancy_to_matches_100k", "postgres"),
        ("edit_vacancy_to_matches_100k_long_here", db),
    ):
        if wanted(name):
            results += edit_scenario(registry, runs, name, where)
    if wanted("matching_memory_100k"):
        results.append(memory_result(db))
    if wanted("rematch_100k_x_5k") or (include_stock and wanted("stock")):
        results += rematch_scenarios(registry, targets, n_jobs_rematch, runs, include_stock)
    return results


def edit_scenario(registry, runs, scenario, where):
    """``edit_vacancy_to_matches_100k`` (and ``_long_here``): see the module's docstring."""
    targets = edit_targets(registry)
    results = []
    with hold_transaction(where):
        touch_migrants(registry, 10_000)
        weights = iter([2.0, 1.0] * (runs + 1))
        for name, count in ((f"{scenario}_first", 1), (scenario, runs)):
            times, cpu, jobs, stored = [], [], 0, 0
            with PeakMemory() as memory:
                for _i in range(count):
                    start_cpu = time.process_time()
                    seconds, ran, stored = edit_vacancy(registry, targets, next(weights))
                    times.append(seconds)
                    cpu.append(time.process_time() - start_cpu)
                    jobs += ran
            result = {
                "name": name,
                "median_s": round(statistics.median(times), 4),
                "cpu_s": round(statistics.median(cpu), 4),
                "runs": count,
                "max_s": round(max(times), 4),
                "jobs_run": jobs,
                "matches_stored": stored,
                "peak_mb": round(memory.peak_mb, 1),
                "machine": MACHINE,
                "loadavg_1m": os.getloadavg()[0],
            }
            print(json.dumps(result), flush=True)
            results.append(result)
    return results


def memory_result(db):
    memory = run_child(db, "memory")
    result = {
        "name": "matching_memory_100k",
        "median_s": round(memory["seconds"], 4),
        "runs": 1,
        "peak_mb": round(memory["rss_mb"], 1),
        "private_mb": round(memory["private_mb"], 1),
        "pss_mb": round(memory["pss_mb"], 1),
        "anonymous_mb": round(memory["anonymous_mb"], 1),
        "arrays_mb": round(memory["arrays_mb"], 1),
        "machine": MACHINE,
        "loadavg_1m": os.getloadavg()[0],
        "note": "a fresh worker mapping both shared tables: median_s to load them, "
        "peak_mb its resident growth with every page touched; anonymous_mb is its own "
        "heap, the rest are the file's pages, shared by every worker that maps it",
    }
    print(json.dumps(result), flush=True)
    return result


def rematch_scenarios(registry, targets, n_jobs_rematch, runs, include_stock):
    import mrcctl

    import odoo

    results = []
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        jobs = env["hr.job"].search([("mrc_is_eligible", "=", True)], order="id")
        job = env["hr.job"].browse(targets[1])
        if include_stock:

            def stock_vacancy():
                env.invalidate_all()
                stock_top(env, job, 50)

            results.append(measure("stock_click_find_candidates_100k", stock_vacancy, 1, 0))
        rematch_jobs = jobs[:n_jobs_rematch]
        rematch_ids = rematch_jobs.ids

        def rematch():
            # a transaction of its own, rolled back: every run starts from the same matches
            with registry.cursor() as rcr:
                renv = odoo.api.Environment(rcr, odoo.SUPERUSER_ID, {})
                jobs_here = renv["hr.job"].browse(rematch_ids)
                renv["mrc.match.refresh"]._mrc_refresh_matches(jobs=jobs_here)
                rcr.rollback()

        def vacuum():
            # the rows earlier runs wrote and rolled back are dead but still in the table and
            # its indexes until vacuumed (as autovacuum does for a live database): without
            # this, each run reads more of them than the last
            mrcctl.pg("VACUUM ANALYZE mrc_match", dbname=registry.db_name)

        results.append(measure("rematch_100k_x_5k", rematch, max(1, runs // 5), 0, before=vacuum))
        if include_stock:
            # the stock method, job by job, on a sample; extrapolated to all vacancies
            sample = rematch_jobs[:5]

            def stock_sample():
                env.invalidate_all()
                for one in sample:
                    stock_top(env, one, 50)

            sample_result = measure("stock_rematch_sample_5_jobs", stock_sample, 1, 0)
            results.append(
                {
                    "name": "stock_rematch_100k_x_5k",
                    "median_s": round(
                        sample_result["median_s"] * len(rematch_jobs) / len(sample), 1
                    ),
                    "runs": 1,
                    "peak_mb": sample_result["peak_mb"],
                    "extrapolated_from": f"{len(sample)} of {len(rematch_jobs)} vacancies",
                }
            )
            print(json.dumps(results[-1]), flush=True)
        cr.rollback()
    return results


def run_pure(scale, runs):
    """The pure kernel alone (no database): full rematch and single queries."""
    from odoo.addons.mrc_jobs.lib import matching as m

    n_candidates, _n_jobs_big, n_jobs_rematch = scale
    world = generate(n_candidates, n_jobs_rematch)
    jobs, candidates, vocabulary = pure_tables(world)
    weights = m.Weights()
    results = []

    def full():
        sim = m.similarity_for(jobs, candidates, vocabulary, weights.threshold)
        m.rank_candidates(jobs, candidates, sim, weights, limit=20)

    results.append(measure("pure_rematch_100k_x_5k", full, max(1, runs // 5), 0))
    return results


def setup_odoo_path():
    import odoo

    addons = str(ROOT / "addons")
    if addons not in odoo.addons.__path__:
        odoo.addons.__path__.append(addons)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a tenth of the sizes")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--pure-only", action="store_true")
    parser.add_argument("--orm-only", action="store_true")
    parser.add_argument("--no-stock", action="store_true")
    parser.add_argument("--output", help="write the results (JSON list) here")
    parser.add_argument("--keep-db", help="reuse (or create and keep) this database")
    parser.add_argument("--only", help="comma-separated scenario name prefixes to run")
    parser.add_argument(
        "--child",
        choices=("candidates", "jobs", "memory"),
        help="(internal) a fresh process timing one cold click, or the matching memory",
    )
    args = parser.parse_args(argv)
    setup_odoo_path()
    if args.child:
        return child(args.keep_db, args.child)
    scale = (10_000, 2_000, 500) if args.quick else (100_000, 20_000, 5_000)
    results = [] if args.orm_only else run_pure(scale, args.runs)
    if not args.pure_only:
        only = [name for name in (args.only or "").split(",") if name]
        results += run_orm(scale, args.runs, not args.no_stock, args.keep_db, only)
    if args.output:
        Path(args.output).write_text(json.dumps(results, indent=2) + "\n")
    return results


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    main()
