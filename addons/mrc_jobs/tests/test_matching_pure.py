"""Plain pytest functions for the pure matching module (no database)."""

import random

import pytest

from odoo.addons.mrc_jobs.lib import matching as m

WELDING, SOLDADURA, WELDNG, COOKING, FORKLIFT, CARPENTRY = 1, 2, 3, 4, 5, 6
SKILLS = (
    m.Skill(WELDING, ("Welding", "soldadura"), ("en", "es")),
    m.Skill(SOLDADURA, ("Soldadura",), ("es",)),
    m.Skill(WELDNG, ("Weldng",)),
    m.Skill(COOKING, ("Cooking", "cocina"), ("en", "es")),
    m.Skill(FORKLIFT, ("Forklift driving",)),
    m.Skill(CARPENTRY, ("Carpentry", "carpintería"), ("en", "es")),
)


def one(job, candidate, weights=None, skills=SKILLS):
    """Score one pair through the vectorised path and return (score or None, explanation)."""
    matches = m.match([job], [candidate], skills, weights, limit=5)
    explanation = m.explain(
        job,
        candidate,
        m.similarity_for(
            m.JobTable.from_jobs([job]),
            m.CandidateTable.from_candidates([candidate]),
            skills,
            (weights or m.Weights()).threshold,
        ),
        weights,
    )
    return (matches[0].score if matches else None), explanation


def test_spelling_variant_is_similar():
    """A misspelt skill name meets the right one above the threshold, an unrelated one not."""
    sim = m.skill_similarity(
        {WELDING: ["welding"]}, {WELDNG: ["weldng"], COOKING: ["cooking"]}, threshold=82
    )
    assert sim.get(WELDING, WELDNG) >= 82, "a one-letter misspelling should match"
    assert sim.get(WELDING, COOKING) == 0, "unrelated skills must not match"


def test_alias_in_other_language_matches_fully():
    """A Spanish skill record meets the English one through the English skill's alias."""
    job = m.Job(1, requirements=(m.Requirement(WELDING),))
    candidate = m.Candidate(10, skills=(m.CandidateSkill(SOLDADURA),))
    score, explanation = one(job, candidate)
    assert score == 100.0, f"an exact alias should cover the requirement fully, got {score}"
    assert explanation.matched[0].skill_id == SOLDADURA
    assert explanation.matched[0].similarity == 100.0


def test_same_skill_without_names_matches():
    """A skill always matches itself, even when it has no usable name."""
    sim = m.skill_similarity({99: []}, {99: []})
    assert sim.get(99, 99) == 100.0, "identity must give similarity 100"


def test_level_below_minimum_earns_partial_credit():
    """Below the minimum level a requirement is credited only in part."""
    job = m.Job(1, requirements=(m.Requirement(WELDING, min_level=80),))
    expert = m.Candidate(10, skills=(m.CandidateSkill(WELDING, 100),))
    beginner = m.Candidate(11, skills=(m.CandidateSkill(WELDING, 40),))
    expert_score, _e = one(job, expert)
    beginner_score, explanation = one(job, beginner)
    assert expert_score == 100.0
    assert beginner_score == pytest.approx(25.0), "0.5 credit x 40/80 of the level expected"
    assert not explanation.matched[0].level_ok, "the pair must say the level is too low"


def test_missing_mandatory_skill_excludes():
    """A migrant without a mandatory skill is excluded, and the explanation says which."""
    job = m.Job(1, requirements=(m.Requirement(FORKLIFT, mandatory=True), m.Requirement(COOKING)))
    candidate = m.Candidate(10, skills=(m.CandidateSkill(COOKING),))
    score, explanation = one(job, candidate)
    assert score is None, "an excluded pair must not be ranked"
    assert m.Exclusion("mandatory_skill", FORKLIFT) in explanation.excluded
    assert explanation.missing_skill_ids == (FORKLIFT,)


def test_mandatory_skill_below_level_excludes():
    """A mandatory skill held below its minimum level excludes the migrant."""
    job = m.Job(1, requirements=(m.Requirement(WELDING, min_level=75, mandatory=True),))
    candidate = m.Candidate(10, skills=(m.CandidateSkill(WELDNG, 50),))
    score, explanation = one(job, candidate)
    assert score is None, "a mandatory skill below level must exclude"
    assert explanation.excluded == (m.Exclusion("mandatory_level", WELDING),)


def test_mandatory_skill_through_spelling_variant_passes():
    """A mandatory skill is satisfied by a fuzzy-similar skill at the required level."""
    job = m.Job(1, requirements=(m.Requirement(WELDING, min_level=50, mandatory=True),))
    candidate = m.Candidate(10, skills=(m.CandidateSkill(WELDNG, 75),))
    score, _explanation = one(job, candidate)
    assert score is not None and score > 90, f"a close variant should pass, got {score}"


