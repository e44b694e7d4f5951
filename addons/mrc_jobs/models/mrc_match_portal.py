from odoo import models


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
