from odoo import api, models
from odoo.exceptions import AccessError, UserError


class MrcMatch(models.Model):
    _inherit = "mrc.match"

    def _mrc_portal_reasons(self):
        """Why this vacancy fits the migrant, in plain words for the portal.

        Reads the engine's explanation (``matched`` skill pairs, ``missing_skill_ids``,
        ``components`` between 0 and 1) and names the skills.

        :return: a list of sentences (str), best reasons first.
        """
        self.ensure_one()
        env = self.env
        explanation = self.explanation if isinstance(self.explanation, dict) else {}
        matched = [p for p in explanation.get("matched") or [] if isinstance(p, dict)]
        missing = [i for i in explanation.get("missing_skill_ids") or [] if isinstance(i, int)]
        skill_ids = {p.get("skill_id") for p in matched} | {
            p.get("required_skill_id") for p in matched
        }
        skill_ids = [i for i in skill_ids | set(missing) if isinstance(i, int)]
        names = {s.id: s.name for s in env["hr.skill"].sudo().browse(skill_ids).exists()}
        reasons = []
        for pair in matched:
            yours = names.get(pair.get("skill_id"), "")
            required = names.get(pair.get("required_skill_id"), "")
            if not yours or not required:
                continue
            if yours == required:
                sentence = env._("You have the skill %s that the job asks for.", required)
            else:
                sentence = env._(
                    "Your skill %(yours)s is close to %(required)s, which the job asks for.",
                    yours=yours,
                    required=required,
                )
            if pair.get("level_ok") is False:
                sentence += " " + env._("Your level is lower than the one asked.")
            reasons.append(sentence)
        components = explanation.get("components") or {}
        if isinstance(components, dict):
            if (components.get("occupation") or 0) >= 0.99:
                reasons.append(env._("It is the kind of work you are looking for."))
            if (components.get("country") or 0) >= 0.99:
                reasons.append(env._("It is in a country where you want to work."))
            if (components.get("languages") or 0) >= 0.99:
                reasons.append(env._("You speak the languages the job needs."))
        for skill_id in missing:
            if names.get(skill_id):
                reasons.append(env._("The job also asks for %s.", names[skill_id]))
        if not reasons:
            reasons.append(env._("Your counsellor found that this job could suit you."))
        return reasons

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
            match = Match.create(
                {
                    "candidate_id": candidate.id,
                    "job_id": job.id,
                    "state": "shortlisted",
                    "score": 0.0,
                }
            )
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
        candidate.activity_schedule(
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
