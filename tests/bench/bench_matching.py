"""Matching benchmarks: generated migrants and vacancies, the engine against Odoo's stock method.

``generate(n_candidates, n_jobs, seed)`` builds a reproducible world (skills in English and
Spanish with misspelt duplicates, migrants with levels, languages, desired occupations and
preferred countries, vacancies with weighted, partly mandatory requirements). ``load(env, world)``
writes it into an Odoo database with bulk SQL (COPY), and the scenarios time the engine
(``mrc.match.engine``) and the stock "Search Matching Candidates" of hr_recruitment_skills on
the same data:

* ``click_find_candidates_100k``: a counsellor's "Find candidates" on one vacancy among
  100,000 migrants (the button's method, as ``/web/dataset/call_button`` runs it, as that
  user), then the first page of the match list as the web client reads it
  (``web_search_read`` with the list view's fields); warm (this process, median), ``_cold``
  (the first click of fresh processes: empty caches, the shared file there) and
  ``_first_build`` (the first click of all, which builds the database's shared file);
* ``click_find_jobs_20k``: the same for "Find jobs" on one migrant among 20,000 vacancies;
* ``matching_memory_100k``: what a fresh worker holds once it maps both shared tables;
* ``rematch_100k_x_5k``: a full rematch of 100,000 migrants against 5,000 vacancies.

Every figure carries the machine it was measured on (``machine``, ``loadavg_1m``).

Run through ``tests/bench/run_all.py`` (``make bench``), or alone:
``python3 tests/bench/bench_matching.py --quick``.
"""

import argparse
import io
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent.parent

VERBS = [
    ("operate", "operar"),
    ("repair", "reparar"),
    ("install", "instalar"),
    ("maintain", "mantener"),
    ("clean", "limpiar"),
    ("inspect", "inspeccionar"),
    ("assemble", "ensamblar"),
    ("drive", "conducir"),
    ("paint", "pintar"),
    ("load", "cargar"),
    ("pack", "empacar"),
    ("sort", "clasificar"),
    ("cut", "cortar"),
    ("weld", "soldar"),
    ("cook", "cocinar"),
    ("serve", "servir"),
    ("harvest", "cosechar"),
    ("plant", "plantar"),
    ("measure", "medir"),
    ("supervise", "supervisar"),
]
NOUNS = [
    ("forklift", "montacargas"),
    ("tractor", "tractor"),
    ("crane", "grua"),
    ("engine", "motor"),
    ("pipes", "tuberias"),
    ("wiring", "cableado"),
    ("roof", "techo"),
    ("walls", "paredes"),
    ("floors", "pisos"),
    ("windows", "ventanas"),
    ("machines", "maquinas"),
    ("boxes", "cajas"),
    ("pallets", "tarimas"),
    ("fruit", "fruta"),
    ("vegetables", "verduras"),
    ("coffee", "cafe"),
    ("meals", "comidas"),
    ("bread", "pan"),
    ("fish", "pescado"),
    ("meat", "carne"),
    ("textiles", "textiles"),
    ("garments", "prendas"),
    ("shoes", "zapatos"),
    ("furniture", "muebles"),
    ("timber", "madera"),
    ("steel", "acero"),
    ("concrete", "hormigon"),
    ("bricks", "ladrillos"),
    ("tiles", "azulejos"),
    ("glass", "vidrio"),
    ("trucks", "camiones"),
    ("buses", "autobuses"),
    ("boats", "barcos"),
    ("nets", "redes"),
    ("livestock", "ganado"),
    ("poultry", "aves"),
    ("greenhouses", "invernaderos"),
    ("irrigation", "riego"),
    ("solar panels", "paneles solares"),
    ("air conditioning", "aire acondicionado"),
    ("elevators", "ascensores"),
    ("boilers", "calderas"),
    ("pumps", "bombas"),
    ("generators", "generadores"),
    ("computers", "computadoras"),
    ("printers", "impresoras"),
    ("phones", "telefonos"),
    ("medicines", "medicinas"),
    ("patients", "pacientes"),
    ("children", "ninos"),
    ("elderly people", "personas mayores"),
    ("rooms", "habitaciones"),
    ("laundry", "lavanderia"),
    ("gardens", "jardines"),
    ("pools", "piscinas"),
    ("warehouses", "almacenes"),
    ("shelves", "estantes"),
    ("containers", "contenedores"),
    ("parcels", "paquetes"),
    ("tools", "herramientas"),
]
LANGUAGES = ["en", "es", "fr", "ar", "pt", "ne", "tl", "hi", "bn", "id", "my", "km"]
TITLES = [
    ("7212", "Welder", "Soldador"),
    ("8344", "Forklift operator", "Operador de montacargas"),
    ("5120", "Cook", "Cocinero"),
    ("9211", "Farm worker", "Trabajador agricola"),
    ("7126", "Plumber", "Fontanero"),
    ("7411", "Electrician", "Electricista"),
    ("7115", "Carpenter", "Carpintero"),
    ("7112", "Bricklayer", "Albanil"),
    ("9112", "Cleaner", "Limpiador"),
    ("5322", "Home care worker", "Cuidador a domicilio"),
    ("8332", "Truck driver", "Conductor de camion"),
    ("7531", "Tailor", "Sastre"),
    ("9333", "Freight handler", "Cargador"),
    ("5131", "Waiter", "Mesero"),
    ("6121", "Livestock farmer", "Ganadero"),
    ("7233", "Mechanic", "Mecanico"),
    ("9321", "Packer", "Empacador"),
    ("5141", "Hairdresser", "Peluquero"),
    ("7131", "Painter", "Pintor"),
    ("3221", "Nurse", "Enfermero"),
]