def test_missing_language_excludes():
    """A required language the migrant does not speak excludes the pair."""
    job = m.Job(1, requirements=(m.Requirement(COOKING),), language_codes=("es",))
    candidate = m.Candidate(10, skills=(m.CandidateSkill(COOKING),), languages=(("en", 1.0),))
    score, explanation = one(job, candidate)
    assert score is None
    assert explanation.excluded == (m.Exclusion("language", "es"),)


def test_language_proficiency_counts():
    """A better proficiency in the vacancy's language scores higher."""
    job = m.Job(1, requirements=(m.Requirement(COOKING),), language_codes=("es",))
    fluent = m.Candidate(10, skills=(m.CandidateSkill(COOKING),), languages=(("es", 1.0),))
    basic = m.Candidate(11, skills=(m.CandidateSkill(COOKING),), languages=(("es", 0.25),))
    assert one(job, fluent)[0] > one(job, basic)[0], "fluency must raise the score"


def test_required_certification_needs_verified_certificate():
    """Without a verified certificate for a required certification the migrant is excluded."""
    job = m.Job(1, requirements=(m.Requirement(WELDING),), certification_skill_ids=(WELDING,))
    holder = m.Candidate(10, skills=(m.CandidateSkill(WELDING),), verified_skill_ids=(SOLDADURA,))
    other = m.Candidate(11, skills=(m.CandidateSkill(WELDING),))
    assert one(job, holder)[0] is not None, "a verified certificate (alias) should pass"
    score, explanation = one(job, other)
    assert score is None
    assert explanation.excluded == (m.Exclusion("certification", WELDING),)


def test_verified_certificate_earns_bonus():
    """A verified certificate for a required skill adds the certificate bonus."""
    job = m.Job(1, requirements=(m.Requirement(WELDING),), country_id=7)
    plain = m.Candidate(10, skills=(m.CandidateSkill(WELDING),), preferred_country_ids=(8,))
    certified = m.Candidate(
        11, skills=(m.CandidateSkill(WELDING),), preferred_country_ids=(8,), verified_skill_ids=(1,)
    )
    plain_score, certified_score = one(job, plain)[0], one(job, certified)[0]
    assert certified_score == pytest.approx(plain_score + 5.0), "bonus of 5 points expected"


def test_isco_closeness_follows_hierarchy():
    """Same unit group > same minor group > same major group > unrelated occupation."""
    job = m.Job(1, occupation_code="7212")
    scores = [
        one(job, m.Candidate(10 + i, occupation_codes=(code,)))[0]
        for i, code in enumerate(("7212", "7213", "7111", "9211"))
    ]
    assert scores == [100.0, 75.0, 25.0, 0.0], f"unexpected ISCO closeness {scores}"


def test_title_matches_desired_job_fuzzily():
    """The vacancy title meets the migrant's desired job in free text despite a misspelling."""
    job = m.Job(1, title="Welder")
    candidate = m.Candidate(10, desired_job="weldr")
    score, _explanation = one(job, candidate)
    assert score > 80, f"a misspelt desired job should still be close, got {score}"


def test_preferred_country():
    """A vacancy in a preferred country beats one without preference, which beats another."""
    job = m.Job(1, requirements=(m.Requirement(COOKING),), country_id=7)
    base = (m.CandidateSkill(COOKING),)
    prefers = one(job, m.Candidate(10, skills=base, preferred_country_ids=(7,)))[0]
    neutral = one(job, m.Candidate(11, skills=base))[0]
    elsewhere = one(job, m.Candidate(12, skills=base, preferred_country_ids=(8,)))[0]
    assert prefers > neutral > elsewhere, (prefers, neutral, elsewhere)


def test_unused_components_are_left_out():
    """A vacancy without skills is scored on what it states (here: its country only)."""
    job = m.Job(1, country_id=7)
    assert one(job, m.Candidate(10, preferred_country_ids=(7,)))[0] == 100.0


def test_ties_break_by_lowest_id():
    """Equal scores rank by id, so the output is the same on every run."""
    job = m.Job(1, requirements=(m.Requirement(COOKING),))
    candidates = [m.Candidate(cid, skills=(m.CandidateSkill(COOKING),)) for cid in (30, 10, 20)]
    ranked = [match.candidate_id for match in m.match([job], candidates, SKILLS, limit=2)]
    assert ranked == [10, 20], f"ties must keep the lowest ids first, got {ranked}"


def test_weights_reject_bad_values():
    """Negative weights or a threshold outside (0, 100] are refused."""
    with pytest.raises(ValueError):
        m.Weights(skills=-1)
    with pytest.raises(ValueError):
        m.Weights(threshold=0)


