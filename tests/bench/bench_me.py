"""M&E benchmarks: the indicator set, the dashboard's tabs and the donor XLSX over ten years.

The world (``me_world.py``): 300,000 client cards, 1,000,000 service records, 50,000
complaints and 20,000 referrals over ten years, written in bulk, stored computes recomputed by
the ORM. Scenarios, each as a manager user through the ORM, on the last full year:

* ``me_indicators_1y_all_breakdowns``: every indicator, without breakdown and by each
  breakdown it allows (month, quarter, year, sex, age band, nationality, corridor, migration
  status, channel, type): what the donor report exports (target < 1 s);
* ``me_dashboard_tab_<tab>``: the data a dashboard tab asks for on its first load: one
  ``read_group`` per pivot and chart of the tab (as the spreadsheet's data sources ask), over
  the clients of the default period (target < 0.5 s each);
* ``donor_xlsx_1y``: the donor report's XLSX for the year, all centres (target < 3 s).

Figures are medians over a few runs, printed, never asserted. The machine's cores are shared
with other work (``loadavg_1m`` is printed beside each figure).

Alone: ``python3 tests/bench/bench_me.py [--scale 0.1] [--keep-db mrc_me_bench]``.
"""

import argparse
import json
import resource
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from bench_matching import ROOT, measure, setup_odoo_path

TARGETS = {"me_indicators_1y_all_breakdowns": 1.0, "donor_xlsx_1y": 3.0, "me_dashboard_tab": 0.5}


def _prepare(db, scale, keep):
    """Create (or reuse) the database with mrc_reporting and the world; return the registry."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import mrcctl
    from me_world import load_me_world

    import odoo
    from odoo.modules.registry import Registry

    odoo.tools.config.parse_config(
        ["-c", str(ROOT / "config/test.conf"), f"--addons-path={ROOT / 'addons'}"]
    )
    if not (keep and mrcctl.db_exists(db)):
        mrcctl.drop_db(db)
        mrcctl.pg(f'CREATE DATABASE "{db}"')
        print(f"bench: installing mrc_reporting into {db}", flush=True)
        mrcctl.install(db, "config/test.conf", ["mrc_reporting"], ["--without-demo=all"])
    loaded = mrcctl.pg(
        "SELECT 1 FROM hr_candidate WHERE partner_name = 'Bench migrant 0'", dbname=db
    )
    if not loaded:
        registry = Registry(db)
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            start = time.perf_counter()
            summary = load_me_world(env, scale)
            cr.commit()
            print(f"bench: world loaded in {time.perf_counter() - start:.0f} s: {summary}")
        # what autovacuum does to tables written in bulk (the visibility map lets the
        # covering indexes answer without reading the tables)
        mrcctl.pg("VACUUM ANALYZE", dbname=db)
    return Registry(db)


def _manager(env):
    user = env["res.users"].search([("login", "=", "me_bench_manager")])
    if not user:
        user = env["res.users"].create(
            {
                "name": "M&E bench manager",
                "login": "me_bench_manager",
                "groups_id": [(4, env.ref("mrc_recruiters.group_mrc_manager").id)],
            }
        )
    return user


def scenarios(registry, runs):
    import odoo

    year = date.today().year - 1
    date_from, date_to = date(year, 1, 1), date(year, 12, 31)
    today = date.today()
    last_year = today - timedelta(days=365)
    results = []
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        manager = _manager(env)
        menv = env(user=manager, context={"lang": "en_US", "tz": "UTC"})
        Indicator = menv["mrc.indicator"]

        def indicators():
            menv.invalidate_all()
            return Indicator._mrc_donor_rows(date_from, date_to)

        rows = indicators()
        results.append(measure("me_indicators_1y_all_breakdowns", indicators, runs))
        results[-1]["rows"] = len(rows)
        for tab, sources in menv["spreadsheet.dashboard"]._mrc_dashboard_sources().items():

            def tab_load(sources=sources):
                menv.invalidate_all()
                for model, domain, groupby, aggregates, period in sources:
                    if period:  # the default period: the last 365 days
                        domain = [*domain, (period, ">=", last_year), (period, "<", today)]
                    menv[model].read_group(domain, aggregates, groupby, lazy=False)

            results.append(measure(f"me_dashboard_tab_{tab}", tab_load, runs))
        wizard = menv["mrc.donor.report.wizard"].create(
            {"date_from": date_from, "date_to": date_to}
        )

        def xlsx():
            menv.invalidate_all()
            return wizard._mrc_xlsx_bytes()

        results.append(measure("donor_xlsx_1y", xlsx, max(1, runs // 2)))
        cr.rollback()
    for item in results:
        target = TARGETS.get(item["name"]) or TARGETS["me_dashboard_tab"]
        print(
            f"{item['name']}: {item['median_s']:.3f} s (target < {target:g} s: "
            f"{'met' if item['median_s'] < target else 'missed'}; 2 cores shared with other "
            f"work, load {item['loadavg_1m']:.1f})",
            flush=True,
        )
    return results


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the full sizes")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep-db", help="reuse (or create and keep) this database")
    parser.add_argument("--output", help="write the results (JSON list) here")
    args = parser.parse_args(argv)
    setup_odoo_path()
    db = args.keep_db or "mrc_me_bench"
    registry = _prepare(db, args.scale, bool(args.keep_db))
    try:
        results = scenarios(registry, args.runs)
    finally:
        if not args.keep_db:
            import mrcctl

            registry.delete(db)
            mrcctl.drop_db(db)
    if args.output:
        Path(args.output).write_text(json.dumps(results, indent=2) + "\n")
    return results


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    main()
