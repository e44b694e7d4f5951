from odoo import api, fields, models

PREDEPARTURE_STATES = [
    ("none", "No plan"),
    ("ok", "Cleared"),
    ("warning", "Warning"),
]


class HrCandidate(models.Model):
    """Pre-departure check: the recruiter and employer a migrant intends to go through, and
    their standing. An organisation that is not safe (not vetted, suspended, blacklisted,
    flagged) or an agency without a licence valid today makes the client card warn the
    counsellor, the migrant's portal say so in plain words, and an activity ask the counsellor
    to discuss safer options. Counsellors read neutral wording only (rule 4): the vetting state
    and the flag are named to liaison and complaints staff."""

    _inherit = "hr.candidate"  # pylint: disable=consider-merging-classes-inherited

    mrc_plan_employer_id = fields.Many2one(
        "res.partner",
        string="Intended Employer",
        domain="[('is_company', '=', True)]",
        tracking=True,
        help="The employer the migrant intends to work for abroad.",
    )
    mrc_predeparture_state = fields.Selection(
        PREDEPARTURE_STATES,
        string="Pre-departure check",
        compute="_compute_mrc_predeparture",
    )
    mrc_predeparture_warning = fields.Text(
        string="Pre-departure warning", compute="_compute_mrc_predeparture"
    )
    mrc_predeparture_portal_text = fields.Text(
        string="Pre-departure warning for the migrant", compute="_compute_mrc_predeparture"
    )

    @api.depends(
        "mrc_plan_recruiter_id.mrc_is_safe",
        "mrc_plan_recruiter_id.mrc_vetting_state",
        "mrc_plan_recruiter_id.mrc_license_ids.date_to",
        "mrc_plan_recruiter_id.mrc_license_ids.is_revoked",
        "mrc_plan_employer_id.mrc_is_safe",
        "mrc_plan_employer_id.mrc_vetting_state",
    )
    @api.depends_context("uid", "lang", "date")
    def _compute_mrc_predeparture(self):
        detail = self.env["hr.job"]._mrc_reads_vetting()
        for candidate in self:
            problems = candidate._mrc_predeparture_problems()
            if not (candidate.mrc_plan_recruiter_id or candidate.mrc_plan_employer_id):
                candidate.mrc_predeparture_state = "none"
            else:
                candidate.mrc_predeparture_state = "warning" if problems else "ok"
            candidate.mrc_predeparture_warning = (
                "\n".join(self._mrc_predeparture_staff_text(p, detail) for p in problems) or False
            )
            candidate.mrc_predeparture_portal_text = (
                "\n".join(self._mrc_predeparture_migrant_text(p) for p in problems) or False
            )

    def _mrc_predeparture_problems(self):
        """The standing problems of this migrant's intended recruiter and employer, read as
        superuser (the migrant and the counsellor may not read the vetting fields).

        :return: a list of ``(role, partner, kind)``: role ``recruiter`` or ``employer``, kind
            ``unlicensed``, ``flagged``, ``suspended``, ``blacklisted`` or ``unvetted``
        """
        self.ensure_one()
        problems = []
        for role, partner in (
            ("recruiter", self.sudo().mrc_plan_recruiter_id),
            ("employer", self.sudo().mrc_plan_employer_id),
        ):
            if not partner:
                continue
            if partner.mrc_is_flagged:
                problems.append((role, partner, "flagged"))
            elif partner.mrc_vetting_state in ("suspended", "blacklisted"):
                problems.append((role, partner, partner.mrc_vetting_state))
            elif not partner.mrc_is_safe:
                problems.append((role, partner, "unvetted"))
            if partner.mrc_is_agency and not partner.mrc_has_valid_license:
                problems.append((role, partner, "unlicensed"))
        return problems

    @api.model
    def _mrc_predeparture_role(self, role):
        if role == "employer":
            return self.env._("intended employer")
        return self.env._("intended recruiter")

    @api.model
    def _mrc_predeparture_staff_text(self, problem, detail):
        """One problem for staff: named for liaison and complaints staff, neutral otherwise."""
        role, partner, kind = problem
        role_text = self._mrc_predeparture_role(role)
        if kind == "unlicensed":
            return self.env._(
                "The %(role)s %(name)s holds no recruitment licence valid today.",
                role=role_text,
                name=partner.name,
            )
        if not detail:
            return self.env._(
                "The %(role)s %(name)s is not cleared by the employer liaison.",
                role=role_text,
                name=partner.name,
            )
        if kind == "flagged":
            return self.env._(
                "The %(role)s %(name)s is flagged.", role=role_text, name=partner.name
            )
        states = dict(partner._fields["mrc_vetting_state"]._description_selection(self.env))
        return self.env._(
            "The %(role)s %(name)s is not vetted (%(state)s).",
            role=role_text,
            name=partner.name,
            state=states.get(partner.mrc_vetting_state, partner.mrc_vetting_state),
        )

    @api.model
    def _mrc_predeparture_migrant_text(self, problem):
        """One problem in plain words for the migrant (no vetting detail, rule 4)."""
        role, partner, kind = problem
        if kind == "unlicensed":
            return self.env._(
                "%s, the agency you plan to go through, has no valid licence to recruit workers "
                "today.",
                partner.name,
            )
        if role == "employer":
            return self.env._(
                "%s, the employer you plan to work for, is not approved by the centre.",
                partner.name,
            )
        return self.env._(
            "%s, the agency you plan to go through, is not approved by the centre.",
            partner.name,
        )

    # ------------------------------------------------------------------ activity

    @api.model_create_multi
    def create(self, vals_list):
        candidates = super().create(vals_list)
        candidates.filtered(
            lambda c: c.mrc_plan_recruiter_id or c.mrc_plan_employer_id
        )._mrc_predeparture_notify()
        return candidates

    def write(self, vals):
        result = super().write(vals)
        if {"mrc_plan_recruiter_id", "mrc_plan_employer_id"} & set(vals):
            self._mrc_predeparture_notify()
        return result

    def _mrc_predeparture_notify(self):
        """Give the counsellor of each migrant whose intended recruiter or employer is not in
        good standing an activity to discuss safer options (one open at a time)."""
        activity_type = self.env.ref(
            "mrc_jobs.mail_activity_type_predeparture", raise_if_not_found=False
        )
        if not activity_type:
            return
        for candidate in self.sudo():
            if not candidate._mrc_predeparture_problems():
                continue
            if candidate.activity_ids.filtered(lambda a: a.activity_type_id == activity_type):
                continue
            candidate.activity_schedule(
                activity_type_id=activity_type.id,
                summary=self.env._("Discuss safer options before departure"),
                note=self.env._(
                    "The recruiter or employer %s intends to go through is not in good "
                    "standing: talk about safer options before she pays or signs anything.",
                    candidate.partner_name or candidate.display_name,
                ),
                user_id=(candidate.user_id or self.env.user).id,
            )
