from odoo import api, fields, models
from odoo.exceptions import ValidationError


class MrcComplaint(models.Model):
    _inherit = "mrc.complaint"

    candidate_id = fields.Many2one(
        "hr.candidate",
        string="Complainant (Migrant)",
        compute="_compute_candidate_id",
        store=True,
        readonly=False,
        index=True,
        groups="mrc_recruiters.group_mrc_complaints",
        help="The migrant's client card. Empty for anonymous complaints (rule 4).",
    )

    @api.depends("complainant_partner_id", "is_anonymous")
    def _compute_candidate_id(self):
        partners = self.complainant_partner_id
        candidates = (
            self.env["hr.candidate"].sudo().search([("partner_id", "in", partners.ids)], order="id")
            if partners
            else self.env["hr.candidate"]
        )
        by_partner = {}
        for candidate in candidates:
            by_partner.setdefault(candidate.partner_id.id, candidate)
        for complaint in self:
            if complaint.is_anonymous:
                complaint.candidate_id = False
            elif complaint.complainant_partner_id and not complaint.candidate_id:
                complaint.candidate_id = by_partner.get(complaint.complainant_partner_id.id)

    @api.constrains("candidate_id", "is_anonymous")
    def _check_anonymous_has_no_candidate(self):
        for complaint in self.sudo():
            if complaint.is_anonymous and complaint.candidate_id:
                raise ValidationError(
                    self.env._("An anonymous complaint keeps no link to the migrant who lodged it.")
                )
