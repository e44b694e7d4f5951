"""Plain pytest tests of the matching tables kept in a memory-mapped file (no database)."""

import numpy as np
import pytest

from odoo.addons.mrc_jobs.lib import matching as m
from odoo.addons.mrc_jobs.lib.matching import store

SKILLS = [
    m.Skill(1, ("Welding",), ("en",)),
    m.Skill(2, ("Soldadura",), ("es",)),
    m.Skill(3, ("Fruit picking",), ("en",)),
]
CANDIDATES = [
    m.Candidate(
        id=7,
        skills=(m.CandidateSkill(2, 75.0), m.CandidateSkill(3, 25.0)),
        languages=((4, 1.0), (5, 0.5)),
        occupation_codes=("7212",),
        desired_job="Soldador",
        preferred_country_ids=(10,),
        verified_skill_ids=(2,),
    ),
    m.Candidate(id=3, skills=(m.CandidateSkill(3, 100.0),), languages=((5, 0.75),)),
    m.Candidate(id=12, desired_job="Welder"),
]
JOBS = [
    m.Job(
        id=20,
        title="Welder",
        requirements=(m.Requirement(1, 50.0, True, 2.0), m.Requirement(3, 0.0, False, 1.0)),
        language_codes=(4,),
        certification_skill_ids=(),
        occupation_code="7212",
        country_id=10,
    ),
    m.Job(id=21, title="Picker", requirements=(m.Requirement(3, 25.0, False, 1.0),)),
]


def _tables():
    candidates = m.CandidateTable.from_candidates(CANDIDATES)
    candidates._source = None  # read back from the columns, as the database's tables are
    jobs = m.JobTable.from_jobs(JOBS)
    jobs._source = None
    return candidates, jobs


def _roundtrip(table, path):
    store.write_arrays(path, table.to_arrays(), {"stamp": 1})
    arrays, meta = store.read_arrays(path)
    assert meta == {"stamp": 1}
    return arrays


def test_mapped_tables_rank_and_explain_alike(tmp_path):
    """Tables read back from their file rank, score and explain exactly as the originals."""
    candidates, jobs = _tables()
    mapped_candidates = m.CandidateTable.from_arrays(_roundtrip(candidates, tmp_path / "c"))
    mapped_jobs = m.JobTable.from_arrays(_roundtrip(jobs, tmp_path / "j"))
    assert store.is_mapped(mapped_candidates.ids), "the arrays must be views of the file"
    assert not mapped_candidates.skills.rows.flags.writeable, "mapped read-only"
    similarity = m.similarity_for(jobs, candidates, SKILLS, 80.0)
    original = m.rank_candidates(jobs, candidates, similarity, limit=5)
    assert m.rank_candidates(mapped_jobs, mapped_candidates, similarity, limit=5) == original
    assert m.rank_jobs(mapped_candidates, mapped_jobs, similarity, limit=5) == m.rank_jobs(
        candidates, jobs, similarity, limit=5
    )
    for candidate in CANDIDATES:
        assert mapped_candidates.get(candidate.id) == candidate
    for job in JOBS:
        assert mapped_jobs.get(job.id) == job
        for candidate in CANDIDATES:
            assert m.explain(
                mapped_jobs.get(job.id), mapped_candidates.get(candidate.id), similarity
            ) == m.explain(job, candidate, similarity)


def test_string_language_keys_survive(tmp_path):
    """Language keys given as codes (the pure API) are kept as codes."""
    table = m.CandidateTable.from_candidates([m.Candidate(id=1, languages=(("es", 1.0),))])
    table._source = None
    mapped = m.CandidateTable.from_arrays(_roundtrip(table, tmp_path / "c"))
    assert mapped.get(1).languages == (("es", 1.0),)


def test_empty_table(tmp_path):
    """A database without migrants stores and maps an empty table."""
    mapped = m.CandidateTable.from_arrays(_roundtrip(m.CandidateTable([]), tmp_path / "c"))
    assert len(mapped) == 0
    assert mapped.skill_ids().tolist() == []


def test_replacing_a_file_leaves_its_readers_intact(tmp_path):
    """A new file replaces the old one whole: a reader of the old map still reads the old
    data, a new reader the new data, and no temporary file is left behind."""
    path = tmp_path / "c"
    store.write_arrays(path, {"ids": np.arange(5)}, {"version": 1})
    old, _meta = store.read_arrays(path)
    store.write_arrays(path, {"ids": np.arange(3) + 100}, {"version": 2})
    new, meta = store.read_arrays(path)
    assert old["ids"].tolist() == [0, 1, 2, 3, 4]
    assert new["ids"].tolist() == [100, 101, 102]
    assert meta == {"version": 2}
    assert store.read_meta(path) == {"version": 2}
    assert [p.name for p in tmp_path.iterdir()] == ["c"]


def test_bad_files_are_refused(tmp_path):
    """A file that is not one of ours, or is cut short, is refused with ValueError."""
    path = tmp_path / "c"
    path.write_bytes(b"hello")
    with pytest.raises(ValueError):
        store.read_arrays(path)
    assert store.read_meta(path) is None
    store.write_arrays(path, {"ids": np.arange(1000)}, {})
    path.write_bytes(path.read_bytes()[:200])
    with pytest.raises(ValueError):
        store.read_arrays(path)
    with pytest.raises(ValueError):
        store.write_arrays(path, {"objects": np.array([object()])}, {})
