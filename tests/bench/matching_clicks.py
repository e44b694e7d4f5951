"""What a counsellor clicks, timed by ``bench_matching.py``: "Find candidates" and "Find jobs"
as ``/web/dataset/call_button`` runs them, as a counsellor, then the first page of the match
list as the web client reads it; cold clicks in fresh processes; the matching memory of a
worker."""

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent.parent
BENCH = Path(__file__).resolve().with_name("bench_matching.py")
COUNSELLOR_LOGIN = "bench_counsellor"
MACHINE = f"{os.cpu_count()} cores (the 1-minute load average beside each figure says how shared)"


def counsellor(env):
    """The bench's counsellor (created once per database): the buttons run as this user."""
    user = env["res.users"].search([("login", "=", COUNSELLOR_LOGIN)])
    if not user:
        user = env["res.users"].create(
            {
                "name": "Bench counsellor",
                "login": COUNSELLOR_LOGIN,
                "groups_id": [(6, 0, [env.ref("mrc_recruiters.group_mrc_counsellor").id])],
            }
        )
    return user


def list_specification(env):
    """What the web client reads for the match list: the list view's fields, many2ones
    with their display name (the specification of ``web_search_read``)."""
    from lxml import etree

    Match = env["mrc.match"]
    arch = etree.fromstring(Match.get_view(view_type="list")["arch"])
    spec = {}
    for node in arch.iter("field"):
        name = node.get("name")
        field = Match._fields[name]
        spec[name] = {"fields": {"display_name": {}}} if field.type == "many2one" else {}
    return spec


def click(env, record, button, spec):
    """A counsellor's click: the button (as ``/web/dataset/call_button`` runs it), then the
    first page of the match list it opens, read as the web client reads it (``spec``: the
    list view's fields, which the client knows from the view)."""
    action = getattr(record, button)()
    domain = [*action["domain"], ("state", "in", ("suggested", "shortlisted"))]
    return env["mrc.match"].web_search_read(domain, spec, limit=80, order="score desc, id")


def click_targets(registry):
    """(counsellor id, vacancy id, migrant id, list specification) the click scenarios use:
    the middle vacancy and migrant."""
    import odoo

    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        user = counsellor(env)
        jobs = env["hr.job"].search([("mrc_is_eligible", "=", True)], order="id")
        candidates = env["hr.candidate"].search([], order="id")
        spec = list_specification(env)
        cr.commit()
        return user.id, jobs[len(jobs) // 2].id, candidates[len(candidates) // 2].id, spec


def one_click(registry, scenario, targets):
    """One click in a transaction of its own, as one request; returns the rows listed."""
    import odoo

    uid, job_id, candidate_id, spec = targets
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, uid, {"lang": "en_US"})
        if scenario == "candidates":
            record, button = env["hr.job"].browse(job_id), "action_mrc_find_candidates"
        else:
            record, button = env["hr.candidate"].browse(candidate_id), "action_mrc_find_jobs"
        page = click(env, record, button, spec)
        return page["length"]


def memory_mb():
    """This process's memory (MB): resident, proportional (shared pages split between their
    users), private (pages no other process maps at the moment, mapped file pages included)
    and anonymous (its own heap: what it cannot share with another worker)."""
    values = {}
    with open("/proc/self/smaps_rollup") as smaps:
        for line in smaps:
            parts = line.split()
            if parts[0] in ("Rss:", "Pss:", "Private_Clean:", "Private_Dirty:", "Anonymous:"):
                values[parts[0][:-1]] = int(parts[1]) / 1024
    return {
        "rss": values["Rss"],
        "pss": values["Pss"],
        "private": values["Private_Clean"] + values["Private_Dirty"],
        "anonymous": values["Anonymous"],
    }


def child(db, mode):
    """A fresh process (cold: empty matching cache, empty registry caches): time the first
    click, or measure the memory of the matching data; print one JSON line."""
    import odoo
    from odoo.modules.registry import Registry

    odoo.tools.config.parse_config(
        ["-c", str(ROOT / "config/test.conf"), f"--addons-path={ROOT / 'addons'}"]
    )
    registry = Registry(db)
    targets = click_targets(registry)
    if mode == "memory":
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"lang": "en_US"})
            index = env["mrc.match.index"]
            before = memory_mb()
            start = time.perf_counter()
            tables = [
                index._mrc_cached("c", index._mrc_all_candidates, "en_US")[0],
                index._mrc_cached("j", index._mrc_all_jobs, "en_US")[0],
            ]
            seconds = time.perf_counter() - start
            # every page of the arrays touched, as a worker ranking everything would
            touched = 0
            for array in _arrays_of(tables):
                array.sum()  # reads every page
                touched += array.nbytes
            after = memory_mb()
        print(json.dumps({
            "seconds": seconds,
            "arrays_mb": touched / 2**20,
            **{f"{key}_mb": after[key] - before[key] for key in after},
        }), flush=True)  # fmt: skip
        return
    start, start_cpu = time.perf_counter(), time.process_time()
    rows = one_click(registry, mode, targets)
    seconds, cpu = time.perf_counter() - start, time.process_time() - start_cpu
    print(json.dumps({"seconds": seconds, "cpu": cpu, "rows": rows}), flush=True)


