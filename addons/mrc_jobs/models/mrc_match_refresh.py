import io
import json
import logging
import time

from odoo import api, fields, models
from odoo.tools import SQL

from ..lib import matching
from .mrc_match_engine import PARAM

_logger = logging.getLogger(__name__)

WRITE_PAGE = 5000


class MrcMatchRefresh(models.AbstractModel):
    """The stored side of matching: rewrites the suggested ``mrc.match`` records of many
    migrants and vacancies at once (on demand and every hour), in batches, with
    ``mrc.match.engine``'s weights and explanations and ``mrc.match.index``'s data."""

    _name = "mrc.match.refresh"
    _description = "Matching: Stored Suggestions"

    def _idx(self):
        """The matching data (queries and per-process cache), as this user."""
        return self.env["mrc.match.index"]

    def _engine(self):
        """Weights, settings and explanations, as this user."""
        return self.env["mrc.match.engine"]

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
        # concurrent rematches of the same vacancies or migrants wait for each other
        self._mrc_lock_scope(
            None if jobs is None else jobs.ids, None if candidates is None else candidates.ids
        )
        weights = self._engine()._mrc_weights()
        keep = max(self._engine()._mrc_param_int("keep", 20), 1)
        floor = self._engine()._mrc_param_int("min_score", 30)
        if candidates is not None and jobs is None:
            self._mrc_drop_ineligible(candidates=candidates)
            return self._mrc_refresh_for_migrants(
                sorted(candidates.exists().ids), weights, keep, floor
            )
        job_ids = self._idx()._mrc_ids(
            self._idx()._mrc_eligible_job_ids(None if jobs is None else jobs.ids)
        )
        # every migrant (None) comes from the shared matching data, not read again
        candidate_ids = None if candidates is None else sorted(candidates.exists().ids)
        self._mrc_drop_ineligible(jobs)
        if not job_ids or candidate_ids == []:
            return 0
        job_table = self._idx()._mrc_fetch_jobs(job_ids)
        ranked, similarity, candidate_of, in_scope = self._engine()._mrc_rank_migrants(
            job_table, weights, keep, floor, candidate_ids
        )
        # stored matches of these vacancies
        self.env.cr.execute(
            "SELECT id, candidate_id, job_id, score, state FROM mrc_match WHERE job_id = ANY(%s)",
            [job_ids],
        )
        stored = {}
        for mid, cid, jid, score, state in self.env.cr.fetchall():
            stored.setdefault(jid, []).append((mid, cid, float(score or 0.0), state))
        in_scope = in_scope(
            {cid for rows in ranked.values() for cid, _score in rows}
            | {cid for rows in stored.values() for _mid, cid, _score, _state in rows}
        )
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
        rows = []
        engine = self._engine()
        # migrant by migrant: each one's data is rebuilt from the table once, not per pair
        current = candidate = None
        for cid, jid in sorted(pairs):
            if cid != current:
                current, candidate = cid, candidate_of(cid)
            explanation = matching.explain(job_table.get(jid), candidate, similarity, weights)
            # kept as JSON text: 100,000 explanations as dicts would hold hundreds of MB
            data = json.dumps(engine._mrc_explanation_json(explanation))
            rows.append((cid, jid, explanation.score, data))
        self._mrc_delete_suggested(stale)
        written = self._mrc_write_matches(rows)
        _logger.info(
            "Matching refreshed: %s vacancies x %s migrants, %s matches written in %.1f s",
            len(job_ids),
            "all" if candidate_ids is None else len(candidate_ids),
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
        rows, stale_matches = [], []
        engine = self._engine()
        current = candidate = None
        for cid, jid in sorted(pairs):
            if cid != current:  # each migrant's data rebuilt once
                current, candidate = cid, table.get(cid)
            explanation = matching.explain(source[jid].get(jid), candidate, similarity, weights)
            mid, state = existing.get((cid, jid), (None, "suggested"))
            if state == "suggested" and (explanation.excluded or explanation.score < floor):
                if mid:
                    stale_matches.append(mid)
                continue
            data = json.dumps(engine._mrc_explanation_json(explanation))
            rows.append((cid, jid, explanation.score, data))
        self._mrc_delete_suggested(stale_matches)
        return self._mrc_write_matches(rows)

    @api.model
    def _mrc_drop_ineligible(self, jobs=None, candidates=None):
        """Delete the suggested matches of vacancies that are no longer eligible (of these
        vacancies, or these migrants, when given: then only their vacancies are looked at,
        not every vacancy, which keeps the buttons fast)."""
        domain = [("state", "=", "suggested")]
        if jobs is None and candidates is None:
            domain.append(("job_id.mrc_is_offered", "=", False))
            self._mrc_delete_suggested(self.env["mrc.match"].search(domain).ids)
            return
        if jobs is not None:
            domain.append(("job_id", "in", jobs.ids))
        if candidates is not None:
            domain.append(("candidate_id", "in", candidates.ids))
        matches = self.env["mrc.match"].search_fetch(domain, ["job_id"])
        # whether a vacancy is offered is a fact, whoever asks
        offered = (
            self.env["hr.job"]
            .sudo()
            ._search([("id", "in", matches.job_id.ids), ("mrc_is_offered", "=", True)])
        )
        offered = set(self._idx()._mrc_ids(offered))
        self._mrc_delete_suggested(matches.filtered(lambda m: m.job_id.id not in offered).ids)

    @api.model
    def _mrc_delete_suggested(self, match_ids):
        """Delete those of these matches that are still suggested. A match a counsellor is
        changing at this moment (row locked) is skipped, not waited for: their shortlist,
        dismissal or referral wins, and the next refresh looks at it again."""
        if not match_ids:
            return
        self.env["mrc.match"].flush_model()
        self.env.cr.execute(
            """SELECT id FROM mrc_match WHERE id = ANY(%s) AND state = 'suggested'
                ORDER BY id FOR UPDATE SKIP LOCKED""",
            [list(match_ids)],
        )
        self.env["mrc.match"].browse([row[0] for row in self.env.cr.fetchall()]).unlink()

    @api.model
    def _mrc_write_matches(self, rows):
        """Create or update matches from ``(candidate id, job id, score, explanation)`` rows
        (the explanation a dict, or its JSON text):
        copied into a temporary table (``COPY``: no statement text to build per row), then
        one ``INSERT ... ON CONFLICT`` on the pair's unique key. Existing matches keep their
        state; new ones are suggested."""
        if not rows:
            return 0
        self.env["mrc.match"].flush_model()
        cr = self.env.cr
        # one order for every rematch (migrant, then vacancy): concurrent ones lock the rows
        # they share in the same order and never deadlock
        rows = sorted(rows, key=lambda row: (row[0], row[1]))
        buffer = io.StringIO()
        for cid, jid, score, explanation in rows:
            # COPY's text format reads backslashes as escapes: JSON's are doubled
            data = explanation if isinstance(explanation, str) else json.dumps(explanation)
            data = data.replace("\\", "\\\\")
            buffer.write(
                f"{int(cid)}\t{int(jid)}\t{min(max(float(score), 0.0), 100.0)!r}\t{data}\n"
            )
        buffer.seek(0)
        cr.execute(
            """CREATE TEMP TABLE IF NOT EXISTS mrc_match_incoming (
                   candidate_id integer, job_id integer, score numeric, explanation jsonb
               ) ON COMMIT DROP"""
        )
        cr.execute("TRUNCATE mrc_match_incoming")
        cr.copy_expert("COPY mrc_match_incoming FROM STDIN", buffer)
        cr.execute(
            SQL(
                """INSERT INTO mrc_match (candidate_id, job_id, score, explanation, state,
                                          company_id, create_uid, write_uid, create_date,
                                          write_date)
                   SELECT v.candidate_id, v.job_id, v.score, v.explanation, 'suggested',
                          c.company_id, %(uid)s, %(uid)s, now() at time zone 'UTC',
                          now() at time zone 'UTC'
                     FROM mrc_match_incoming v
                     JOIN hr_candidate c ON c.id = v.candidate_id
                 ORDER BY v.candidate_id, v.job_id
              ON CONFLICT (candidate_id, job_id) DO UPDATE
                      SET score = EXCLUDED.score, explanation = EXCLUDED.explanation,
                          write_uid = EXCLUDED.write_uid,
                          write_date = EXCLUDED.write_date""",
                uid=self.env.uid,
            )
        )
        cr.execute("TRUNCATE mrc_match_incoming")
        self.env["mrc.match"].invalidate_model()
        return len(rows)

    @api.model
    def _mrc_reexplain_matches(self, match_ids=None):
        """Explain stored matches again through the engine, whatever their state or their
        vacancy's eligibility, and store the score that comes with it (the 18.0.1.2.0
        migration turns explanations kept in words into data with it; the portal explains a
        pair a migrant asked about). A page of matches that cannot be explained gets an empty
        explanation and keeps its score.

        :param match_ids: ids of ``mrc.match`` records (None: every match).
        :return: the number of matches explained again.
        """
        cr = self.env.cr
        self.env["mrc.match"].flush_model()
        if match_ids is None:
            cr.execute("SELECT id, candidate_id, job_id FROM mrc_match ORDER BY candidate_id, id")
        else:
            cr.execute(
                """SELECT id, candidate_id, job_id FROM mrc_match WHERE id = ANY(%s)
                 ORDER BY candidate_id, id""",
                [list(match_ids)],
            )
        rows = cr.fetchall()
        weights = self._engine()._mrc_weights()
        explained = 0
        for start in range(0, len(rows), WRITE_PAGE):
            page = rows[start : start + WRITE_PAGE]
            try:
                with cr.savepoint():
                    values = self._mrc_explain_rows(page, weights)
                explained += len(values)
            except Exception:  # pylint: disable=broad-except
                _logger.exception("Matches %s could not be explained again", page[0][0])
                values = [(mid, None, {}) for mid, _cid, _jid in page]
            cr.execute(
                SQL(
                    """UPDATE mrc_match m
                          SET explanation = v.explanation,
                              score = COALESCE(v.score, m.score)
                         FROM (VALUES %s) AS v(id, score, explanation)
                        WHERE m.id = v.id""",
                    SQL(", ").join(
                        SQL("(%s, %s::float8, %s::jsonb)", mid, score, json.dumps(data))
                        for mid, score, data in values
                    ),
                )
            )
        self.env["mrc.match"].invalidate_model(["score", "explanation"])
        return explained

    def _mrc_explain_rows(self, rows, weights):
        """[(match id, score, explanation dict)] of ``(match id, migrant id, vacancy id)``."""
        jobs = self._idx()._mrc_fetch_jobs(sorted({jid for _mid, _cid, jid in rows}))
        table = self._idx()._mrc_fetch_candidates(sorted({cid for _mid, cid, _jid in rows}))
        similarity = self._idx()._mrc_similarity(
            jobs.skill_ids().tolist(), table.skill_ids().tolist(), weights
        )
        result = []
        for mid, cid, jid in rows:
            explanation = matching.explain(jobs.get(jid), table.get(cid), similarity, weights)
            score = min(max(float(explanation.score), 0.0), 100.0)
            result.append((mid, score, self._engine()._mrc_explanation_json(explanation)))
        return result

    # ------------------------------------------------------------------------------------------
    # Scheduled action
    # ------------------------------------------------------------------------------------------
    @api.model
    def _mrc_cron_refresh(self):
        """Hourly safety net, as background jobs (channel ``root.mrc``): the migrants and
        vacancies the change log names since the last run are ranked again (edits queue their
        own re-ranking at once: this catches what those jobs missed); a change of the skill
        vocabulary (names, aliases), of levels, occupations or languages, or of the weights
        ranks everything again. The change log this run consumed is pruned as it commits.

        :return: the number of jobs queued.
        """
        self.env.flush_all()
        params = self.env["ir.config_parameter"].sudo()
        cr = self.env.cr
        cr.execute("SELECT now() at time zone 'UTC'")
        now = cr.fetchone()[0]
        last = params.get_param(PARAM + "last_run")
        signature = self._mrc_signature()
        changes, mark = self._mrc_read_changes(params.get_param(PARAM + "change_mark"))
        everything = (
            not last or params.get_param(PARAM + "last_signature") != signature or "v" in changes
        )
        if not everything:
            cr.execute(
                """SELECT EXISTS(SELECT 1 FROM hr_skill WHERE write_date >= %(last)s)
                       OR EXISTS(SELECT 1 FROM mrc_skill_alias WHERE write_date >= %(last)s)""",
                {"last": last},
            )
            everything = cr.fetchone()[0]
        if everything:
            queued = self._mrc_queue_rematch(everything=True)
        else:
            self._mrc_drop_ineligible()
            queued = self._mrc_queue_rematch(
                job_ids=changes.get("j"), candidate_ids=changes.get("c")
            )
        self._mrc_prune_changes()
        self._idx()._mrc_forget_old_changes()
        params.set_param(PARAM + "last_run", fields.Datetime.to_string(now))
        params.set_param(PARAM + "last_signature", signature)
        params.set_param(PARAM + "change_mark", mark)
        return queued

    @api.model
    def _mrc_signature(self):
        """The settings a stored ranking depends on (weights, suggestions kept, lowest score):
        when they change, everything is ranked again."""
        engine = self._engine()
        return repr(
            (
                engine._mrc_weights(),
                engine._mrc_param_int("keep", 20),
                engine._mrc_param_int("min_score", 30),
            )
        )