def misspell(rng, text):
    """A plausible typo: a letter dropped, doubled or two swapped."""
    letters = [i for i, ch in enumerate(text) if ch.isalpha()]
    if len(letters) < 5:
        return text + text[-1]
    i = rng.choice(letters[1:-1])
    kind = rng.randrange(3)
    if kind == 0:
        return text[:i] + text[i + 1 :]
    if kind == 1:
        return text[:i] + text[i] + text[i:]
    return text[:i] + text[i + 1] + text[i] + text[i + 2 :]


@dataclass
class World:
    """A generated world, in rows ready for COPY (ids are 1-based positions)."""

    skills: list = field(default_factory=list)  # (id, name)
    aliases: list = field(default_factory=list)  # (skill id, name, lang)
    candidates: list = field(default_factory=list)  # (id, name, desired job)
    candidate_skills: list = field(default_factory=list)  # (candidate, skill, level index 0-4)
    candidate_languages: list = field(default_factory=list)  # (candidate, code, proficiency)
    candidate_occupations: list = field(default_factory=list)  # (candidate, ISCO code)
    candidate_countries: list = field(default_factory=list)  # (candidate, country index)
    candidate_certificates: list = field(default_factory=list)  # (candidate, skill)
    jobs: list = field(default_factory=list)  # (id, title, ISCO code, country index)
    job_skills: list = field(default_factory=list)  # (job, skill, level index, mandatory, weight)
    job_languages: list = field(default_factory=list)  # (job, code)
    job_certifications: list = field(default_factory=list)  # (job, skill)


