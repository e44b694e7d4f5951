import logging

from odoo import api, models
from odoo.tools import SQL

from ..lib import matching

_logger = logging.getLogger(__name__)

PARAM = "mrc_jobs.match_"
WEIGHT_PARAMS = {
    "skills": "weight_skills",
    "occupation": "weight_occupation",
    "languages": "weight_languages",
    "country": "weight_country",
    "certificate_bonus": "certificate_bonus",
    "threshold": "threshold",
}


class MrcMatchEngine(models.AbstractModel):
    """The ORM side of matching, on demand: takes the data from ``mrc.match.index`` (a few
    queries, or its per-process cache), lets ``lib/matching`` score and explain it (as data:
    ``mrc.match`` puts it into words in the reader's language). ``mrc.match.refresh`` stores
    suggestions in batches with it.

    Access rights are checked first; record rules apply to what is shown (the ranked records
    are searched again as the user) and to the direct, uncached reads (through ``_search``).
    """

    _name = "mrc.match.engine"
    _description = "Matching Engine"

    def _idx(self):
        """The matching data (queries and per-process cache), as this user."""
        return self.env["mrc.match.index"]

    # ------------------------------------------------------------------------------------------
    # Settings
    # ------------------------------------------------------------------------------------------
    @api.model
    def _mrc_weights(self):
        """The weights of the score, from the settings (``mrc_jobs.match_*`` parameters), read
        by the one settings reader: an unset or unreadable one is its settings field's default."""
        settings = self.env["res.config.settings"]
        values = {attr: settings._mrc_param(PARAM + key) for attr, key in WEIGHT_PARAMS.items()}
        try:
            return matching.Weights(**values)
        except ValueError:
            _logger.warning("Invalid matching weights %s, using the defaults", values)
            return matching.Weights()

    @api.model
    def _mrc_param_int(self, key, default):
        raw = self.env["ir.config_parameter"].sudo().get_param(PARAM + key)
        try:
            return int(float(raw)) if raw not in (None, False, "") else default
        except ValueError:
            return default

    # ------------------------------------------------------------------------------------------
    # Ranking
    # ------------------------------------------------------------------------------------------
    @api.model
    def _mrc_rank_candidates(self, job, limit=50):
        """The best migrants for one vacancy, best first; none for an ineligible vacancy.

        Scores every active migrant against the vacancy from the per-process cache of
        ``mrc.match.index`` (migrants changed since it was read are read afresh), then keeps
        those the user may read. Without the cache (context ``mrc_match_no_cache``) only
        migrants sharing a similar skill are read, and the others only when needed.

        :return: a list of dicts ``{"candidate": hr.candidate, "score": float,
            "explanation": dict}``.
        """
        job.ensure_one()
        self.env.flush_all()
        job.check_access("read")
        self.env["hr.candidate"].check_access("read")
        if not job.mrc_is_offered:
            return []
        weights = self._mrc_weights()
        jobs = self._idx()._mrc_fetch_jobs([job.id])
        similarity = self._idx()._mrc_similarity(jobs.skill_ids().tolist(), weights=weights)
        if self.env.context.get("mrc_match_no_cache"):
            return self._mrc_rank_candidates_direct(job, jobs, similarity, weights, limit)
        base, stale = self._idx()._mrc_cached("c", self._idx()._mrc_all_candidates, self.env.lang)
        wanted = 2 * limit + 10
        ranked = matching.rank_candidates(jobs, base, similarity, weights, wanted, skip_ids=stale)[
            job.id
        ]
        source = dict.fromkeys((cid for cid, _score in ranked), base)
        if stale:
            fresh_ids = self.env["hr.candidate"].sudo()._search([("id", "in", list(stale))])
            related = sorted(set(similarity.skill_ids.tolist()))
            fresh = self._idx()._mrc_fetch_candidates(
                self._idx()._mrc_ids(fresh_ids),
                related,
                list(dict.fromkeys(jobs.lang_codes)),
            )
            extra = matching.rank_candidates(jobs, fresh, similarity, weights, wanted)[job.id]
            source.update(dict.fromkeys((cid for cid, _score in extra), fresh))
            ranked = sorted(ranked + extra, key=lambda item: (-item[1], item[0]))[:wanted]
        readable = set(
            self.env["hr.candidate"].search([("id", "in", [cid for cid, _s in ranked])]).ids
        )
        kept = [(cid, score) for cid, score in ranked if cid in readable][:limit]
        if len(kept) < limit and len(ranked) == wanted:
            # the user may read too few of the best: rank among what they may read
            return self._mrc_rank_candidates_direct(job, jobs, similarity, weights, limit)
        return self._mrc_explained(
            kept,
            weights,
            similarity,
            candidate_of=lambda cid: source[cid].get(cid),
            job_of=lambda _jid: jobs.get(job.id),
            job=job,
        )

    def _mrc_rank_candidates_direct(self, job, jobs, similarity, weights, limit):
        """Rank without the cache: migrants sharing a similar skill first, the others only
        when fewer than ``limit`` of those score above the non-skill ceiling."""
        related = sorted(set(similarity.skill_ids.tolist()))
        candidates_sql = self._idx()._mrc_candidate_ids_sql()
        languages = list(dict.fromkeys(jobs.lang_codes))
        ranked = None
        if len(jobs.req_skill):
            self.env.cr.execute(
                SQL(
                    """SELECT candidate_id FROM hr_candidate_skill
                        WHERE skill_id = ANY(%(skills)s) AND candidate_id IN %(allowed)s
                        UNION
                       SELECT candidate_id FROM mrc_certification
                        WHERE skill_id = ANY(%(skills)s) AND state = 'verified'
                          AND candidate_id IN %(allowed)s""",
                    skills=related,
                    allowed=candidates_sql,
                )
            )
            ids = sorted(row[0] for row in self.env.cr.fetchall())
            table = self._idx()._mrc_fetch_candidates(ids, related, languages)
            ranked = matching.rank_candidates(jobs, table, similarity, weights, limit)[job.id]
            # without a mandatory skill, migrants sharing no skill may still place
            enough = sum(score > weights.non_skill_ceiling() for _c, score in ranked) >= limit
            if not (enough or jobs.req_mandatory.any()):
                ranked = None
        if ranked is None:
            self.env.cr.execute(candidates_sql)
            ids = sorted(row[0] for row in self.env.cr.fetchall())
            table = self._idx()._mrc_fetch_candidates(ids, related, languages)
            ranked = matching.rank_candidates(jobs, table, similarity, weights, limit)[job.id]
        return self._mrc_explained(
            ranked,
            weights,
            similarity,
            candidate_of=table.get,
            job_of=lambda _jid: jobs.get(job.id),
            job=job,
        )

    @api.model
    def _mrc_rank_jobs(self, candidate, limit=20):
        """The best eligible vacancies for one migrant, best first.

        Scores every eligible vacancy from the per-process cache of ``mrc.match.index``
        (vacancies changed since it was read are read afresh), then keeps those the user may
        read. Without the cache (context ``mrc_match_no_cache``) vacancies requiring a skill
        similar to the migrant's are read first, the others only when needed.

        :return: a list of dicts ``{"job": hr.job, "score": float, "explanation": dict}``.
        """
        candidate.ensure_one()
        self.env.flush_all()
        candidate.check_access("read")
        self.env["hr.job"].check_access("read")
        weights = self._mrc_weights()
        table = self._idx()._mrc_fetch_candidates([candidate.id])
        own = table.skill_ids().tolist()
        if self.env.context.get("mrc_match_no_cache"):
            return self._mrc_rank_jobs_direct(candidate, table, own, weights, limit)
        base, stale = self._idx()._mrc_cached("j", self._idx()._mrc_all_jobs, self.env.lang)
        wanted = 2 * limit + 10
        similarity = self._idx()._mrc_similarity(base.skill_ids().tolist(), own, weights)
        ranked = matching.rank_jobs(table, base, similarity, weights, wanted, skip_ids=stale)
        ranked = ranked[candidate.id]
        source = dict.fromkeys((jid for jid, _score in ranked), base)
        if stale:
            fresh = self._idx()._mrc_fetch_jobs(
                self._idx()._mrc_ids(self._idx()._mrc_eligible_job_ids(stale))
            )
            fresh_similarity = self._idx()._mrc_similarity(fresh.skill_ids().tolist(), own, weights)
            extra = matching.rank_jobs(table, fresh, fresh_similarity, weights, wanted)
            extra = extra[candidate.id]
            source.update(dict.fromkeys((jid for jid, _score in extra), fresh))
            ranked = sorted(ranked + extra, key=lambda item: (-item[1], item[0]))[:wanted]
        readable = set(
            self.env["hr.job"]
            .search([("id", "in", [jid for jid, _s in ranked]), ("mrc_is_offered", "=", True)])
            .ids
        )
        kept = [(jid, score) for jid, score in ranked if jid in readable][:limit]
        if len(kept) < limit and len(ranked) == wanted:
            return self._mrc_rank_jobs_direct(candidate, table, own, weights, limit)
        jobs = {jid: source[jid].get(jid) for jid, _score in kept}
        required = {r.skill_id for job in jobs.values() for r in job.requirements}
        required |= {s for job in jobs.values() for s in job.certification_skill_ids}
        similarity = self._idx()._mrc_similarity(sorted(required), own, weights)
        return self._mrc_explained(
            kept,
            weights,
            similarity,
            candidate_of=table.get,
            job_of=jobs.get,
            candidate=candidate,
        )

    def _mrc_rank_jobs_direct(self, candidate, table, own, weights, limit):
        """Rank without the cache: vacancies requiring a skill similar to the migrant's (or
        none) first, the others only when fewer than ``limit`` score above the ceiling."""
        similarity_own = self._idx()._mrc_similarity(own, weights=weights)
        related = sorted(set(similarity_own.skill_ids.tolist()))
        eligible = self._idx()._mrc_eligible_job_ids()
        self.env.cr.execute(
            SQL(
                """SELECT job.id FROM hr_job job
                    WHERE job.id IN %(eligible)s
                      AND (EXISTS (SELECT 1 FROM mrc_job_skill js
                                    WHERE js.job_id = job.id AND js.skill_id = ANY(%(skills)s))
                           OR NOT EXISTS (SELECT 1 FROM mrc_job_skill js
                                           WHERE js.job_id = job.id))""",
                eligible=eligible.subselect(),
                skills=related,
            )
        )
        ids = sorted(row[0] for row in self.env.cr.fetchall())
        ranked = self._mrc_rank_jobs_among(table, ids, weights, limit)
        if sum(score > weights.non_skill_ceiling() for _j, score in ranked) < limit:
            ranked = self._mrc_rank_jobs_among(
                table, self._idx()._mrc_ids(eligible), weights, limit
            )
        jobs = self._idx()._mrc_fetch_jobs([job_id for job_id, _score in ranked])
        similarity = self._idx()._mrc_similarity(jobs.skill_ids().tolist(), own, weights)
        return self._mrc_explained(
            ranked,
            weights,
            similarity,
            candidate_of=table.get,
            job_of=jobs.get,
            candidate=candidate,
        )

    def _mrc_rank_jobs_among(self, table, job_ids, weights, limit):
        if not job_ids:
            return []
        jobs = self._idx()._mrc_fetch_jobs(job_ids)
        similarity = self._idx()._mrc_similarity(
            jobs.skill_ids().tolist(), table.skill_ids().tolist(), weights
        )
        candidate_id = int(table.ids[0])
        return matching.rank_jobs(table, jobs, similarity, weights, limit)[candidate_id]

    def _mrc_explained(
        self, ranked, weights, similarity, candidate_of, job_of, job=None, candidate=None
    ):
        """Explain ranked pairs for one vacancy (``job``) or one migrant (``candidate``)."""
        model = "hr.candidate" if job else "hr.job"
        records = self.env[model].browse([rid for rid, _score in ranked])
        result = []
        for record, (rid, score) in zip(records, ranked):
            if job:
                pair = (job_of(job.id), candidate_of(rid))
            else:
                pair = (job_of(rid), candidate_of(candidate.id))
            explanation = matching.explain(*pair, similarity, weights)
            result.append(
                {
                    "candidate" if job else "job": record,
                    "score": score,
                    "explanation": self._mrc_explanation_json(explanation),
                }
            )
        return result

    @api.model
    def _mrc_explanation_json(self, explanation):
        """The explanation as stored on ``mrc.match``: the pure library's data (ids, codes and
        numbers; see :mod:`..lib.matching.explanation`), put into words only when read."""
        return explanation.to_dict()
