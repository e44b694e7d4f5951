from odoo import models
from odoo.exceptions import UserError, ValidationError


class MrcServiceReferral(models.Model):
    """Rule 9 on service referrals: what the migrant agreed to share, item by item, is the
    only thing that reaches the provider, and it no longer changes once sent."""

    # Split from mrc_service_referral.py by concern (files stay under ~400 lines).
    _inherit = "mrc.service.referral"  # pylint: disable=consider-merging-classes-inherited

    # ------------------------------------------------------------------ consent
    def _mrc_check_consent(self):
        """Rule 9: a referral shares only what the migrant agreed to share, item by item; with
        nothing agreed there is nothing to refer with."""
        for referral in self.sudo():
            if not referral.consent_ids.filtered("consented"):
                raise ValidationError(
                    self.env._(
                        "Record what %s agrees to share with the provider (at least one item) "
                        "before referring: no referral is made without the migrant's consent.",
                        referral.candidate_id.partner_name or referral.name,
                    )
                )

    def _mrc_check_consent_editable(self):
        """What was shared with a provider stays on record: consent lines change only while
        the referral is a draft."""
        if self.env.su:
            return
        sent = self.sudo().filtered(lambda r: r.state != "draft")
        if sent:
            raise UserError(
                self.env._(
                    "Referral %s was sent: what the migrant agreed to share can no longer "
                    "change. Make a new referral to share more.",
                    sent[0].name,
                )
            )

    # ------------------------------------------------------------------ sharing
    def _mrc_shared_content(self):
        """What the provider receives, as a list of (label, text) pairs: only the items the
        migrant agreed to share (rule 9). Read as superuser, for the message to the provider."""
        self.ensure_one()
        referral = self.sudo()
        agreed = set(referral.consent_ids.filtered("consented").mapped("item"))
        candidate = referral.candidate_id
        content = [
            (self.env._("Reference"), referral.name),
            (self.env._("Service"), referral.service_type_id.name),
        ]
        if "contact" in agreed:
            contact = ", ".join(
                part
                for part in (candidate.partner_name, candidate.partner_phone, candidate.email_from)
                if part
            )
            content.append((self.env._("Contact details"), contact))
        if "case_summary" in agreed:
            content.append((self.env._("Case summary"), referral.reason or ""))
        if "screening" in agreed:
            summary = referral._mrc_screening_summary()
            if summary:
                content.append((self.env._("Screening results"), summary))
        if "documents" in agreed:
            names = referral._mrc_shared_attachments().mapped("name")
            if names:
                content.append((self.env._("Documents"), ", ".join(names)))
        return content

    def _mrc_shared_attachments(self):
        """The files attached to the referral itself, shared only with the migrant's consent."""
        self.ensure_one()
        return (
            self.env["ir.attachment"]
            .sudo()
            .search([("res_model", "=", self._name), ("res_id", "=", self.id)])
        )

    def _mrc_notify_provider(self):
        """Post the shared content on the referral, addressed to the provider."""
        self.ensure_one()
        content = self._mrc_shared_content()
        agreed = set(self.sudo().consent_ids.filtered("consented").mapped("item"))
        attachments = self._mrc_shared_attachments() if "documents" in agreed else False
        body = self.env["ir.qweb"]._render(
            "mrc_cases.mrc_service_referral_message", {"content": content}
        )
        self.sudo().message_post(
            body=body,
            subject=self.env._("Referral %s", self.name),
            partner_ids=self.partner_id.ids if self.partner_id.email else [],
            attachment_ids=attachments.ids if attachments else [],
            message_type="comment",
            subtype_xmlid="mail.mt_note" if not self.partner_id.email else "mail.mt_comment",
        )