def _arrays_of(value):
    """Every numpy array a table holds (its columns, postings and row groups)."""
    if isinstance(value, np.ndarray):
        if value.dtype.kind in "biuf":
            yield value
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _arrays_of(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _arrays_of(item)
    elif hasattr(value, "__dict__"):
        yield from _arrays_of(vars(value))


def run_child(db, mode):
    proc = subprocess.run(
        [sys.executable, str(BENCH), "--child", mode, "--keep-db", db],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return json.loads(proc.stdout.strip().splitlines()[-1])


def cold(name, db, mode, runs):
    """The first click in ``runs`` fresh processes; the shared file is there (built once per
    database), the process's caches are empty."""
    found = [run_child(db, mode) for _i in range(runs)]
    times = [item["seconds"] for item in found]
    result = {
        "name": name,
        "median_s": round(statistics.median(times), 4),
        "cpu_s": round(statistics.median(item["cpu"] for item in found), 4),
        "runs": runs,
        "max_s": round(max(times), 4),
        "machine": MACHINE,
        "loadavg_1m": os.getloadavg()[0],
    }
    print(json.dumps(result), flush=True)
    return result


def forget_file(registry, kind):
    """Remove the database's shared table ``kind`` (and this process's copy)."""
    import odoo

    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        index = env["mrc.match.index"]
        index._mrc_store_path(kind, "en_US").unlink(missing_ok=True)
        index._mrc_forget()


# ---------------------------------------------------------------------------------------------
# An edit of a published vacancy, until its matches are stored
# ---------------------------------------------------------------------------------------------
LIAISON_LOGIN = "bench_liaison"


def liaison(env):
    """The bench's employer liaison (created once per database): edits vacancies."""
    user = env["res.users"].search([("login", "=", LIAISON_LOGIN)])
    if not user:
        user = env["res.users"].create(
            {
                "name": "Bench liaison",
                "login": LIAISON_LOGIN,
                "groups_id": [(6, 0, [env.ref("mrc_recruiters.group_mrc_liaison").id])],
            }
        )
    return user


def run_queued_jobs(registry, since_id):
    """Run the background jobs queued after ``since_id`` as queue_job's runner does: mark them
    enqueued, then acquire and perform each in a transaction of its own (the runner's
    ``/queue_job/runjob``). Returns the number of jobs run."""
    import odoo

    from odoo.addons.queue_job.controllers.main import RunJobController

    with registry.cursor() as cr:
        cr.execute(
            """UPDATE queue_job SET state = 'enqueued'
                WHERE id > %s AND state = 'pending' RETURNING uuid""",
            [since_id],
        )
        uuids = [row[0] for row in cr.fetchall()]
    for uuid in uuids:
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            job = RunJobController._acquire_job(env, uuid)
            if job:
                RunJobController._try_perform_job(env, job)
    return len(uuids)


def edit_targets(registry):
    """(liaison id, vacancy id, requirement id) of the edit scenario: the published vacancy
    the clicks use, one of its requirements."""
    import odoo

    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        user = liaison(env)
        _uid, job_id, _cid, _spec = click_targets(registry)
        requirement = env["hr.job"].browse(job_id).mrc_skill_requirement_ids[:1]
        cr.commit()
        return user.id, job_id, requirement.id


def edit_vacancy(registry, targets, weight):
    """A liaison changes the weight of a published vacancy's requirement (the form's save),
    then the job runner runs what the edit queued. Returns the seconds until the vacancy's
    matches were stored and the number of jobs run."""
    import odoo

    uid, job_id, requirement_id = targets
    start = time.perf_counter()
    with registry.cursor() as cr:
        cr.execute("SELECT COALESCE(max(id), 0) FROM queue_job")
        since = cr.fetchone()[0]
        env = odoo.api.Environment(cr, uid, {"lang": "en_US"})
        env["hr.job"].browse(job_id).write(
            {"mrc_skill_requirement_ids": [(1, requirement_id, {"weight": weight})]}
        )
    ran = run_queued_jobs(registry, since)
    seconds = time.perf_counter() - start
    with registry.cursor() as cr:
        cr.execute("SELECT count(*), max(write_date) FROM mrc_match WHERE job_id = %s", [job_id])
        count, _last = cr.fetchone()
    return seconds, ran, count


class hold_transaction:
    """Keep a transaction open on another connection (with a transaction id, as another
    worker's long request or a running rematch has) for the duration of a block."""

    def __init__(self, db):
        self.db = db

    def __enter__(self):
        import odoo.sql_db

        self.cr = odoo.sql_db.db_connect(self.db).cursor()
        self.cr.execute("SELECT txid_current()")
        return self

    def __exit__(self, *exc):
        self.cr.rollback()
        self.cr.close()


def touch_migrants(registry, count):
    """Write ``count`` migrants without changing them (a bulk import that rewrites them): the
    change log names each one, committed."""
    with registry.cursor() as cr:
        cr.execute(
            """UPDATE hr_candidate SET mrc_desired_job = mrc_desired_job
                WHERE id IN (SELECT id FROM hr_candidate WHERE active ORDER BY id LIMIT %s)""",
            [count],
        )
