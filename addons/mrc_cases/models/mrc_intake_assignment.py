from odoo import fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .mrc_intake import COUNSELLOR_GROUP, MANAGER_GROUP


class MrcIntake(models.Model):
    """Safe case assignment (rule 8): a case of gender-based violence or sexual harassment goes
    to a female counsellor trained in GBV, unless a manager records why not."""

    _inherit = "mrc.intake"

    def _mrc_check_assignment(self):
        """Refuse a case of gender-based violence given to a counsellor who may not take it
        without a manager's override for that counsellor, and a case given to someone who is
        not a counsellor. Runs after every change of counsellor, whoever makes it."""
        counsellors = self.env.ref(COUNSELLOR_GROUP).sudo().users
        for intake in self.sudo():
            counsellor = intake.counsellor_id
            if counsellor not in counsellors:
                raise ValidationError(
                    self.env._(
                        "%s is not a counsellor: a case goes to a counsellor.", counsellor.name
                    )
                )
            if (
                intake.is_gbv
                and not counsellor.mrc_is_gbv_eligible
                and counsellor != intake.override_counsellor_id
            ):
                raise ValidationError(
                    self.env._(
                        "Case %(case)s concerns gender-based violence or sexual harassment: it "
                        "goes to a female counsellor trained in GBV, and %(name)s is not one. "
                        "Only a manager may give it to %(name)s, with a recorded reason.",
                        case=intake.name,
                        name=counsellor.name,
                    )
                )

    def write(self, vals):
        result = super().write(vals)
        # A case moved to another migrant's card: that card's counsellor must be able to hold
        # it (hr.candidate._mrc_check_gbv_counsellor), as when the card is changed.
        if "candidate_id" in vals and not self.env.su:
            self.sudo().candidate_id._mrc_check_gbv_counsellor()
        return result

    def _mrc_assign(self, counsellor, reason=None):
        """Give the cases to ``counsellor`` (counsellors and managers). A case of gender-based
        violence given to a counsellor who is not a woman trained in GBV needs a manager and a
        reason, which is recorded (tracked) with who gave it and when."""
        if not self.env.user.has_group(COUNSELLOR_GROUP):
            raise AccessError(self.env._("Only counsellors and managers assign cases."))
        reason = (reason or "").strip()
        counsellor = counsellor.sudo()
        for intake in self:
            vals = {"counsellor_id": counsellor.id}
            if intake.is_gbv and not counsellor.mrc_is_gbv_eligible:
                if not self.env.user.has_group(MANAGER_GROUP):
                    raise AccessError(
                        self.env._(
                            "Case %(case)s concerns gender-based violence or sexual harassment: "
                            "only a manager may give it to %(name)s, who is not a female "
                            "counsellor trained in GBV.",
                            case=intake.name,
                            name=counsellor.name,
                        )
                    )
                if not reason:
                    raise UserError(
                        self.env._(
                            "Record why case %(case)s goes to %(name)s rather than to a female "
                            "counsellor trained in GBV.",
                            case=intake.name,
                            name=counsellor.name,
                        )
                    )
                vals.update(
                    override_counsellor_id=counsellor.id,
                    override_reason=reason,
                    override_user_id=self.env.user.id,
                    override_date=fields.Datetime.now(),
                )
            intake.sudo().write(vals)
        return True

    def action_mrc_assign(self):
        """Open the assignment wizard for this case."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Assign counsellor"),
            "res_model": "mrc.intake.assign",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_intake_id": self.id},
        }
