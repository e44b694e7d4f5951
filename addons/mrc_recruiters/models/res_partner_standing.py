"""An organisation's standing on res.partner: vetting (rule 2), the flag (rule 3) and the
hook called when it stops being safe. Its fields, computes and buttons are in res_partner.py."""

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..lib.risk import RiskReason
from .res_partner import UNSAFE_STATES, VETTING_TRANSITIONS


class ResPartner(models.Model):
    # Split from res_partner.py by concern (files stay under ~400 lines), not merged with it.
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    # ------------------------------------------------------------------ vetting

    def _mrc_vetting_problems(self, mandatory=None):
        """What keeps this organisation from being vetted (rule 2), in words; empty when
        nothing does."""
        self.ensure_one()
        problems = []
        if not self.is_company or not (self.mrc_is_employer or self.mrc_is_agency):
            problems.append(
                self.env._("it is not registered as an employer or a recruitment agency")
            )
        checks = {line.check_type_id: line for line in self.mrc_check_ids}
        if mandatory is None:
            mandatory = self.env["mrc.vetting.check.type"].search([("is_mandatory", "=", True)])
        for check_type in mandatory:
            if not check_type._mrc_applies_to(self):
                continue
            line = checks.get(check_type)
            if not line or line.result != "pass":
                problems.append(self.env._("mandatory check “%s” not passed", check_type.name))
        if not self.mrc_pledge_date:
            problems.append(self.env._("employer-pays pledge not recorded"))
        if self.mrc_is_agency and not self.mrc_license_ids._mrc_today_valid():
            problems.append(self.env._("no licence valid today"))
        return problems

    def _mrc_set_vetting_state(self, state, reason):
        """Move the organisations to ``state``, posting ``reason`` in their chatter; refuse
        a change the vetting workflow does not allow. Calls ``_mrc_standing_lost`` on those
        that were safe and no longer are.

        :param str state: the new vetting state
        :param str reason: why, in words (required)
        """
        self._mrc_check_liaison()
        if not reason or not reason.strip():
            raise UserError(self.env._("Give the reason for the change of vetting state."))
        labels = dict(self._fields["mrc_vetting_state"]._description_selection(self.env))
        for partner in self:
            if partner.mrc_vetting_state == state:
                continue
            if state not in VETTING_TRANSITIONS[partner.mrc_vetting_state]:
                raise UserError(
                    self.env._(
                        "%(org)s cannot go from %(old)s to %(new)s.",
                        org=partner.display_name,
                        old=labels[partner.mrc_vetting_state],
                        new=labels[state],
                    )
                )
            if partner.mrc_vetting_state == "blacklisted":
                self._mrc_require_group(
                    "mrc_recruiters.group_mrc_manager",
                    self.env._("Only a manager takes an organisation off the blacklist."),
                )
        changing = self.filtered(lambda p: p.mrc_vetting_state != state)
        if not changing:
            return self
        changing.sudo().write({"mrc_vetting_state": state})
        for partner in changing:
            partner.message_post(
                body=self.env._(
                    "Vetting state changed to %(state)s: %(reason)s",
                    state=labels[state],
                    reason=reason,
                ),
                subtype_xmlid="mail.mt_note",
            )
        if state in UNSAFE_STATES:
            changing._mrc_standing_lost(reason)
        self.env["mrc.risk.engine"]._mrc_update_risk(changing)
        return changing

    def _mrc_suspend_unlicensed_agencies(self):
        """Suspend those of these organisations that are vetted agencies without a licence
        valid today (rule 2). Returns the agencies suspended."""
        agencies = self.filtered(
            lambda p: (
                p.mrc_is_agency
                and p.mrc_vetting_state == "vetted"
                and not p.mrc_license_ids._mrc_today_valid()
            )
        )
        if agencies:
            agencies.sudo()._mrc_set_vetting_state(
                "suspended", self.env._("No recruitment licence valid today.")
            )
        return agencies

    # ------------------------------------------------------------------ flag

    @api.model
    def _mrc_default_liaison_user(self):
        """Who gets activities for an organisation without a liaison officer: the first
        liaison user that is not a manager, else the first manager."""
        group = self.env.ref("mrc_recruiters.group_mrc_liaison").sudo()
        users = group.users.filtered(lambda u: u.active and not u.share)
        manager = self.env.ref("mrc_recruiters.group_mrc_manager")
        plain = users - manager.sudo().users
        return (plain or users).sorted("id")[:1]

    def _mrc_flag(self, reasons, threshold):
        """Flag the organisation (rule 3): record the reasons, tell the liaison officer with
        an activity and call the standing-lost hook. The chatter and the activity, which every
        internal user may see, say neither the score nor the reasons (rule 4): those stay in
        the restricted fields.

        :param reasons: the risk reasons (:class:`RiskReason` objects or their
            :meth:`~RiskReason.to_dict` data), shown in each reader's language; or a text
            written by a person, kept as written
        :param float threshold: the threshold the score reached
        """
        self.ensure_one()
        if not isinstance(reasons, str):
            reasons = [
                reason.to_dict() if isinstance(reason, RiskReason) else reason
                for reason in reasons or ()
            ]
        self.sudo().write(
            {
                "mrc_is_flagged": True,
                "mrc_flag_date": fields.Date.context_today(self),
                "mrc_flag_reason_data": reasons or False,
            }
        )
        limit = f"{threshold:g}"
        message = self.env._(
            "Flagged: the risk score reached the threshold %s; the reasons are on the Fair "
            "recruitment tab.",
            limit,
        )
        self.message_post(body=message, subtype_xmlid="mail.mt_note")
        user = self.mrc_liaison_user_id or self._mrc_default_liaison_user()
        if user:
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=user.id,
                summary=self.env._("Flagged organisation: review its vacancies and complaints"),
            )
        self._mrc_standing_lost(message)

    def _mrc_lift_flag(self, reason):
        """Lift the flag of these organisations with the reason; managers only."""
        self._mrc_require_group(
            "mrc_recruiters.group_mrc_manager", self.env._("Only a manager lifts a flag.")
        )
        if not reason or not reason.strip():
            raise UserError(self.env._("Give the reason for lifting the flag."))
        flagged = self.filtered("mrc_is_flagged")
        for partner in flagged.sudo():
            partner.write(
                {
                    "mrc_is_flagged": False,
                    "mrc_flag_lift_score": partner.mrc_risk_score,
                }
            )
        for partner in flagged:
            partner.message_post(
                body=self.env._(
                    "Flag lifted by %(user)s: %(reason)s", user=self.env.user.name, reason=reason
                ),
                subtype_xmlid="mail.mt_note",
            )
        return flagged

    def _mrc_standing_lost(self, reason):
        """Hook called on organisations that stop being safe (suspended, rejected, blacklisted,
        flagged), after the change is written. Posts the reason in the chatter; other add-ons
        extend it (mrc_jobs withdraws the organisations' vacancies).

        :param str reason: why the organisation lost its standing, in words
        """
        for partner in self:
            partner.message_post(
                body=self.env._("No longer safe to refer migrants to: %s", reason),
                subtype_xmlid="mail.mt_note",
            )
        return True
