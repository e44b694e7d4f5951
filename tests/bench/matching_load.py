"""Writing the generated world into an Odoo database with bulk SQL (``load``), and Odoo's
stock "Search Matching Candidates" to compare with (``stock_top``)."""

import io
import json

from matching_world import LEVELS


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
