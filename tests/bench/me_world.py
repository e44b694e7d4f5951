"""The M&E benchmark's world: ten years of a centre network's work, written in bulk.

``load_me_world(env, scale)`` fills (at full scale) 300,000 client cards, 1,000,000 service
records, 50,000 complaints (a tenth anonymous) and 20,000 service referrals over the ten years
before today. Rows go in with COPY (``_copy``/``_next_ids`` of ``matching_load``, the matching
benchmark's loader), with the shape the product's flows give them:

* every required column is filled (checked against the models' fields before loading);
* client cards carry the flag the MRC flows set (``mrc_is_client``), a profile (sex, birth date,
  nationality, planned destination, migration status), and 1 % are erased the way erasure
  leaves them (``Erased migrant <id>``, no birth date, archived, ``mrc_is_erased``);
* complaints follow their workflow's dates (closed ones have ``date_closed``), referrals theirs
  (``date_sent``, then ``date_service_given`` for those given);
* every stored computed field of the loaded models (related copies such as a service's
  company, gender and nationality, a complaint's ``is_settled``, a corridor's name) is then
  recomputed by the ORM in batches, from the product's own definitions.
"""

import random
import time
from datetime import date, timedelta

from matching_load import _copy, _next_ids
from matching_world import TITLES

FULL = {"migrants": 300_000, "services": 1_000_000, "complaints": 50_000, "referrals": 20_000}
YEARS = 10
ORIGINS = ("PH", "ID", "NP", "BD", "MM", "KH", "GT", "HN", "SV", "MX")
DESTINATIONS = ("US", "MY", "SA", "AE", "QA", "CA")
COMPLAINT_STATES = ("new", "triage", "investigation", "resolved", "closed", "unsubstantiated")
REFERRAL_STATES = ("draft", "sent", "accepted", "done", "closed", "declined")
BATCH = 50_000

MIGRANT_COLUMNS = (
    "partner_name",
    "mrc_desired_job",
    "company_id",
    "active",
    "mrc_is_client",
    "priority",
    "mrc_gender",
    "mrc_birthdate",
    "mrc_nationality_id",
    "mrc_plan_destination_id",
    "mrc_migration_status",
    "mrc_consent_processing_date",
    "mrc_is_erased",
    "mrc_erased_date",
    "create_date",
    "write_date",
)
COMPLAINT_COLUMNS = (
    "name",
    "partner_id",
    "candidate_id",
    "is_anonymous",
    "date_received",
    "severity",
    "state",
    "currency_id",
    "compensation_claimed",
    "compensation_awarded",
    "date_closed",
    "is_substantiated",
    "create_date",
    "write_date",
)
REMEDY_COLUMNS = (
    "complaint_id",
    "kind",
    "currency_id",
    "amount",
    "date",
    "is_confirmed",
    "date_confirmed",
    "create_date",
    "write_date",
)
REFERRAL_COLUMNS = (
    "name",
    "candidate_id",
    "partner_id",
    "service_type_id",
    "reason",
    "state",
    "date_sent",
    "date_service_given",
    "company_id",
    "user_id",
    "create_date",
    "write_date",
)


def _log(message):
    print(f"me_world: {message}", flush=True)


def _check_required(env, model, columns):
    """Every required stored column that is neither computed nor defaulted in SQL is given."""
    missing = [
        name
        for name, field in env[model]._fields.items()
        if field.required
        and field.store
        and not field.compute
        and field.type not in ("one2many", "many2many")
        and name not in columns
        and name not in ("id", "create_uid", "write_uid", "create_date", "write_date")
    ]
    if missing:
        raise RuntimeError(f"{model}: required columns not generated: {missing}")


def _load(env, model, columns, rows):
    """COPY ``rows`` (tuples without id) into ``model``'s table; return the new ids."""
    _check_required(env, model, columns)
    table = env[model]._table
    rows = list(rows)
    ids = _next_ids(env.cr, table, len(rows))
    _copy(
        env.cr,
        table,
        ("id", *columns, "create_uid", "write_uid"),
        ((rid, *row, 1, 1) for rid, row in zip(ids, rows, strict=True)),
    )
    env.cr.execute(f"SELECT setval('{table}_id_seq', %s)", [max(ids)])
    return ids


