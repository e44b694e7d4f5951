from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

BROKER_LINK_GROUPS = ("mrc_recruiters.group_mrc_liaison", "mrc_recruiters.group_mrc_complaints")


class ResPartner(models.Model):
    """Individual brokers and sub-agents: natural persons linked to the recruitment agency they
    work for. The link weighs in the agency's risk score, so only liaison staff, complaints
    officers and managers set it (rule 7)."""

    _inherit = "res.partner"

    mrc_broker_agency_id = fields.Many2one(
        "res.partner",
        string="Works for Agency",
        index="btree_not_null",
        tracking=True,
        domain="[('is_company', '=', True), ('mrc_is_agency', '=', True)]",
        help="The recruitment agency this broker or sub-agent works for. The agency's risk "
        "score includes this person's substantiated complaints.",
    )
    mrc_broker_ids = fields.One2many(
        "res.partner", "mrc_broker_agency_id", string="Brokers and Sub-agents"
    )
    mrc_broker_count = fields.Integer(string="Brokers", compute="_compute_mrc_broker_count")

    def _compute_mrc_broker_count(self):
        counts = dict(
            self.sudo()._read_group(
                [("mrc_broker_agency_id", "in", self.ids)], ["mrc_broker_agency_id"], ["__count"]
            )
        )
        for partner in self:
            partner.mrc_broker_count = counts.get(partner, 0)

    @api.constrains("mrc_broker_agency_id", "is_company")
    def _check_mrc_broker_agency(self):
        for partner in self:
            agency = partner.mrc_broker_agency_id
            if not agency:
                continue
            if partner.is_company:
                raise ValidationError(
                    self.env._(
                        "%s is an organisation: only a person works for an agency as a broker.",
                        partner.display_name,
                    )
                )
            if not (agency.is_company and agency.mrc_is_agency):
                raise ValidationError(
                    self.env._(
                        "%s is not a recruitment agency: a broker works for an agency.",
                        agency.display_name,
                    )
                )

    @api.model
    def _mrc_check_broker_link(self, vals_list):
        """Refuse linking a broker to an agency to anyone but liaison staff, complaints officers
        and managers: the link changes the agency's risk score."""
        if self.env.su or not any(vals.get("mrc_broker_agency_id") for vals in vals_list):
            return
        if not any(self.env.user.has_group(group) for group in BROKER_LINK_GROUPS):
            raise AccessError(
                self.env._(
                    "Only employer liaison staff and complaints officers link a broker to "
                    "the agency they work for."
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        self._mrc_check_broker_link(vals_list)
        partners = super().create(vals_list)
        linked = partners.filtered("mrc_broker_agency_id")
        if linked:
            self.env["mrc.risk.engine"]._mrc_update_risk(linked.mrc_broker_agency_id)
        return partners

    def write(self, vals):
        if "mrc_broker_agency_id" not in vals:
            return super().write(vals)
        if not self.env.su and any(p.mrc_broker_agency_id for p in self):
            # unlinking changes the risk too
            self._mrc_check_broker_link([{"mrc_broker_agency_id": True}])
        self._mrc_check_broker_link([vals])
        before = self.mrc_broker_agency_id
        result = super().write(vals)
        self.env["mrc.risk.engine"]._mrc_update_risk(before | self.mrc_broker_agency_id)
        return result

    def action_mrc_view_brokers(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Brokers and sub-agents of %s", self.display_name),
            "res_model": "res.partner",
            "view_mode": "list,form",
            "domain": [("mrc_broker_agency_id", "=", self.id)],
            "context": {"default_mrc_broker_agency_id": self.id, "default_is_company": False},
        }
