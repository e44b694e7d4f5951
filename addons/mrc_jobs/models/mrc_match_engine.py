import json
import logging
import time

from odoo import api, fields, models
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
WRITE_PAGE = 5000


class MrcMatchEngine(models.AbstractModel):
    """The ORM side of matching: takes the data from ``mrc.match.index`` (a few queries, or
    its per-process cache), lets ``lib/matching.py`` score it and writes ``mrc.match`` records
    in batches.

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
        """The weights of the score, from the settings (``mrc_jobs.match_*`` parameters)."""
        params = self.env["ir.config_parameter"].sudo()
        values = {}
        for attr, key in WEIGHT_PARAMS.items():
            raw = params.get_param(PARAM + key)
            if raw not in (None, False, ""):
                try:
                    values[attr] = float(raw)
                except ValueError:
                    _logger.warning("Ignoring the matching parameter %s=%r", key, raw)
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
        vocabulary = self._idx()._mrc_vocabulary()
        texts = self._mrc_texts()
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
                    "explanation": self._mrc_explanation_json(explanation, vocabulary, texts),
                }
            )
        return result

    @api.model
    def _mrc_texts(self):
        """The translated words of explanations, looked up once per run."""
        return {
            "level_ok": self.env._("level reached"),
            "level_low": self.env._("level %(level)s%% below the %(minimum)s%% required"),
            "mandatory_skill": self.env._("Mandatory skill missing: %s"),
            "mandatory_level": self.env._("Mandatory skill below the required level: %s"),
            "language": self.env._("Required language not spoken: %s"),
            "certification": self.env._("No verified certificate for: %s"),
            "skills": self.env._("skills"),
            "occupation": self.env._("occupation"),
            "languages": self.env._("languages"),
            "country": self.env._("country"),
            "certificates": self.env._("verified certificates"),
        }

    @api.model
    def _mrc_explanation_json(self, explanation, vocabulary, texts=None):
        """The explanation as stored on ``mrc.match``: names and words for people."""
        texts = texts or self._mrc_texts()

        def name(skill_id):
            return vocabulary.get(skill_id, ("", ()))[0] or str(skill_id)

        matched = []
        for pair in explanation.matched:
            if pair.level_ok:
                note = texts["level_ok"]
            else:
                note = texts["level_low"] % {
                    "level": round(pair.level),
                    "minimum": round(pair.min_level),
                }
            matched.append(
                {
                    "required": name(pair.required_skill_id),
                    "candidate": name(pair.skill_id),
                    "similarity": round(pair.similarity, 1),
                    "level": note,
                }
            )
        excluded = [
            texts[item.code] % (item.ref if item.code == "language" else name(item.ref))
            for item in explanation.excluded
        ]
        components = {
            texts[key]: f"{round(value * 100)}%"
            for key, value in explanation.components.items()
            if value is not None
        }
        return {
            "score": explanation.score,
            "components": components,
            "matched": matched,
            "missing": [name(skill_id) for skill_id in explanation.missing_skill_ids],
            "excluded": excluded,
        }

    # ------------------------------------------------------------------------------------------
    # Refreshing stored matches
    # ------------------------------------------------------------------------------------------
    @api.model
    def _mrc_refresh_matches(self, candidates=None, jobs=None):
        """Recompute suggested matches, created or updated in batches.

        * Only migrants given ("Find jobs"): each migrant's best ``mrc_jobs.match_keep``
          eligible vacancies scoring at least ``mrc_jobs.match_min_score`` become suggested
          matches, and the migrant's other matches are rescored (suggested ones now excluded
          or below the lowest score are deleted).
        * Otherwise each given eligible vacancy (all by default) keeps its best migrants among
          the given ones (all by default); when only some migrants are given they are merged
          with the vacancy's stored matches of the others (whose scores did not change).
          Suggested matches that fall out are deleted.

        Suggested matches of vacancies no longer eligible are deleted; shortlisted, referred
        and dismissed ones are kept and rescored.

        :return: the number of matches written.
        """
        started = time.perf_counter()
        self.env.flush_all()
        self.env["mrc.match"].check_access("create")
        weights = self._mrc_weights()
        keep = max(self._mrc_param_int("keep", 20), 1)
        floor = self._mrc_param_int("min_score", 30)
        if candidates is not None and jobs is None:
            self._mrc_drop_ineligible()
            return self._mrc_refresh_for_migrants(
                sorted(candidates.exists().ids), weights, keep, floor
            )
        job_ids = self._idx()._mrc_ids(
            self._idx()._mrc_eligible_job_ids(None if jobs is None else jobs.ids)
        )
        if candidates is None:
            self.env.cr.execute(self._idx()._mrc_candidate_ids_sql())
            candidate_ids = sorted(row[0] for row in self.env.cr.fetchall())
        else:
            candidate_ids = sorted(candidates.exists().ids)
        self._mrc_drop_ineligible(jobs)
        if not job_ids or not candidate_ids:
            return 0
        job_table = self._idx()._mrc_fetch_jobs(job_ids)
        table = self._idx()._mrc_fetch_candidates(candidate_ids)
        similarity = self._idx()._mrc_similarity(
            job_table.skill_ids().tolist(), table.skill_ids().tolist(), weights
        )
        ranked = matching.rank_candidates(job_table, table, similarity, weights, keep, floor)
        # stored matches of these vacancies
        self.env.cr.execute(
            "SELECT id, candidate_id, job_id, score, state FROM mrc_match WHERE job_id = ANY(%s)",
            [job_ids],
        )
        in_scope = set(candidate_ids)
        stored = {}
        for mid, cid, jid, score, state in self.env.cr.fetchall():
            stored.setdefault(jid, []).append((mid, cid, float(score or 0.0), state))
        pairs, stale = set(), []
        for jid in job_ids:
            pool = dict(ranked.get(jid, []))
            for _mid, cid, score, _state in stored.get(jid, []):
                if cid not in in_scope:
                    pool[cid] = score
            best = sorted(pool.items(), key=lambda item: (-item[1], item[0]))[:keep]
            chosen = {cid for cid, score in best if score >= floor}
            pairs |= {(cid, jid) for cid in chosen if cid in in_scope}
            for mid, cid, _score, state in stored.get(jid, []):
                if state == "suggested" and cid not in chosen:
                    stale.append(mid)
                elif state != "suggested" and cid in in_scope:
                    pairs.add((cid, jid))
        vocabulary = self._idx()._mrc_vocabulary()
        texts = self._mrc_texts()
        rows = []
        for cid, jid in sorted(pairs, key=lambda pair: (pair[1], pair[0])):
            explanation = matching.explain(job_table.get(jid), table.get(cid), similarity, weights)
            data = self._mrc_explanation_json(explanation, vocabulary, texts)
            rows.append((cid, jid, explanation.score, data))
        if stale:
            self.env["mrc.match"].browse(stale).unlink()
        written = self._mrc_write_matches(rows)
        _logger.info(
            "Matching refreshed: %s vacancies x %s migrants, %s matches written in %.1f s",
            len(job_ids),
            len(candidate_ids),
            written,
            time.perf_counter() - started,
        )
        return written

    def _mrc_refresh_for_migrants(self, candidate_ids, weights, keep, floor):
        """Best vacancies of each given migrant, and their other matches rescored."""
        if not candidate_ids:
            return 0
        table = self._idx()._mrc_fetch_candidates(candidate_ids)
        own = table.skill_ids().tolist()
        base, stale = self._idx()._mrc_cached("j", self._idx()._mrc_all_jobs, self.env.lang)
        tables = [(base, stale)]
        if stale:
            fresh_ids = self._idx()._mrc_ids(self._idx().sudo()._mrc_eligible_job_ids(stale))
            tables.append((self._idx()._mrc_fetch_jobs(fresh_ids), set()))
        required = set()
        for job_table, _skip in tables:
            required |= set(job_table.skill_ids().tolist())
        similarity = self._idx()._mrc_similarity(sorted(required), own, weights)
        ranked = {cid: [] for cid in candidate_ids}
        source = {}
        for job_table, skip in tables:
            found = matching.rank_jobs(table, job_table, similarity, weights, keep, floor, skip)
            for cid, rows in found.items():
                ranked[cid] += rows
                source.update(dict.fromkeys((jid for jid, _score in rows), job_table))
        offered = [("id", "in", list(source)), ("mrc_is_offered", "=", True)]
        readable = set(self.env["hr.job"].search(offered).ids)
        pairs = set()
        for cid, rows in ranked.items():
            rows = sorted((r for r in rows if r[0] in readable), key=lambda r: (-r[1], r[0]))
            pairs |= {(cid, jid) for jid, _score in rows[:keep]}
        # the migrants' other matches with eligible vacancies are rescored
        self.env.cr.execute(
            "SELECT id, candidate_id, job_id, state FROM mrc_match WHERE candidate_id = ANY(%s)",
            [candidate_ids],
        )
        existing = {}
        for mid, cid, jid, state in self.env.cr.fetchall():
            existing[cid, jid] = (mid, state)
        missing_jobs = {jid for _cid, jid in existing} - set(source)
        if missing_jobs:
            eligible = self._idx()._mrc_ids(self._idx()._mrc_eligible_job_ids(missing_jobs))
            extra = self._idx()._mrc_fetch_jobs(eligible)
            source.update(dict.fromkeys(eligible, extra))
            required = set(extra.skill_ids().tolist()) - required
            if required:
                similarity = self._idx()._mrc_similarity(
                    sorted(required | set(similarity.query_ids.tolist())), own, weights
                )
        pairs |= {pair for pair in existing if pair[1] in source}
        vocabulary = self._idx()._mrc_vocabulary()
        texts = self._mrc_texts()
        rows, stale_matches = [], []
        for cid, jid in sorted(pairs, key=lambda pair: (pair[0], pair[1])):
            explanation = matching.explain(
                source[jid].get(jid), table.get(cid), similarity, weights
            )
            mid, state = existing.get((cid, jid), (None, "suggested"))
            if state == "suggested" and (explanation.excluded or explanation.score < floor):
                if mid:
                    stale_matches.append(mid)
                continue
            data = self._mrc_explanation_json(explanation, vocabulary, texts)
            rows.append((cid, jid, explanation.score, data))
        if stale_matches:
            self.env["mrc.match"].browse(stale_matches).unlink()
        return self._mrc_write_matches(rows)

    @api.model
    def _mrc_drop_ineligible(self, jobs=None):
        """Delete the suggested matches of vacancies that are no longer eligible."""
        domain = [("state", "=", "suggested"), ("job_id.mrc_is_offered", "=", False)]
        if jobs is not None:
            domain.append(("job_id", "in", jobs.ids))
        self.env["mrc.match"].search(domain).unlink()

    @api.model
    def _mrc_write_matches(self, rows):
        """Create or update matches from ``(candidate id, job id, score, explanation)`` rows,
        a page of rows per statement (``INSERT ... ON CONFLICT`` on the pair's unique key).
        Existing matches keep their state; new ones are suggested."""
        if not rows:
            return 0
        self.env["mrc.match"].flush_model()
        for start in range(0, len(rows), WRITE_PAGE):
            values = SQL(", ").join(
                SQL(
                    "(%s, %s, %s, %s::jsonb)",
                    cid,
                    jid,
                    min(max(float(score), 0.0), 100.0),
                    json.dumps(explanation),
                )
                for cid, jid, score, explanation in rows[start : start + WRITE_PAGE]
            )
            self.env.cr.execute(
                SQL(
                    """INSERT INTO mrc_match (candidate_id, job_id, score, explanation, state,
                                              company_id, create_uid, write_uid, create_date,
                                              write_date)
                       SELECT v.candidate_id, v.job_id, v.score, v.explanation, 'suggested',
                              c.company_id, %(uid)s, %(uid)s, now() at time zone 'UTC',
                              now() at time zone 'UTC'
                         FROM (VALUES %(values)s) AS v(candidate_id, job_id, score, explanation)
                         JOIN hr_candidate c ON c.id = v.candidate_id
                  ON CONFLICT (candidate_id, job_id) DO UPDATE
                          SET score = EXCLUDED.score, explanation = EXCLUDED.explanation,
                              write_uid = EXCLUDED.write_uid,
                              write_date = EXCLUDED.write_date""",
                    uid=self.env.uid,
                    values=values,
                )
            )
        self.env["mrc.match"].invalidate_model()
        return len(rows)

    @api.model
    def _mrc_store_ranking(self, ranking, job=None, candidate=None):
        """Write a ranking as matches and return them (existing ones keep their state).

        :param ranking: from :meth:`_mrc_rank_candidates` (then give ``job``) or
            :meth:`_mrc_rank_jobs` (then give ``candidate``).
        """
        self.env["mrc.match"].check_access("create")
        rows = [
            (
                (item.get("candidate") or candidate).id,
                (item.get("job") or job).id,
                item["score"],
                item["explanation"],
            )
            for item in ranking
        ]
        self._mrc_write_matches(rows)
        return self.env["mrc.match"].search(
            [
                ("candidate_id", "in", [row[0] for row in rows]),
                ("job_id", "in", [row[1] for row in rows]),
            ]
        )

    # ------------------------------------------------------------------------------------------
    # Scheduled action
    # ------------------------------------------------------------------------------------------
    @api.model
    def _mrc_cron_refresh(self):
        """Recompute only what changed since the last run: vacancies whose terms or required
        skills changed against every migrant, and migrants whose card, skills, languages or
        certificates changed against every eligible vacancy. A change of the skill vocabulary
        (names, aliases) or of the weights recomputes everything."""
        self.env.flush_all()
        params = self.env["ir.config_parameter"].sudo()
        cr = self.env.cr
        cr.execute("SELECT now() at time zone 'UTC'")
        now = cr.fetchone()[0]
        last = params.get_param(PARAM + "last_run")
        signature = repr((self._mrc_weights(), self._mrc_param_int("keep", 20),
                          self._mrc_param_int("min_score", 30)))  # fmt: skip
        if not last or params.get_param(PARAM + "last_signature") != signature:
            self._mrc_refresh_matches()
        else:
            cr.execute(
                """SELECT EXISTS(SELECT 1 FROM hr_skill WHERE write_date >= %(last)s)
                       OR EXISTS(SELECT 1 FROM mrc_skill_alias WHERE write_date >= %(last)s)""",
                {"last": last},
            )
            if cr.fetchone()[0]:
                self._mrc_refresh_matches()
            else:
                cr.execute(
                    """SELECT id FROM hr_job WHERE write_date >= %(last)s
                        UNION SELECT job_id FROM mrc_job_skill WHERE write_date >= %(last)s""",
                    {"last": last},
                )
                job_ids = [row[0] for row in cr.fetchall()]
                cr.execute(
                    """SELECT id FROM hr_candidate WHERE write_date >= %(last)s
                  UNION SELECT candidate_id FROM hr_candidate_skill WHERE write_date >= %(last)s
                  UNION SELECT candidate_id FROM mrc_candidate_language
                         WHERE write_date >= %(last)s
                  UNION SELECT candidate_id FROM mrc_certification
                         WHERE write_date >= %(last)s""",
                    {"last": last},
                )
                candidate_ids = [row[0] for row in cr.fetchall() if row[0]]
                if job_ids:
                    self._mrc_refresh_matches(jobs=self.env["hr.job"].browse(job_ids))
                if candidate_ids:
                    self._mrc_refresh_matches(
                        candidates=self.env["hr.candidate"].browse(candidate_ids)
                    )
        self._idx()._mrc_forget_old_changes()
        params.set_param(PARAM + "last_run", fields.Datetime.to_string(now))
        params.set_param(PARAM + "last_signature", signature)
