from odoo import api, fields, models

from odoo.addons.mrc_recruiters.lib.risk import FollowupFacts


class MrcRiskEngine(models.AbstractModel):
    """Placement follow-ups that found a broken promise weigh in the employer's risk score
    (rule 9), until a complaint opened from them counts instead."""

    _inherit = "mrc.risk.engine"

    @api.model
    def _mrc_signal_facts(self, partners):
        result = super()._mrc_signal_facts(partners)
        today = fields.Date.context_today(self)
        rows = (
            self.env["mrc.placement.followup"]
            .sudo()
            ._read_group(
                [
                    ("employer_id", "in", partners.ids),
                    ("state", "=", "answered"),
                    ("has_broken_promise", "=", True),
                    ("has_complaint", "=", False),
                ],
                ["employer_id", "broken_codes", "date_answered:day"],
                ["__count"],
            )
        )
        found = {}
        for employer, codes, answered, count in rows:
            age = (today - answered).days if answered else 0
            fact = FollowupFacts(failed=tuple(codes.split(",")), age_days=age)
            found.setdefault(employer.id, []).extend([fact] * count)
        for partner_id, facts in found.items():
            signals = dict(result.get(partner_id, {}))
            signals["followups"] = tuple(signals.get("followups", ())) + tuple(facts)
            result[partner_id] = signals
        return result
