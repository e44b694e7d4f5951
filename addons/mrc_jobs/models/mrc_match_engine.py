import logging

import numpy as np

from odoo import api, models

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
# Up to this many vacancies, migrants are ranked first and filtered by the record rules after
# (a few ids searched); beyond, the ids the user may read are read first (one query).
FEW_JOBS = 20


class MrcMatchEngine(models.AbstractModel):
    """The ORM side of matching: takes the data from ``mrc.match.index`` (the shared,
    memory-mapped tables, or a few queries), lets ``lib/matching`` rank, score and explain it
    (as data: ``mrc.match`` puts it into words in the reader's language).
    ``mrc.match.refresh`` stores the suggestions it ranks; the buttons ("Find candidates",
    "Find jobs") and the rematch go through it.

    Record rules apply to what is ranked: the ranked migrants are searched again as the user,
    and the direct reads go through ``_search``.
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
    def _mrc_rank_migrants(self, jobs, weights, keep, floor, candidate_ids=None):
        """The best migrants of each vacancy of the table ``jobs``, with what explaining them
        needs (``mrc.match.refresh`` stores them: "Find candidates", the rematch).

        With ``candidate_ids`` (a list), only those migrants, read directly. Without, every
        active migrant the user may read, from the shared matching data of
        ``mrc.match.index`` (migrants changed since it was read are read afresh): the best of
        all are ranked, then those the user may read are kept.

        :return: ``(ranked, similarity, candidate_of, in_scope)``: ``ranked`` maps each vacancy
            id to its ``[(migrant id, score)]``, best first, at most ``keep`` scoring at least
            ``floor``; ``candidate_of(id)`` gives a ranked migrant's data; ``in_scope(ids)``
            the set of the given migrant ids this ranking covered.
        """
        idx = self._idx()
        similarity = idx._mrc_similarity(jobs.skill_ids().tolist(), weights=weights)
        if candidate_ids is not None:
            table = idx._mrc_fetch_candidates(candidate_ids)
            ranked = matching.rank_candidates(jobs, table, similarity, weights, keep, floor)
            given = set(candidate_ids)
            return ranked, similarity, table.get, lambda ids: given.intersection(ids)
        base, stale = idx._mrc_cached("c", idx._mrc_all_candidates, self.env.lang)
        fresh = None
        if stale:
            fresh_ids = self.env["hr.candidate"].sudo()._search([("id", "in", sorted(stale))])
            fresh = idx._mrc_fetch_candidates(idx._mrc_ids(fresh_ids))
        Candidate = self.env["hr.candidate"]

        def rank(limit, hidden=frozenset()):
            ranked = matching.rank_candidates(
                jobs, base, similarity, weights, limit, floor, stale | hidden
            )
            if fresh is not None and len(fresh):
                extra = matching.rank_candidates(
                    jobs, fresh, similarity, weights, limit, floor, hidden
                )
                for jid, rows in extra.items():
                    merged = ranked[jid] + rows
                    ranked[jid] = sorted(merged, key=lambda row: (-row[1], row[0]))[:limit]
            return ranked

        def candidate_of(cid):
            if fresh is not None and cid in stale:
                return fresh.get(cid)
            return base.get(cid)

        def in_scope(ids):
            return set(Candidate.search([("id", "in", list(ids))]).ids)

        if len(jobs) <= FEW_JOBS:
            # rank more than needed, then keep those the user may read
            wanted = 2 * keep + 10
            ranked = rank(wanted)
            readable = in_scope({cid for rows in ranked.values() for cid, _score in rows})
            kept = {
                jid: [row for row in rows if row[0] in readable][:keep]
                for jid, rows in ranked.items()
            }
            if all(len(kept[jid]) >= keep or len(ranked[jid]) < wanted for jid in ranked):
                return kept, similarity, candidate_of, in_scope
        # many vacancies, or the user may read too few of the best: rank among the readable
        self.env.cr.execute(idx._mrc_candidate_ids_sql())
        allowed = np.asarray([row[0] for row in self.env.cr.fetchall()], dtype=np.int64)
        hidden = set(np.setdiff1d(base.ids, allowed).tolist())
        if fresh is not None:
            hidden |= set(np.setdiff1d(fresh.ids, allowed).tolist())
        return rank(keep, frozenset(hidden)), similarity, candidate_of, in_scope

    @api.model
    def _mrc_explanation_json(self, explanation):
        """The explanation as stored on ``mrc.match``: the pure library's data (ids, codes and
        numbers; see :mod:`..lib.matching.explanation`), put into words only when read."""
        return explanation.to_dict()
