"""Erasure on request (rule 6): the person goes, the statistics stay.

``hr.candidate.action_mrc_erase`` checks the caller's group, then calls ``_mrc_erase`` as
superuser. Nothing the erasure writes is tracked, so the old values do not survive as tracking
values; what the chatter, the attachments and the outgoing mail held about the person is
deleted with them.
"""

from odoo import fields, models

# Every write of the erasure: no tracking value, no "created" note, no new follower.
QUIET_CONTEXT = {
    "tracking_disable": True,
    "mail_notrack": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_auto_subscribe_no_notify": True,
    "active_test": False,
}

# Fields of the contact that identify or locate the person.
PARTNER_IDENTIFIERS = (
    "email",
    "phone",
    "mobile",
    "street",
    "street2",
    "city",
    "zip",
    "vat",
    "ref",
    "website",
    "function",
    "comment",
    "image_1920",
)


class HrCandidate(models.Model):
    _inherit = "hr.candidate"

    def _mrc_erase(self):
        """Anonymise these migrants and delete what identifies them; keep the statistics.

        Kept: the card (archived) with gender, nationality, residence, migration status,
        languages, skills, desired occupations; services without notes; referrals, referred
        matches and certifications without number or document; complaints with their
        statistics (see ``mrc.complaint._mrc_anonymise_for_erasure``). Gone: name, contact
        details, date of birth, family contact, free text; the chatter, tracking values,
        activities, followers and attachments of the card, the contact, the portal user, the
        referrals, matches and certifications; imports in progress; mail not yet sent to her;
        the portal login, signature and e-mail (the user is archived).

        Called as superuser by ``action_mrc_erase`` once the caller's group is checked.
        """
        candidates = self.sudo().with_context(**QUIET_CONTEXT)
        partners = candidates._mrc_erasure_partners()
        users = partners.user_ids.filtered("share")
        complaints = candidates.env["mrc.complaint"].search(
            [
                "|",
                ("candidate_id", "in", candidates.ids),
                ("complainant_partner_id", "in", partners.ids),
            ]
        )
        complaints._mrc_anonymise_for_erasure(partners)
        # Wizards still in the database (until the transient vacuum) that name her.
        candidates.env["mrc.skill.import"].search([("candidate_id", "in", candidates.ids)]).unlink()
        candidates.env["portal.wizard.user"].search([("partner_id", "in", partners.ids)]).unlink()
        candidates.mrc_match_ids.filtered(
            lambda m: m.state in ("suggested", "shortlisted")
        ).unlink()
        applicants = candidates.applicant_ids
        certifications = candidates.mrc_certification_ids
        candidates._mrc_purge_records(
            [candidates, applicants, candidates.mrc_match_ids, certifications, partners, users]
        )
        candidates._mrc_purge_authored(partners)
        candidates.mrc_service_ids.write({"note": False})
        applicants.write({"applicant_notes": False})
        certifications.write(
            {"number": False, "document": False, "document_name": False, "rejection_reason": False}
        )
        candidates._mrc_anonymise_cards()
        candidates._mrc_anonymise_partners(partners, users)
        # Deleted attachments leave their files to Odoo's file-store garbage collection, which
        # runs with the autovacuum: run it soon rather than at its daily time.
        autovacuum = self.env.ref("base.autovacuum_job", raise_if_not_found=False)
        if autovacuum:
            autovacuum.sudo()._trigger()

    def _mrc_erasure_partners(self):
        """The migrants' own contacts: never a company or an internal user's contact."""
        return self.partner_id.filtered(
            lambda p: not p.is_company and not p.user_ids.filtered(lambda u: not u.share)
        )

    def _mrc_anonymise_cards(self):
        today = fields.Date.context_today(self)
        for candidate in self:
            candidate.write(
                {
                    "partner_name": self.env._("Erased migrant %s", candidate.id),
                    "partner_id": False,
                    "email_from": False,
                    "partner_phone": False,
                    "linkedin_profile": False,
                    "mrc_birthdate": False,
                    "mrc_desired_job": False,
                    "mrc_family_contact_name": False,
                    "mrc_family_contact_relationship": False,
                    "mrc_family_contact_phone": False,
                    "mrc_family_contact_country_id": False,
                    "mrc_plan_departure_date": False,
                    "mrc_consent_share": False,
                    "mrc_is_erased": True,
                    "mrc_erased_date": today,
                    "candidate_properties": False,
                    "categ_ids": [fields.Command.clear()],
                    "active": False,
                }
            )

    def _mrc_anonymise_partners(self, partners, users):
        """Anonymise the migrants' contacts; close and anonymise their portal accounts.

        Links from records kept for the statistics (complaints, referrals) stay, now to an
        anonymous, archived contact.
        """
        name = self.env._("Erased migrant")
        partners.write(dict.fromkeys(PARTNER_IDENTIFIERS, False) | {"name": name})
        last_mail = self.env["mail.mail"].search([], order="id desc", limit=1).id
        users.api_key_ids._remove()
        for user in users:
            user.write({"login": f"erased-migrant-{user.id}", "signature": False, "active": False})
        # Changing a login makes Odoo queue a security notice to the account: nobody is left to
        # receive it.
        self.env["mail.mail"].search(
            [("id", ">", last_mail or 0), ("create_uid", "=", self.env.uid)]
        ).unlink()
        # Odoo looks for active users of the contacts in the context given: not the archived.
        partners.with_context(active_test=True).write({"active": False})

    def _mrc_purge_records(self, recordsets):
        """Delete the messages (with their tracking values), activities, followers and
        attachments, field attachments included, of each record of ``recordsets``."""
        env = self.env
        for records in recordsets:
            if not records:
                continue
            on_records = [("res_model", "=", records._name), ("res_id", "in", records.ids)]
            env["mail.message"].search(
                [("model", "=", records._name), ("res_id", "in", records.ids)]
            ).unlink()
            env["mail.activity"].search(on_records).unlink()
            env["mail.followers"].search(on_records).unlink()
            env["ir.attachment"].search(
                on_records + ["|", ("res_field", "=", False), ("res_field", "!=", False)]
            ).unlink()

    def _mrc_purge_authored(self, partners):
        """Delete what the migrants wrote or were sent elsewhere: their messages (but on a
        complaint kept under an exception), their subscriptions, mail still queued to them."""
        if not partners:
            return
        env = self.env
        env["mail.message"].search(
            [("author_id", "in", partners.ids), ("model", "!=", "mrc.complaint")]
        ).unlink()
        env["mail.followers"].search([("partner_id", "in", partners.ids)]).unlink()
        emails = [email for email in partners.mapped("email") if email]
        mail_domain = [("recipient_ids", "in", partners.ids)]
        for email in emails:
            mail_domain = ["|", ("email_to", "ilike", email), *mail_domain]
        env["mail.mail"].search(mail_domain).unlink()
