import json

from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import UserError

MATCH_STATES = [
    ("suggested", "Suggested"),
    ("shortlisted", "Shortlisted"),
    ("referred", "Referred"),
    ("dismissed", "Dismissed"),
]


class MrcMatch(models.Model):
    _name = "mrc.match"
    _description = "Match of a Migrant and a Vacancy"
    _inherit = ["mail.thread"]
    _order = "score desc, id"
    _rec_names_search = ["candidate_id", "job_id"]

    candidate_id = fields.Many2one(
        "hr.candidate", string="Migrant", required=True, ondelete="cascade", index=True
    )
    job_id = fields.Many2one(
        "hr.job", string="Vacancy", required=True, ondelete="cascade", index=True
    )
    score = fields.Float(digits=(5, 1), aggregator="avg", index=True)
    explanation = fields.Json()
    explanation_html = fields.Html(
        string="Why", compute="_compute_explanation_html", sanitize=False
    )
    state = fields.Selection(
        MATCH_STATES, default="suggested", required=True, index=True, tracking=True
    )
    applicant_id = fields.Many2one("hr.applicant", string="Referral", readonly=True, index=True)
    company_id = fields.Many2one(related="candidate_id.company_id", store=True, index=True)
    employer_id = fields.Many2one(related="job_id.mrc_employer_id", string="Employer")
    country_id = fields.Many2one(related="job_id.mrc_country_id", string="Country of Work")
    job_is_eligible = fields.Boolean(related="job_id.mrc_is_offered", string="Vacancy Eligible")
    candidate_consents = fields.Boolean(
        related="candidate_id.mrc_consent_share", string="Consents to Sharing"
    )

    _sql_constraints = [
        (
            "candidate_job_unique",
            "UNIQUE(candidate_id, job_id)",
            "A migrant and a vacancy are matched once.",
        ),
        ("score_range", "CHECK(score >= 0 AND score <= 100)", "A score lies between 0 and 100."),
    ]

    @api.depends("candidate_id", "job_id")
    def _compute_display_name(self):
        for match in self:
            match.display_name = f"{match.candidate_id.display_name} → {match.job_id.display_name}"

    @api.depends("explanation")
    def _compute_explanation_html(self):
        for match in self:
            match.explanation_html = render_explanation(self.env, match.explanation)

    def action_shortlist(self):
        self._mrc_check_state(("suggested", "dismissed"), self.env._("shortlisted"))
        self.write({"state": "shortlisted"})
        return True

    def action_dismiss(self):
        self._mrc_check_state(("suggested", "shortlisted"), self.env._("dismissed"))
        self.write({"state": "dismissed"})
        return True

    def action_refer(self):
        """Refer the migrants: one application each in the vacancy's referral pipeline.

        Refused, with the reason, when a vacancy is no longer eligible (rule 1) or a migrant has
        not consented to sharing their profile (rule 6). Nothing is created unless all pass.
        """
        self._mrc_check_state(("suggested", "shortlisted"), self.env._("referred"))
        for match in self:
            match.candidate_id._mrc_check_can_share()
            if not match.job_id.mrc_is_offered:
                raise UserError(
                    self.env._(
                        "%(migrant)s cannot be referred to %(vacancy)s: the vacancy is not "
                        "eligible.\n%(issues)s",
                        migrant=match.candidate_id.display_name,
                        vacancy=match.job_id.display_name,
                        issues=match.job_id.mrc_compliance_issues or "",
                    )
                )
        stage = self.env["hr.recruitment.stage"].search(
            [("mrc_stage_type", "=", "referred")], order="sequence", limit=1
        )
        applicants = self.env["hr.applicant"].create(
            [
                {
                    "candidate_id": match.candidate_id.id,
                    "job_id": match.job_id.id,
                    "stage_id": stage.id,
                    "mrc_match_id": match.id,
                    "mrc_referred_by_id": self.env.user.id,
                    "company_id": match.job_id.company_id.id or match.candidate_id.company_id.id,
                }
                for match in self
            ]
        )
        for match, applicant in zip(self, applicants):
            match.write({"state": "referred", "applicant_id": applicant.id})
        if len(applicants) == 1:
            return applicants.get_formview_action()
        return True

    def action_open_applicant(self):
        self.ensure_one()
        return self.applicant_id.get_formview_action()

    def _mrc_check_state(self, allowed, target):
        wrong = self.filtered(lambda m: m.state not in allowed)
        if wrong:
            states = dict(self._fields["state"]._description_selection(self.env))
            raise UserError(
                self.env._(
                    "%(match)s is %(state)s and cannot be %(target)s.",
                    match=wrong[0].display_name,
                    state=states[wrong[0].state],
                    target=target,
                )
            )