def _recompute(env, model, ids, given):
    """Recompute, batch by batch, the stored computed fields of ``model`` that depend on what
    was loaded (``given``: the columns written and the one2many filled); the others depend only
    on what a new record of the flows does not have either (no contact, skills, properties)."""
    depends = env.registry.field_depends
    fields_ = [
        field
        for field in env[model]._fields.values()
        if field.store
        and field.compute
        and any(path.split(".")[0] in given for path in depends[field])
    ]
    for start in range(0, len(ids), BATCH):
        records = env[model].browse(ids[start : start + BATCH])
        for field in fields_:
            env.add_to_compute(field, records)
        records.flush_recordset()
        env.invalidate_all()
    return [field.name for field in fields_]


def _day(rng, first, days):
    return first + timedelta(days=rng.randrange(days))


def _keys(env, model, name):
    return [key for key, _label in env[model]._fields[name]._description_selection(env)]


def load_me_world(env, scale=1.0, seed=7):
    """Write the world into ``env``'s database; return a summary dict."""
    env = env(context=dict(env.context, tracking_disable=True, mail_notrack=True))
    rng = random.Random(seed)
    genders = [*_keys(env, "hr.candidate", "mrc_gender"), "female", "male", None]
    statuses = [*_keys(env, "hr.candidate", "mrc_migration_status"), None]
    service_types = _keys(env, "mrc.candidate.service", "service_type")
    kinds = _keys(env, "mrc.complaint.remedy", "kind")
    sizes = {key: max(10, int(value * scale)) for key, value in FULL.items()}
    today = date.today()
    first = date(today.year - YEARS, 1, 1)
    span = (today - first).days
    country = {c.code: c.id for c in env["res.country"].search([])}
    origins = [country[code] for code in ORIGINS]
    destinations = [country[code] for code in DESTINATIONS]
    Corridor = env["mrc.corridor"].with_context(active_test=False)
    for origin in origins:
        for destination in destinations:
            if not Corridor.search_count(
                [("origin_country_id", "=", origin), ("destination_country_id", "=", destination)]
            ):
                Corridor.create(
                    {"origin_country_id": origin, "destination_country_id": destination}
                )
    companies = env["res.company"].search([]).ids
    counsellors = env["res.users"].search([("share", "=", False)]).ids
    summary = {}

    # Client cards: created over the ten years (new versus returning reads create_date)
    start = time.perf_counter()
    created = sorted(_day(rng, first, span) for _i in range(sizes["migrants"]))
    migrant_rows = []
    for index, day in enumerate(created):
        erased = rng.random() < 0.01
        birth = day - timedelta(days=rng.randrange(16 * 365, 60 * 365))
        migrant_rows.append(
            (
                f"Erased migrant {index}" if erased else f"Bench migrant {index}",
                rng.choice(TITLES)[1] if not erased else None,
                rng.choice(companies),
                not erased,
                True,
                "0",
                rng.choice(genders),
                None if erased else birth,
                rng.choice(origins),
                rng.choice(destinations),
                rng.choice(statuses),
                day,
                erased,
                today if erased else None,
                f"{day} 09:00:00",
                f"{day} 09:00:00",
            )
        )
    migrants = _load(
        env,
        "hr.candidate",
        MIGRANT_COLUMNS,
        migrant_rows,
    )
    del migrant_rows
    summary["hr.candidate"] = _recompute(env, "hr.candidate", migrants, MIGRANT_COLUMNS)
    _log(f"{len(migrants)} migrants in {time.perf_counter() - start:.0f} s")

    def served(day_from_index):
        """A migrant and a date on or after the day her card was opened."""
        index = rng.randrange(len(migrants))
        opened = created[index]
        return migrants[index], opened + timedelta(
            days=rng.randrange(max(1, (today - opened).days))
        )

    # Service records
    start = time.perf_counter()
    service_ids = []
    for chunk in range(0, sizes["services"], 200_000):
        rows = []
        for _i in range(min(200_000, sizes["services"] - chunk)):
            migrant, day = served(None)
            rows.append(
                (migrant, day, rng.choice(service_types), rng.choice(counsellors), day, day)
            )
        service_ids += _load(
            env,
            "mrc.candidate.service",
            ("candidate_id", "date", "service_type", "counsellor_id", "create_date", "write_date"),
            rows,
        )
    summary["mrc.candidate.service"] = _recompute(
        env, "mrc.candidate.service", service_ids, ("candidate_id", "date", "service_type")
    )
    summary["hr.candidate"] += _recompute(env, "hr.candidate", migrants, ("mrc_service_ids",))
    _log(f"{len(service_ids)} service records in {time.perf_counter() - start:.0f} s")

    # Complaints (a tenth anonymous), against agencies and employers
    start = time.perf_counter()
    Partner = env["res.partner"].with_context(active_test=False)
    organisations = (
        Partner.search(
            [
                ("is_company", "=", True),
                "|",
                ("mrc_is_agency", "=", True),
                ("mrc_is_employer", "=", True),
            ]
        ).ids
        or Partner.search([("is_company", "=", True)]).ids
    )
    categories = env["mrc.complaint.category"].with_context(active_test=False).search([]).ids
    currency = env.company.currency_id.id
    rows = []
    for index in range(sizes["complaints"]):
        migrant, day = served(None)
        anonymous = rng.random() < 0.1
        state = rng.choice(COMPLAINT_STATES)
        closed = (
            day + timedelta(days=rng.randrange(10, 200))
            if state in ("resolved", "closed")
            else None
        )
        claimed = rng.choice((0, 0, 500, 1200, 3000))
        rows.append(
            (
                f"BENCH/C/{index:06d}",
                rng.choice(organisations),
                None if anonymous else migrant,
                anonymous,
                day,
                rng.choice(("low", "medium", "high", "critical")),
                state,
                currency,
                claimed,
                claimed * 0.5 if state in ("resolved", "closed") else 0,
                closed if closed and closed <= today else None,
                rng.random() < 0.6,
                f"{day} 10:00:00",
                f"{day} 10:00:00",
            )
        )
    complaints = _load(
        env,
        "mrc.complaint",
        COMPLAINT_COLUMNS,
        rows,
    )
    relation = env["mrc.complaint"]._fields["category_ids"]
    _copy(
        env.cr,
        relation.relation,
        (relation.column1, relation.column2),
        ((cid, rng.choice(categories)) for cid in complaints),
    )
    # Remedies of the resolved and closed complaints, most confirmed by the migrant
    remedy_rows = []
    for complaint, row in zip(complaints, rows, strict=True):
        if row[6] in ("resolved", "closed"):
            confirmed = rng.random() < 0.7
            day = row[4] + timedelta(days=rng.randrange(5, 120))
            remedy_rows.append(
                (
                    complaint,
                    rng.choice(kinds),
                    currency,
                    row[9] or rng.choice((200, 800)),
                    day,
                    confirmed,
                    day if confirmed else None,
                    f"{day} 12:00:00",
                    f"{day} 12:00:00",
                )
            )
    remedies = _load(
        env,
        "mrc.complaint.remedy",
        REMEDY_COLUMNS,
        remedy_rows,
    )
    summary["mrc.complaint.remedy"] = _recompute(
        env, "mrc.complaint.remedy", remedies, REMEDY_COLUMNS
    )
    summary["mrc.complaint"] = _recompute(
        env, "mrc.complaint", complaints, (*COMPLAINT_COLUMNS, "remedy_ids", "category_ids")
    )
    _log(
        f"{len(complaints)} complaints, {len(remedies)} remedies "
        f"in {time.perf_counter() - start:.0f} s"
    )

    # Service referrals to providers
    start = time.perf_counter()
    service_types = env["mrc.service.type"].with_context(active_test=False).search([])
    if not service_types.provider_ids:
        # a database without demo data has no provider yet: a network of ten, as the
        # liaison staff registers them (a provider gives a few of the services)
        for number in range(10):
            Partner.create(
                {
                    "name": f"Bench provider {number}",
                    "is_company": True,
                    "mrc_is_provider": True,
                    "mrc_service_type_ids": [
                        (6, 0, service_types[number % len(service_types) :: 3].ids)
                    ],
                }
            )
        service_types.invalidate_recordset(["provider_ids"])
    pairs = [(p.id, t.id) for t in service_types for p in t.provider_ids]
    rows = []
    for index in range(sizes["referrals"]):
        migrant, day = served(None)
        provider, service_type = rng.choice(pairs)
        state = rng.choice(REFERRAL_STATES)
        given = day + timedelta(days=rng.randrange(1, 60)) if state in ("done", "closed") else None
        rows.append(
            (
                f"BENCH/R/{index:06d}",
                migrant,
                provider,
                service_type,
                "Bench referral",
                state,
                day if state != "draft" else None,
                given if given and given <= today else None,
                rng.choice(companies),
                rng.choice(counsellors),
                f"{day} 11:00:00",
                f"{day} 11:00:00",
            )
        )
    referrals = _load(
        env,
        "mrc.service.referral",
        REFERRAL_COLUMNS,
        rows,
    )
    summary["mrc.service.referral"] = _recompute(
        env, "mrc.service.referral", referrals, REFERRAL_COLUMNS
    )
    _log(f"{len(referrals)} referrals in {time.perf_counter() - start:.0f} s")
    env.cr.execute("ANALYZE")
    summary["sizes"] = sizes
    return summary
