from odoo import fields, models


class HrCandidate(models.Model):
    # The referral network's and trainings' side of the client card, apart from the intake's
    # (hr_candidate.py): one concern per file, not merged with it.
    _inherit = "hr.candidate"  # pylint: disable=consider-merging-classes-inherited

    mrc_service_referral_ids = fields.One2many(
        "mrc.service.referral", "candidate_id", string="Service Referrals"
    )
    mrc_service_referral_count = fields.Integer(
        string="Service Referral Count", compute="_compute_mrc_service_referral_count"
    )
    mrc_training_registration_ids = fields.One2many(
        "event.registration", "mrc_candidate_id", string="Training Registrations"
    )
    mrc_training_count = fields.Integer(
        string="Training Count", compute="_compute_mrc_training_count"
    )

    def _mrc_count_by(self, model, field):
        Model = self.env[model]
        if not Model.has_access("read"):
            return {}
        return dict(Model._read_group([(field, "in", self.ids)], [field], ["__count"]))

    def _compute_mrc_service_referral_count(self):
        counts = self._mrc_count_by("mrc.service.referral", "candidate_id")
        for candidate in self:
            candidate.mrc_service_referral_count = counts.get(candidate._origin, 0)

    def _compute_mrc_training_count(self):
        counts = self._mrc_count_by("event.registration", "mrc_candidate_id")
        for candidate in self:
            candidate.mrc_training_count = counts.get(candidate._origin, 0)

    def action_mrc_open_service_referrals(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Service referrals"),
            "res_model": "mrc.service.referral",
            "view_mode": "list,kanban,form",
            "domain": [("candidate_id", "=", self.id)],
            "context": {"default_candidate_id": self.id},
        }

    def action_mrc_open_trainings(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Trainings"),
            "res_model": "event.registration",
            "view_mode": "list,form",
            "domain": [("mrc_candidate_id", "=", self.id)],
            "context": {
                "default_mrc_candidate_id": self.id,
                "default_partner_id": self.partner_id.id,
            },
        }

    def _mrc_erase(self):
        """Erasure (rule 6): service referrals and training registrations stay for the
        statistics, without what the migrant told the centre, what the provider answered, or
        her name and contact details."""
        result = super()._mrc_erase()
        quiet = {"tracking_disable": True, "mail_notrack": True}
        referrals = (
            self.env["mrc.service.referral"]
            .sudo()
            .with_context(**quiet)
            .search([("candidate_id", "in", self.ids)])
        )
        if referrals:
            note = self.env._("Erased at the migrant's request.")
            referrals.write({"reason": note, "feedback": False})
            referrals.consent_ids.filtered("note").write({"note": False})
            self.env["mail.message"].sudo().search(
                [("model", "=", referrals._name), ("res_id", "in", referrals.ids)]
            ).unlink()
            self.env["ir.attachment"].sudo().search(
                [("res_model", "=", referrals._name), ("res_id", "in", referrals.ids)]
            ).unlink()
        registrations = (
            self.env["event.registration"]
            .sudo()
            .with_context(**quiet)
            .search([("mrc_candidate_id", "in", self.ids)])
        )
        if registrations:
            registrations.write({"name": self.env._("Erased"), "email": False, "phone": False})
        return result
