"""The load test's database: generated migrants and vacancies, and portal migrants with matches.

``ensure_database(db, scale)`` creates the database (the MRC add-ons without demo data), writes
the benchmark's generated world into it (``tests/bench/bench_matching.py``: ``generate`` and
``load``), then goes through the product's own doors for the rest:

* a counsellor (created as administrator) presses "Find jobs"
  (``hr.candidate.action_mrc_find_jobs``) on the cards of a pool of migrants spread over the
  generated ones (three per portal migrant wanted): the matching engine stores their matches;
* the first migrants of the pool with matches become the portal migrants: the counsellor opens
  the contact of each, links it to the card and gives them portal access with the standard
  portal wizard; each migrant then sets a password, as the invitation's sign-up page does.

A database already set up at the same scale is reused (the scale is kept in the system
parameter ``mrc_load.scale``); another scale, or ``reset``, builds it again.
"""

import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "tests" / "bench"))

import bench_matching  # noqa: E402  (the benchmark's generator and bulk loader)
import mrcctl  # noqa: E402

SCALE_PARAM = "mrc_load.scale"
COUNSELLOR_LOGIN = "mrc_load_counsellor"


def migrant_login(number):
    """Login (and password) of the load test's portal migrant ``number`` (1-based)."""
    return f"load.migrant.{number:03d}@example.org"


def scale_key(scale):
    migrants, vacancies, portal = scale
    return json.dumps({"migrants": migrants, "vacancies": vacancies, "portal": portal})


def stored_scale(db):
    """The scale the database was set up at, or None (no database, or not set up)."""
    if not mrcctl.db_exists(db):
        return None
    import psycopg2

    try:
        rows = mrcctl.pg(
            "SELECT value FROM ir_config_parameter WHERE key = %s", SCALE_PARAM, dbname=db
        )
    except psycopg2.Error:  # a half-made database: no such table
        return None
    return rows[0][0] if rows else None


def ensure_database(db, scale, config="config/test.conf", reset=False):
    """Set up (or reuse) ``db`` at ``scale`` = (migrants, vacancies, portal migrants).

    :return: a dict describing what the database holds (counts of matches per portal migrant).
    """
    key = scale_key(scale)
    if not reset and stored_scale(db) == key:
        print(f"load: reusing database {db} ({key})", flush=True)
        return describe(db, config)
    print(f"load: building database {db} ({key})", flush=True)
    mrcctl.drop_db(db)
    mrcctl.pg(f'CREATE DATABASE "{db}"')
    trigram_extension(db)
    start = time.perf_counter()
    mrcctl.install(db, config, mrcctl.ADDONS, ["--without-demo=all", "--log-level=warn"])
    print(f"load: add-ons installed in {time.perf_counter() - start:.0f} s", flush=True)
    registry = open_registry(db, config)
    migrants, vacancies, portal = scale
    import odoo

    start = time.perf_counter()
    world = bench_matching.generate(migrants, vacancies)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        bench_matching.load(env, world)
    print(
        f"load: {migrants} migrants and {vacancies} vacancies written in "
        f"{time.perf_counter() - start:.0f} s",
        flush=True,
    )
    start = time.perf_counter()
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        portal_migrants(env, portal)
        env["ir.config_parameter"].sudo().set_param(SCALE_PARAM, key)
    print(
        f"load: {portal} portal migrants given access and matched in "
        f"{time.perf_counter() - start:.0f} s",
        flush=True,
    )
    return describe(db, config)


def trigram_extension(db):
    """pg_trgm in ``db``, when the server has it: Odoo then indexes the vacancies' titles and
    cities by trigrams (``index="trigram"``) and the portal's search ("Job or city", a word
    anywhere in them) reads the index instead of every vacancy (11 ms to 1.4 ms for
    "driver" among 20,000 vacancies). Created before the add-ons, which create the indexes."""
    import psycopg2

    try:
        mrcctl.pg("CREATE EXTENSION IF NOT EXISTS pg_trgm", dbname=db)
    except psycopg2.Error as exc:
        print(f"load: no pg_trgm in {db}, searches read every vacancy ({exc})", flush=True)


def open_registry(db, config):
    import odoo
    from odoo.modules.registry import Registry

    bench_matching.setup_odoo_path()
    odoo.tools.config.parse_config(
        ["-c", str(ROOT / config), f"--addons-path={ROOT / 'addons'}", "--log-level=warn"]
    )
    return Registry(db)


def portal_migrants(env, count):
    """``count`` migrants spread over the generated ones get portal access from a counsellor,
    through the standard portal wizard; return their cards, as the counsellor."""
    group = env.ref("mrc_recruiters.group_mrc_counsellor")
    counsellor = (
        env["res.users"]
        .with_context(no_reset_password=True)
        .create(
            {
                "name": "Load Counsellor",
                "login": COUNSELLOR_LOGIN,
                "email": "load.counsellor@example.org",
                "groups_id": [(6, 0, [group.id, env.ref("base.group_user").id])],
            }
        )
    )
    as_counsellor = env(user=counsellor)
    all_ids = as_counsellor["hr.candidate"].search([], order="id").ids
    step = max(len(all_ids) // (3 * count), 1)
    pool = as_counsellor["hr.candidate"].browse(all_ids[::step][: 3 * count])
    pool.action_mrc_find_jobs()
    matched = set(
        as_counsellor["mrc.match"].search([("candidate_id", "in", pool.ids)]).candidate_id.ids
    )
    cards = pool.filtered(lambda card: card.id in matched)[:count]
    if len(cards) < count:
        print(f"load: only {len(cards)} migrants of the pool have matches", flush=True)
        cards |= (pool - cards)[: count - len(cards)]
    for number, card in enumerate(cards, start=1):
        partner = as_counsellor["res.partner"].create(
            {"name": card.partner_name, "email": migrant_login(number)}
        )
        card.write({"partner_id": partner.id})
    partners = cards.partner_id
    wizard = (
        as_counsellor["portal.wizard"]
        .with_context(active_ids=partners.ids, active_model="res.partner")
        .create({})
    )
    for line in wizard.user_ids:
        line.action_grant_access()
    for number, card in enumerate(cards, start=1):
        user = card.partner_id.with_context(active_test=False).user_ids
        # what the invitation's sign-up page does for them
        user.sudo().write({"password": migrant_login(number)})
    return cards


def describe(db, config):
    """Counts in the load database (migrants, vacancies offered, portal migrants' matches)."""
    rows = mrcctl.pg(
        """SELECT (SELECT count(*) FROM hr_candidate),
                  (SELECT count(*) FROM hr_job WHERE mrc_is_eligible),
                  (SELECT count(*) FROM res_users WHERE login LIKE 'load.migrant.%%')""",
        dbname=db,
    )
    migrants, vacancies, portal = rows[0]
    per_migrant = mrcctl.pg(
        """SELECT u.login, count(m.id)
             FROM res_users u
             JOIN hr_candidate c ON c.partner_id = u.partner_id
        LEFT JOIN mrc_match m ON m.candidate_id = c.id
            WHERE u.login LIKE 'load.migrant.%%'
         GROUP BY u.login""",
        dbname=db,
    )
    counts = sorted(count for _login, count in per_migrant)
    return {
        "migrants": migrants,
        "eligible_vacancies": vacancies,
        "portal_migrants": portal,
        "matches_per_portal_migrant_min": counts[0] if counts else 0,
        "matches_per_portal_migrant_max": counts[-1] if counts else 0,
    }
