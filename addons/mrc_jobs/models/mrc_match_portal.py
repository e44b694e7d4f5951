from odoo import api, models
from odoo.exceptions import AccessError, UserError


class MrcMatch(models.Model):
    _inherit = "mrc.match"

    def _mrc_portal_reasons(self):
        """Why this vacancy fits the migrant, in plain words for the portal, in the language
        of the environment (see ``mrc.match.explanation``).

        :return: a list of sentences (str), best reasons first.
        """
        self.ensure_one()
        return self._mrc_portal_reasons_by_match()[self.id]

    def _mrc_portal_reasons_by_match(self):
        """The portal reasons of all the matches of ``self``, read together (one page of
        matches costs the queries of one).

        :return: {match id: list of sentences (str), best reasons first}
        """
        return self.env["mrc.match.explanation"]._mrc_portal_reasons(self)

    @api.model
    def _mrc_portal_request_referral(self, candidate, job):
        """The migrant pressed "I am interested" on the portal for ``job``.

        Records their consent to share the profile (rule 6; the portal asks for it on the
        spot), puts the pair on the counsellor's shortlist (an ``mrc.match`` in state
        ``shortlisted``) and gives the counsellor an activity to refer them. A pair already
        shortlisted or referred is left as it is.

        :param candidate: the migrant's own ``hr.candidate``.
        :param job: an ``hr.job`` the migrant can see on the portal (eligible, rule 1).
        :return: the match.
        """
        candidate.ensure_one()
        user = self.env.user
        if user.share and candidate.sudo().partner_id != user.partner_id:
            raise AccessError(self.env._("You can only ask for a referral for yourself."))
        job.check_access("read")
        if not job.mrc_is_offered:
            raise UserError(self.env._("This vacancy is no longer open to referrals."))
        candidate = candidate.sudo()
        if candidate.mrc_is_erased:
            raise UserError(self.env._("This client card has been erased."))
        if not candidate.mrc_consent_share:
            candidate.write({"mrc_consent_share": True})
        Match = self.sudo()
        match = Match.search(
            [("candidate_id", "=", candidate.id), ("job_id", "=", job.id)], limit=1
        )
        if match.state in ("shortlisted", "referred"):
            return match
        if match:
            match.write({"state": "shortlisted"})
        else:
            # No "created" log, tracking or subscription of the migrant: the note below tells
            # the counsellor what happened, and a migrant does not follow internal matches.
            values = {
                "candidate_id": candidate.id,
                "job_id": job.id,
                "state": "shortlisted",
                "score": 0.0,
            }
            match = Match.with_context(tracking_disable=True).create(values).with_env(Match.env)
            # the engine scores and explains the pair, as it would have suggested it
            self.env["mrc.match.refresh"].sudo()._mrc_reexplain_matches(match.ids)
        match.message_post(
            body=self.env._(
                "The migrant asked on the portal to be referred to this vacancy and consented "
                "to sharing their profile with the employer."
            )
        )
        counsellor = candidate.user_id.filtered(
            lambda u: u.has_group("mrc_recruiters.group_mrc_counsellor")
        ) or self.env["res.users"].sudo().search(
            [("groups_id", "in", self.env.ref("mrc_recruiters.group_mrc_counsellor").ids)],
            order="id",
            limit=1,
        )
        # The counsellor's e-mail about the activity goes through the mail queue: sent in the
        # request (Odoo's default for a few recipients), it would keep the migrant waiting on
        # the mail server after the commit.
        candidate.with_context(mail_notify_force_send=False).activity_schedule(
            "mail.mail_activity_data_todo",
            summary=self.env._("Referral requested: %s", job.name),
            note=self.env._(
                "%(migrant)s asked on the portal to be referred to %(vacancy)s and consented to "
                "sharing their profile.",
                migrant=candidate.partner_name or candidate.display_name,
                vacancy=job.name,
            ),
            user_id=counsellor.id or self.env.ref("base.user_admin").id,
        )
        return match