def test_non_skill_ceiling_bounds_pairs_without_skills():
    """A pair without any skill in common never scores above the non-skill ceiling."""
    weights = m.Weights()
    job = m.Job(
        1,
        title="Cook",
        requirements=(m.Requirement(COOKING),),
        language_codes=("es",),
        occupation_code="5120",
        country_id=7,
    )
    candidate = m.Candidate(
        10,
        languages=(("es", 1.0),),
        occupation_codes=("5120",),
        desired_job="cook",
        preferred_country_ids=(7,),
    )
    score, _explanation = one(job, candidate, weights)
    assert score == weights.non_skill_ceiling() == 40.0


def random_world(seed, n_candidates=120, n_jobs=25):
    rng = random.Random(seed)
    ids = [s.id for s in SKILLS]
    candidates = [
        m.Candidate(
            cid * 3,
            skills=tuple(
                m.CandidateSkill(s, rng.choice([0, 25, 50, 75, 100]))
                for s in rng.sample(ids, rng.randint(0, 4))
            ),
            languages=tuple((c, rng.choice([0.25, 1.0])) for c in rng.sample(["en", "es"], 1)),
            occupation_codes=tuple(rng.sample(["7212", "72", "5120", "9"], rng.randint(0, 2))),
            desired_job=rng.choice(["", "welder", "Cocinero", "cook"]),
            preferred_country_ids=tuple(rng.sample([1, 2, 3], rng.randint(0, 2))),
            verified_skill_ids=tuple(rng.sample(ids, rng.randint(0, 1))),
        )
        for cid in range(1, n_candidates + 1)
    ]
    jobs = [
        m.Job(
            jid * 7,
            title=rng.choice(["Welder", "Cook", ""]),
            requirements=tuple(
                m.Requirement(s, rng.choice([0, 50, 75]), rng.random() < 0.2, rng.choice([1, 2]))
                for s in rng.sample(ids, rng.randint(0, 3))
            ),
            language_codes=tuple(rng.sample(["en", "es"], rng.randint(0, 1))),
            certification_skill_ids=(rng.choice(ids),) if rng.random() < 0.1 else (),
            occupation_code=rng.choice(["", "7212", "5120", "9"]),
            country_id=rng.choice([None, 1, 2]),
        )
        for jid in range(1, n_jobs + 1)
    ]
    return candidates, jobs


def test_vectorised_scores_agree_with_explanations():
    """Every ranked score equals the explanation's score, and only unexcluded pairs rank."""
    candidates, jobs = random_world(1)
    job_table = m.JobTable.from_jobs(jobs)
    cand_table = m.CandidateTable.from_candidates(candidates)
    sim = m.similarity_for(job_table, cand_table, SKILLS, 82)
    ranked = m.rank_candidates(job_table, cand_table, sim, limit=len(candidates))
    for job in jobs:
        scores = dict(ranked[job.id])
        for candidate in candidates:
            explanation = m.explain(job, candidate, sim)
            if explanation.excluded:
                assert candidate.id not in scores, f"excluded pair {job.id}/{candidate.id} ranked"
            else:
                assert scores[candidate.id] == pytest.approx(explanation.score, abs=0.011), (
                    f"scores differ for {job.id}/{candidate.id}"
                )


def test_rank_jobs_is_the_transposed_ranking():
    """The best vacancies of a migrant come in the order of their explained scores."""
    candidates, jobs = random_world(2)
    job_table = m.JobTable.from_jobs(jobs)
    cand_table = m.CandidateTable.from_candidates(candidates)
    sim = m.similarity_for(job_table, cand_table, SKILLS, 82)
    ranked = m.rank_jobs(cand_table, job_table, sim, limit=5)
    for candidate in candidates[:40]:
        expected = sorted(
            (-round(e.score, 2), job.id)
            for job in jobs
            if not (e := m.explain(job, candidate, sim)).excluded
        )[:5]
        got = [(-score, job_id) for job_id, score in ranked[candidate.id]]
        assert [j for _s, j in got] == [j for _s, j in expected], f"order for {candidate.id}"


def test_ranking_is_deterministic():
    """The same input gives the same ranking, block size notwithstanding."""
    candidates, jobs = random_world(3)
    first = m.match(jobs, candidates, SKILLS, limit=7)
    old = m.BLOCK_CELLS
    try:
        m.BLOCK_CELLS = 50
        second = m.match(jobs, candidates, SKILLS, limit=7)
    finally:
        m.BLOCK_CELLS = old
    assert [(x.job_id, x.candidate_id, x.score) for x in first] == [
        (x.job_id, x.candidate_id, x.score) for x in second
    ]


