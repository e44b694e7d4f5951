from odoo import Command, fields, models
from odoo.exceptions import UserError

from ..lib.followup import complaint_categories


class MrcPlacementFollowup(models.Model):
    """One click from a follow-up's broken promise to a complaint against the employer."""

    _inherit = "mrc.placement.followup"

    def action_mrc_open_complaint(self):
        """Open a complaint (state new) against the employer, prefilled from this follow-up:
        the migrant as complainant, the categories and severity of the promises broken, the
        answers as narrative. Counsellors, complaints officers and managers only; the complaint
        is then the complaints officers' (rule 4: a counsellor does not read it).
        """
        self.ensure_one()
        self._mrc_check_staff()
        self.check_access("write")
        if self.has_complaint:
            raise UserError(self.env._("A complaint was already opened from %s.", self.name))
        if self.state != "answered" or not self.has_broken_promise:
            raise UserError(
                self.env._(
                    "Only an answered follow-up that found a broken promise opens a complaint."
                )
            )
        if not self.employer_id:
            raise UserError(self.env._("%s names no employer to complain against.", self.name))
        complaint = self.env["mrc.complaint"].sudo().create(self._mrc_complaint_values())
        self.sudo().write({"complaint_id": complaint.id, "has_complaint": True})
        self.message_post(
            body=self.env._(
                "Complaint %s opened from this follow-up; the complaints officers take it on.",
                complaint.name,
            ),
            subtype_xmlid="mail.mt_note",
        )
        if self.env.user.has_group("mrc_recruiters.group_mrc_complaints"):
            return {
                "type": "ir.actions.act_window",
                "res_model": "mrc.complaint",
                "res_id": complaint.id,
                "view_mode": "form",
            }
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Complaint %s opened", complaint.name),
                "message": self.env._("The complaints officers take it from here."),
                "type": "success",
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def _mrc_complaint_values(self):
        """The new complaint's values from this follow-up: no decision field (state new)."""
        self.ensure_one()
        broken = tuple((self.broken_codes or "").split(","))
        codes = complaint_categories(broken)
        categories = self.env["mrc.complaint.category"].sudo().search([("code", "in", codes)])
        if not categories:
            categories = self.env.ref("mrc_recruiters.complaint_category_other")
        lines = [
            self.env._(
                "Opened from %(name)s, answered on %(date)s.",
                name=self.name,
                date=self.date_answered,
            )
        ]
        for name in (f for f in self._fields if f.startswith("answer_")):
            labels = dict(self._fields[name]._description_selection(self.env))
            lines.append(
                f"{self._fields[name]._description_string(self.env)} {labels.get(self[name], '')}"
            )
        if self.notes:
            lines.append(self.notes)
        job = self.job_id.sudo()
        return {
            "partner_id": self.employer_id.id,
            "complainant_partner_id": self.partner_id.id,
            "category_ids": [Command.set(categories.ids)],
            "severity": self.severity or "medium",
            "incident_date": self.date_answered or fields.Date.context_today(self),
            "country_id": job.mrc_country_id.id,
            "description": "\n".join(lines),
        }
