from odoo import api, fields, models
from odoo.exceptions import ValidationError


class EventRegistration(models.Model):
    """A registration to a training is the migrant's: linked to the client card and to the
    migrant's own contact, so that the portal shows it to her."""

    _inherit = "event.registration"

    mrc_candidate_id = fields.Many2one(
        "hr.candidate",
        string="Migrant",
        index="btree_not_null",
        tracking=True,
        ondelete="set null",
    )
    mrc_gender = fields.Selection(
        related="mrc_candidate_id.mrc_gender", store=True, string="Gender"
    )
    mrc_kind = fields.Selection(related="event_id.mrc_kind", store=True, string="MRC Kind")

    @api.onchange("mrc_candidate_id")
    def _onchange_mrc_candidate_id(self):
        if self.mrc_candidate_id.partner_id:
            self.partner_id = self.mrc_candidate_id.partner_id

    @api.model_create_multi
    def create(self, vals_list):
        Candidate = self.env["hr.candidate"]
        for vals in vals_list:
            if vals.get("mrc_candidate_id") and not vals.get("partner_id"):
                partner = Candidate.browse(vals["mrc_candidate_id"]).partner_id
                if partner:
                    vals["partner_id"] = partner.id
        return super().create(vals_list)

    @api.constrains("mrc_candidate_id", "partner_id")
    def _check_mrc_candidate_partner(self):
        for registration in self:
            partner = registration.mrc_candidate_id.partner_id
            if partner and registration.partner_id != partner:
                raise ValidationError(
                    self.env._(
                        "A migrant's registration is under the migrant's own contact (%s).",
                        partner.display_name,
                    )
                )
