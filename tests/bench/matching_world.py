"""The matching benchmark's generated world: skills in English and Spanish with misspelt
duplicates, migrants with levels, languages, desired occupations and preferred countries,
vacancies with weighted, partly mandatory requirements (``generate``), and the same as the pure
module's tables (``pure_tables``). Used by ``bench_matching.py`` and ``tests/load``.
"""

import random
from dataclasses import dataclass, field

import numpy as np

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