def generate(n_candidates, n_jobs, seed=42, n_countries=20):
    """A reproducible world of ``n_candidates`` migrants and ``n_jobs`` vacancies."""
    rng = random.Random(seed)
    world = World()
    base = []  # base skill ids
    variants = {}  # base skill id -> other records (Spanish name, misspelling)
    for verb_en, verb_es in VERBS:
        for noun_en, noun_es in NOUNS:
            sid = len(world.skills) + 1
            name_en = f"{verb_en.capitalize()} {noun_en}"
            name_es = f"{verb_es.capitalize()} {noun_es}"
            world.skills.append((sid, name_en))
            world.aliases.append((sid, name_es, "es"))
            base.append(sid)
            others = []
            if rng.random() < 0.3:
                world.skills.append((len(world.skills) + 1, name_es))
                others.append(len(world.skills))
            if rng.random() < 0.2:
                world.skills.append((len(world.skills) + 1, misspell(rng, name_en)))
                others.append(len(world.skills))
            variants[sid] = others
    # Zipf-like popularity of base skills
    popularity = np.array([1.0 / (rank + 10) for rank in range(len(base))])
    popularity /= popularity.sum()
    np_rng = np.random.default_rng(seed)

    def pick_skills(count):
        chosen = np_rng.choice(len(base), size=count, replace=False, p=popularity)
        return [base[i] for i in chosen.tolist()]

    for cid in range(1, n_candidates + 1):
        code, title_en, title_es = rng.choice(TITLES)
        desired = rng.choice([title_en, title_es, misspell(rng, title_en), ""])
        world.candidates.append((cid, f"Migrant {cid}", desired))
        for sid in pick_skills(rng.randint(3, 10)):
            if variants[sid] and rng.random() < 0.3:
                sid = rng.choice(variants[sid])
            world.candidate_skills.append((cid, sid, rng.randrange(5)))
            if rng.random() < 0.05:
                world.candidate_certificates.append((cid, sid))
        for lang in rng.sample(LANGUAGES, rng.randint(1, 3)):
            world.candidate_languages.append((cid, lang, rng.choice([0.25, 0.5, 0.75, 1.0])))
        for _i in range(rng.randint(0, 2)):
            world.candidate_occupations.append((cid, rng.choice(TITLES)[0]))
        for country in rng.sample(range(n_countries), rng.randint(0, 3)):
            world.candidate_countries.append((cid, country))
    for jid in range(1, n_jobs + 1):
        code, title_en, title_es = rng.choice(TITLES)
        world.jobs.append((jid, rng.choice([title_en, title_es]), code, rng.randrange(n_countries)))
        for sid in pick_skills(rng.randint(3, 6)):
            mandatory = rng.random() < 0.15
            world.job_skills.append(
                (jid, sid, rng.choice([0, 1, 2, 3]), mandatory, float(rng.choice([1, 1, 2, 3])))
            )
        for lang in rng.sample(LANGUAGES[:3], rng.choice([0, 0, 1, 1, 2])):
            world.job_languages.append((jid, lang))
        if rng.random() < 0.05:
            world.job_certifications.append((jid, rng.choice(base[:100])))
    return world


LEVELS = [0.0, 25.0, 50.0, 75.0, 100.0]


def pure_tables(world):
    """The world as the pure module's tables and similarity (for timing the kernel alone)."""
    from odoo.addons.mrc_jobs.lib import matching as m

    candidates = m.CandidateTable(
        [c[0] for c in world.candidates],
        [(c, s, LEVELS[lv]) for c, s, lv in world.candidate_skills],
        world.candidate_languages,
        world.candidate_occupations,
        {c[0]: c[2] for c in world.candidates if c[2]},
        [(c, country + 1) for c, country in world.candidate_countries],
        world.candidate_certificates,
    )
    jobs = m.JobTable(
        [j[0] for j in world.jobs],
        [(j, s, LEVELS[lv], mand, w) for j, s, lv, mand, w in world.job_skills],
        world.job_languages,
        world.job_certifications,
        {j[0]: j[2] for j in world.jobs},
        {j[0]: j[1] for j in world.jobs},
        {j[0]: j[3] + 1 for j in world.jobs},
    )
    skills = {}
    for sid, name in world.skills:
        skills.setdefault(sid, []).append((name, None))
    for sid, name, lang in world.aliases:
        skills[sid].append((name, lang))
    vocabulary = [
        m.Skill(sid, tuple(n for n, _l in names), tuple(lang for _n, lang in names))
        for sid, names in skills.items()
    ]
    return jobs, candidates, vocabulary


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