def _pct(value):
    try:
        number = float(value)
    except (TypeError, ValueError):
        return escape(str(value))
    if number <= 1.0:
        number *= 100.0
    return f"{number:.0f}%"


def _label(item):
    if isinstance(item, dict):
        for key in ("name", "skill", "required", "label"):
            if item.get(key):
                return str(item[key])
        return ", ".join(f"{k}: {v}" for k, v in item.items())
    return str(item)


def render_explanation(env, explanation):
    """Render the engine's explanation (a JSON object) as readable HTML.

    Known keys get their own sections: ``excluded`` (why a vacancy was left out), ``matched``
    (pairs with their similarity), ``missing`` (required skills not found) and ``components``
    (the parts of the score). Unknown keys are listed as they come, so nothing is hidden.
    """
    if not explanation:
        return Markup("")
    if isinstance(explanation, str):
        try:
            explanation = json.loads(explanation)
        except ValueError:
            return Markup("<p>%s</p>") % explanation
    if not isinstance(explanation, dict):
        return Markup("<p>%s</p>") % json.dumps(explanation, ensure_ascii=False)
    parts = []
    # Known keys are never listed raw, even when empty.
    shown = {"excluded", "exclusions", "matched", "matches", "missing", "components", "score"}
    excluded = explanation.get("excluded") or explanation.get("exclusions")
    if excluded:
        shown |= {"excluded", "exclusions"}
        reasons = excluded if isinstance(excluded, list) else [excluded]
        items = Markup("").join(Markup("<li>%s</li>") % _label(r) for r in reasons)
        parts.append(
            Markup('<div class="text-danger"><strong>%s</strong><ul>%s</ul></div>')
            % (env._("Excluded"), items)
        )
    matched = explanation.get("matched") or explanation.get("matches")
    if matched:
        shown |= {"matched", "matches"}
        rows = []
        for pair in matched:
            if isinstance(pair, dict):
                required = pair.get("required") or pair.get("job_skill") or pair.get("skill")
                found = pair.get("candidate") or pair.get("candidate_skill") or pair.get("found")
                similarity = pair.get("similarity", pair.get("score"))
                note = pair.get("level") or pair.get("note") or ""
            else:
                required, found, similarity, note = (list(pair) + ["", "", "", ""])[:4]
            rows.append(
                Markup("<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>")
                % (required or "", found or "", _pct(similarity) if similarity != "" else "", note)
            )
        parts.append(
            Markup(
                '<div><strong>%s</strong><table class="table table-sm"><thead><tr>'
                "<th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead>"
                "<tbody>%s</tbody></table></div>"
            )
            % (
                env._("Matched skills"),
                env._("Required"),
                env._("Migrant's skill"),
                env._("Similarity"),
                env._("Note"),
                Markup("").join(rows),
            )
        )
    missing = explanation.get("missing")
    if missing:
        shown.add("missing")
        items = Markup("").join(Markup("<li>%s</li>") % _label(m) for m in missing)
        parts.append(
            Markup('<div class="text-warning"><strong>%s</strong><ul>%s</ul></div>')
            % (env._("Missing"), items)
        )
    components = explanation.get("components")
    if isinstance(components, dict) and components:
        shown.add("components")
        items = Markup("").join(
            Markup("<li>%s: %s</li>") % (key.replace("_", " "), value)
            for key, value in components.items()
        )
        parts.append(Markup("<div><strong>%s</strong><ul>%s</ul></div>") % (env._("Score"), items))
    rest = {k: v for k, v in explanation.items() if k not in shown}
    if rest:
        items = Markup("").join(
            Markup("<li>%s: %s</li>")
            % (
                key.replace("_", " "),
                value
                if isinstance(value, str | int | float)
                else json.dumps(value, ensure_ascii=False),
            )
            for key, value in rest.items()
        )
        parts.append(Markup('<ul class="text-muted">%s</ul>') % items)
    return Markup("").join(parts)