def test_tables_from_rows_rebuild_dataclasses():
    """A table built from database-like rows gives back the migrant it was built from."""
    table = m.CandidateTable(
        [5],
        skill_rows=[(5, WELDING, 75.0)],
        language_rows=[(5, "es", 1.0)],
        occupation_rows=[(5, "7212")],
        desired_jobs={5: "Soldador"},
        country_rows=[(5, 7)],
        certificate_rows=[(5, WELDING)],
    )
    assert table.get(5) == m.Candidate(
        5,
        skills=(m.CandidateSkill(WELDING, 75.0),),
        languages=(("es", 1.0),),
        occupation_codes=("7212",),
        desired_job="Soldador",
        preferred_country_ids=(7,),
        verified_skill_ids=(WELDING,),
    )


def test_rows_with_unknown_ids_are_refused():
    """A row referring to a migrant not in the table is a programming error, said clearly."""
    with pytest.raises(ValueError):
        m.CandidateTable([1], skill_rows=[(2, WELDING, 50.0)])


def test_explanation_to_dict_is_json_ready():
    """The explanation turns into plain JSON types."""
    import json

    job = m.Job(1, requirements=(m.Requirement(WELDING), m.Requirement(CARPENTRY)))
    candidate = m.Candidate(10, skills=(m.CandidateSkill(WELDNG, 50),))
    _score, explanation = one(job, candidate)
    data = json.loads(json.dumps(explanation.to_dict()))
    assert data["missing_skill_ids"] == [CARPENTRY]
    assert data["matched"][0]["skill_id"] == WELDNG


def test_explanation_dict_holds_ids_codes_and_0_1_values():
    """The stored explanation names nothing: skill, language and country keys, ISCO codes,
    exclusion codes and numbers, every value of a part between 0 and 1."""
    job = m.Job(
        1,
        title="Welder",
        requirements=(m.Requirement(WELDING, min_level=50.0), m.Requirement(FORKLIFT)),
        language_codes=(7, 8),
        certification_skill_ids=(CARPENTRY,),
        occupation_code="7212",
        country_id=233,
    )
    candidate = m.Candidate(
        10,
        skills=(m.CandidateSkill(SOLDADURA, 25.0),),
        languages=((7, 0.75),),
        occupation_codes=("7213",),
        preferred_country_ids=(233,),
        verified_skill_ids=(WELDING,),
    )
    _score, explanation = one(job, candidate)
    data = explanation.to_dict()
    assert data["matched"] == [
        {
            "required_skill_id": WELDING,
            "skill_id": SOLDADURA,
            "similarity": 1.0,
            "level": 0.25,
            "min_level": 0.5,
            "level_ok": False,
            "credit": 0.25,
        }
    ]
    assert data["missing_skill_ids"] == [FORKLIFT]
    assert data["certified_skill_ids"] == [WELDING]
    assert data["languages"] == [
        {"language_id": 7, "value": 0.75},
        {"language_id": 8, "value": 0.0},
    ]
    assert data["occupation"] == {"code": "7212", "matched_code": "7213", "title": None,
                                  "value": 0.75}  # fmt: skip
    assert data["country"] == {"country_id": 233, "value": 1.0}
    assert data["excluded"] == [
        {"code": "certification", "skill_id": CARPENTRY},
        {"code": "language", "language_id": 8},
    ]
    assert all(0.0 <= v <= 1.0 for v in data["components"].values() if v is not None)
    assert data["score"] == explanation.score


def test_unused_parts_are_null_in_the_dict():
    """A vacancy without occupation, title or country leaves those parts out (null)."""
    job = m.Job(1, requirements=(m.Requirement(WELDING),))
    candidate = m.Candidate(10, skills=(m.CandidateSkill(WELDING),))
    data = one(job, candidate)[1].to_dict()
    assert data["occupation"] is None and data["country"] is None
    assert data["languages"] == [] and data["excluded"] == []
    assert data["components"]["occupation"] is None


def test_skipped_ids_are_left_out():
    """Migrants or vacancies given as skipped never rank (the engine skips stale ones)."""
    candidates, jobs = random_world(4)
    job_table = m.JobTable.from_jobs(jobs)
    cand_table = m.CandidateTable.from_candidates(candidates)
    sim = m.similarity_for(job_table, cand_table, SKILLS, 82)
    full = m.rank_candidates(job_table, cand_table, sim, limit=3)
    job_id = next(j for j, rows in full.items() if rows)
    best = full[job_id][0][0]
    again = m.rank_candidates(job_table, cand_table, sim, limit=3, skip_ids=[best])
    assert best not in [c for c, _s in again[job_id]], "a skipped migrant was ranked"
    by_migrant = m.rank_jobs(cand_table, job_table, sim, limit=3, skip_ids=[job_id])
    assert all(job_id not in [j for j, _s in rows] for rows in by_migrant.values())