def measure(name, func, runs, warmup=1):
    """Time ``func`` ``runs`` times (after ``warmup`` untimed runs); return the result object."""
    for _i in range(warmup):
        func()
    times = []
    with PeakMemory() as memory:
        for _i in range(runs):
            start = time.perf_counter()
            func()
            times.append(time.perf_counter() - start)
    result = {
        "name": name,
        "median_s": round(statistics.median(times), 4),
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
def _copy(cr, table, columns, rows):
    """COPY rows into a table (tab-separated text; values must not contain tabs)."""
    buffer = io.StringIO()
    for row in rows:
        buffer.write("\t".join("\\N" if value is None else str(value) for value in row) + "\n")
    buffer.seek(0)
    cr.copy_from(buffer, table, columns=columns)


def _next_ids(cr, table, count):
    cr.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")
    start = cr.fetchone()[0] + 1
    return list(range(start, start + count))


def load(env, world):
    """Write the world into the database through bulk SQL; return the id maps.

    The vacancies are made eligible (vetted employer, no fee, published, wage stated) and their
    stored eligibility is set directly: rule 1 is tested elsewhere, here only speed matters.
    """
    cr = env.cr
    skill_type = env["hr.skill.type"].create(
        {
            "name": "Bench trades",
            "skill_level_ids": [
                (0, 0, {"name": f"Level {int(p)}", "level_progress": int(p)}) for p in LEVELS
            ],
        }
    )
    levels = skill_type.skill_level_ids.sorted("level_progress").ids
    skill_ids = _next_ids(cr, "hr_skill", len(world.skills))
    skill_map = dict(zip([s[0] for s in world.skills], skill_ids))
    _copy(
        cr,
        "hr_skill",
        ("id", "name", "skill_type_id", "sequence", "create_date", "write_date"),
        (
            (skill_map[sid], json.dumps({"en_US": name}), skill_type.id, 10, "now()", "now()")
            for sid, name in world.skills
        ),
    )
    cr.execute("SELECT setval('hr_skill_id_seq', %s)", [max(skill_ids)])
    _copy(
        cr,
        "mrc_skill_alias",
        ("skill_id", "skill_type_id", "name", "lang", "create_date", "write_date"),
        (
            (skill_map[sid], skill_type.id, name, lang, "now()", "now()")
            for sid, name, lang in world.aliases
        ),
    )
    # normalised forms of the aliases (a stored computed field)
    aliases = env["mrc.skill.alias"].search([("skill_type_id", "=", skill_type.id)])
    env.add_to_compute(aliases._fields["normalized"], aliases)
    aliases.flush_recordset()
    countries = env["res.country"].search([], order="id", limit=20).ids
    languages = {lang.code: lang.id for lang in env["mrc.language"].search([])}
    occupations = {occ.code: occ.id for occ in env["mrc.occupation"].search([("level", "=", 4)])}
    company = env.company.id
    cand_ids = _next_ids(cr, "hr_candidate", len(world.candidates))
    cand_map = dict(zip([c[0] for c in world.candidates], cand_ids))
    _copy(
        cr,
        "hr_candidate",
        (
            "id",
            "partner_name",
            "mrc_desired_job",
            "company_id",
            "active",
            "mrc_consent_share",
            "create_date",
            "write_date",
        ),
        (
            (cand_map[cid], name, desired or None, company, True, True, "now()", "now()")
            for cid, name, desired in world.candidates
        ),
    )
    cr.execute("SELECT setval('hr_candidate_id_seq', %s)", [max(cand_ids)])
    _copy(
        cr,
        "hr_candidate_skill",
        (
            "candidate_id",
            "skill_id",
            "skill_level_id",
            "skill_type_id",
            "create_date",
            "write_date",
        ),
        (
            (cand_map[c], skill_map[s], levels[lv], skill_type.id, "now()", "now()")
            for c, s, lv in world.candidate_skills
        ),
    )
    # the stock method searches the stored hr.candidate.skill_ids
    _copy(
        cr,
        "hr_candidate_hr_skill_rel",
        ("hr_candidate_id", "hr_skill_id"),
        sorted({(cand_map[c], skill_map[s]) for c, s, _lv in world.candidate_skills}),
    )
    proficiency = {0.25: "basic", 0.5: "intermediate", 0.75: "fluent", 1.0: "native"}
    _copy(
        cr,
        "mrc_candidate_language",
        ("candidate_id", "language_id", "proficiency", "create_date", "write_date"),
        (
            (cand_map[c], languages[code], proficiency[p], "now()", "now()")
            for c, code, p in world.candidate_languages
            if code in languages
        ),
    )
    _copy(
        cr,
        "hr_candidate_mrc_desired_occupation_rel",
        ("candidate_id", "occupation_id"),
        sorted(
            {
                (cand_map[c], occupations[code])
                for c, code in world.candidate_occupations
                if code in occupations
            }
        ),
    )
    _copy(
        cr,
        "hr_candidate_mrc_preferred_country_rel",
        ("candidate_id", "country_id"),
        sorted({(cand_map[c], countries[i]) for c, i in world.candidate_countries}),
    )
    _copy(
        cr,
        "mrc_certification",
        (
            "candidate_id",
            "skill_id",
            "skill_type_id",
            "skill_level_id",
            "state",
            "create_date",
            "write_date",
        ),
        (
            (cand_map[c], skill_map[s], skill_type.id, levels[-1], "verified", "now()", "now()")
            for c, s in world.candidate_certificates
        ),
    )
    employer = env["res.partner"].create({"name": "Bench Employer", "is_company": True})
    cr.execute(
        "UPDATE res_partner SET mrc_is_employer = true, mrc_vetting_state = 'vetted', "
        "mrc_is_safe = true WHERE id = %s",
        [employer.id],
    )
    # every vacancy needs a mail alias: they share the one of a first vacancy made by the ORM
    template = env["hr.job"].create({"name": "Bench template"})
    job_ids = _next_ids(cr, "hr_job", len(world.jobs))
    job_map = dict(zip([j[0] for j in world.jobs], job_ids))
    _copy(
        cr,
        "hr_job",
        (
            "id",
            "name",
            "mrc_occupation_id",
            "mrc_country_id",
            "mrc_employer_id",
            "mrc_is_vacancy",
            "mrc_is_published",
            "mrc_is_eligible",
            "mrc_wage_amount",
            "mrc_wage_period",
            "no_of_recruitment",
            "company_id",
            "active",
            "sequence",
            "alias_id",
            "create_date",
            "write_date",
        ),
        (
            (
                job_map[jid],
                json.dumps({"en_US": title}),
                occupations.get(code),
                countries[country],
                employer.id,
                True,
                True,
                True,
                2000,
                "month",
                5,
                company,
                True,
                10,
                template.alias_id.id,
                "now()",
                "now()",
            )
            for jid, title, code, country in world.jobs
        ),
    )
    cr.execute("SELECT setval('hr_job_id_seq', %s)", [max(job_ids)])
    _copy(
        cr,
        "mrc_job_skill",
        (
            "job_id",
            "skill_id",
            "skill_type_id",
            "min_level_id",
            "is_mandatory",
            "weight",
            "create_date",
            "write_date",
        ),
        (
            (job_map[j], skill_map[s], skill_type.id, levels[lv], mand, w, "now()", "now()")
            for j, s, lv, mand, w in world.job_skills
        ),
    )
    _copy(
        cr,
        "hr_job_hr_skill_rel",
        ("hr_job_id", "hr_skill_id"),
        sorted({(job_map[j], skill_map[s]) for j, s, *_rest in world.job_skills}),
    )
    _copy(
        cr,
        "hr_job_mrc_language_rel",
        ("job_id", "language_id"),
        ((job_map[j], languages[code]) for j, code in world.job_languages if code in languages),
    )
    _copy(
        cr,
        "hr_job_mrc_certification_skill_rel",
        ("job_id", "skill_id"),
        sorted({(job_map[j], skill_map[s]) for j, s in world.job_certifications}),
    )
    cr.execute("ANALYZE")
    env.invalidate_all()
    return {"candidates": cand_map, "jobs": job_map, "skills": skill_map}


def stock_top(env, job, limit):
    """Odoo's stock "Search Matching Candidates" and its own score, best ``limit`` first.

    The action's domain (candidates sharing an expected skill, without an application to the
    job) then hr.candidate's ``matching_score`` computed in the job's context, sorted.
    """
    from odoo.addons.hr_recruitment_skills.models.hr_job import HrJob as StockHrJob

    # the stock method itself, even where mrc_jobs replaces the button
    action = StockHrJob.action_search_matching_candidates(job)
    candidates = env["hr.candidate"].with_context(active_id=job.id).search(action["domain"])
    scored = sorted(
        ((candidate.matching_score, -candidate.id, candidate) for candidate in candidates),
        key=lambda item: (item[0], item[1]),
        reverse=True,
    )
    return [candidate for _score, _id, candidate in scored[:limit]]


def run_orm(scale, runs, include_stock=True, keep_db=None):
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
        results += orm_scenarios(registry, n_jobs_rematch, runs, include_stock)
    finally:
        if not keep_db:
            mrcctl.drop_db(db)
    return results


COUNSELLOR_LOGIN = "bench_counsellor"
MACHINE = "2 cores shared with ~7 other processes' workloads (figures vary with their load)"


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
    users) and private (its own; what another worker adds)."""
    values = {}
    with open("/proc/self/smaps_rollup") as smaps:
        for line in smaps:
            parts = line.split()
            if parts[0] in ("Rss:", "Pss:", "Private_Clean:", "Private_Dirty:"):
                values[parts[0][:-1]] = int(parts[1]) / 1024
    return {
        "rss": values["Rss"],
        "pss": values["Pss"],
        "private": values["Private_Clean"] + values["Private_Dirty"],
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
    start = time.perf_counter()
    rows = one_click(registry, mode, targets)
    print(json.dumps({"seconds": time.perf_counter() - start, "rows": rows}), flush=True)


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
        [sys.executable, __file__, "--child", mode, "--keep-db", db],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return json.loads(proc.stdout.strip().splitlines()[-1])


def cold(name, db, mode, runs):
    """The first click in ``runs`` fresh processes; the shared file is there (built once per
    database), the process's caches are empty."""
    times = [run_child(db, mode)["seconds"] for _i in range(runs)]
    result = {
        "name": name,
        "median_s": round(statistics.median(times), 4),
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


def orm_scenarios(registry, n_jobs_rematch, runs, include_stock):
    import odoo

    results = []
    targets = click_targets(registry)
    db = registry.db_name
    cold_runs = max(1, min(runs, 3))
    for scenario, name in (
        ("candidates", "click_find_candidates_100k"),
        ("jobs", "click_find_jobs_20k"),
    ):
        # once per database: the first click of all builds the shared file
        forget_file(registry, scenario[0])
        results.append(
            measure(f"{name}_first_build", lambda s=scenario: one_click(registry, s, targets), 1, 0)
        )
        results.append(cold(f"{name}_cold", db, scenario, cold_runs))
        results.append(measure(name, lambda s=scenario: one_click(registry, s, targets), runs))
    memory = run_child(db, "memory")
    results.append(
        {
            "name": "matching_memory_100k",
            "median_s": round(memory["seconds"], 4),
            "runs": 1,
            "peak_mb": round(memory["rss_mb"], 1),
            "private_mb": round(memory["private_mb"], 1),
            "pss_mb": round(memory["pss_mb"], 1),
            "arrays_mb": round(memory["arrays_mb"], 1),
            "machine": MACHINE,
            "note": "a fresh worker mapping both shared tables: median_s to load them, "
            "peak_mb its resident growth with every page touched, private_mb what it "
            "holds alone",
        }
    )
    print(json.dumps(results[-1]), flush=True)
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
        # the rematch writes matches: restore the state between runs
        cr.execute("SAVEPOINT bench_rematch")

        def rematch():
            cr.execute("ROLLBACK TO SAVEPOINT bench_rematch")
            env.invalidate_all()
            env["mrc.match.refresh"]._mrc_refresh_matches(jobs=rematch_jobs)

        results.append(measure("rematch_100k_x_5k", rematch, max(1, runs // 5), 0))
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
        results += run_orm(scale, args.runs, not args.no_stock, args.keep_db)
    if args.output:
        Path(args.output).write_text(json.dumps(results, indent=2) + "\n")
    return results


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    main()
