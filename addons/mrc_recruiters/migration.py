"""Records that change add-on in an update, and how they move.

When a model, an access row, a scheduled action or a template moves from one add-on to
another, its external id (``ir_model_data``) must change module before the update: otherwise
Odoo's clean-up of the add-on it left (``ir.model.data._process_end``) deletes it, and for a
model drops its table and every row in it. This is openupgradelib's ``rename_xmlids``, written
in SQL for the MRC add-ons' own moves; the migration scripts of the add-ons involved call it
(each is safe to run again).
"""

# What mrc_recruiters took over from mrc_jobs in 18.0.1.4.0: the model counting follow-up code
# attempts (with its fields, access row and purge action), the complaint portal pages, the public
# follow-up page and the error block every MRC portal form shows. A name ending with "%" stands
# for every name that starts so.
RECRUITERS_FROM_JOBS = (
    "model_mrc_followup_attempt",
    "field_mrc_followup_attempt__%",
    "access_mrc_followup_attempt_manager",
    "ir_cron_purge_followup_attempts",
    "ir_cron_purge_followup_attempts_ir_actions_server",
    "mrc_portal_alerts",
    "portal_my_mrc_complaints",
    "portal_my_mrc_complaint_new",
    "portal_my_mrc_complaint_anonymous",
    "portal_my_mrc_complaint",
    "mrc_followup_page",
)
# What mrc_skills took over from mrc_jobs in 18.0.1.3.0: the certificate portal pages and the
# portal's read of a migrant's own client card (access row and record rule) that they need.
SKILLS_FROM_JOBS = (
    "portal_my_mrc_certificates",
    "portal_my_mrc_certificate",
    "access_hr_candidate_mrc_portal",
    "hr_candidate_rule_mrc_portal",
)
# The evidence size limit's system parameter moved with the complaint pages.
EVIDENCE_PARAMETER = ("mrc_jobs.evidence_max_mb", "mrc_recruiters.evidence_max_mb")


def move_xmlids(cr, old_module, new_module, names):
    """Give the external ids ``names`` of ``old_module`` to ``new_module``, keeping their
    records (and their ``noupdate`` flag); a name ``new_module`` already has stays where it is.
    QWeb templates also get their key (``new_module.name``) so that they are found under it.

    :param cr: database cursor
    :param str old_module: the add-on the records leave, e.g. ``mrc_jobs``
    :param str new_module: the add-on that owns them now, e.g. ``mrc_recruiters``
    :param names: external id names without module; one ending with ``%`` moves every name
        that starts with what comes before it
    :return: the names moved
    :rtype: list
    """
    exact = [name for name in names if not name.endswith("%")]
    prefixes = [
        name[:-1].replace("\\", "\\\\").replace("_", "\\_").replace("%", "\\%") + "%"
        for name in names
        if name.endswith("%")
    ]
    cr.execute(
        """
        UPDATE ir_model_data data
           SET module = %(new)s
         WHERE data.module = %(old)s
           AND (data.name = ANY(%(exact)s) OR data.name LIKE ANY(%(prefixes)s))
           AND NOT EXISTS (
                SELECT 1 FROM ir_model_data taken
                 WHERE taken.module = %(new)s AND taken.name = data.name
           )
        RETURNING data.name, data.model, data.res_id
        """,
        {"old": old_module, "new": new_module, "exact": exact, "prefixes": prefixes},
    )
    moved = cr.fetchall()
    for name, model, res_id in moved:
        if model == "ir.ui.view":
            cr.execute(
                "UPDATE ir_ui_view SET key = %s WHERE id = %s AND key = %s",
                (f"{new_module}.{name}", res_id, f"{old_module}.{name}"),
            )
    return [name for name, _model, _res_id in moved]


def move_parameter(cr, old_key, new_key):
    """Store the system parameter ``old_key`` under ``new_key``, unless ``new_key`` is already
    set; the old key is then removed.

    :return: True when a value moved
    """
    cr.execute(
        """
        UPDATE ir_config_parameter SET key = %(new)s
         WHERE key = %(old)s
           AND NOT EXISTS (SELECT 1 FROM ir_config_parameter WHERE key = %(new)s)
        """,
        {"old": old_key, "new": new_key},
    )
    moved = bool(cr.rowcount)
    cr.execute("DELETE FROM ir_config_parameter WHERE key = %s", (old_key,))
    return moved


def move_portal_from_jobs(cr):
    """The moves of the portal pages out of mrc_jobs (18.0.1.4.0 of mrc_recruiters, 18.0.1.3.0
    of mrc_skills and mrc_jobs): the external ids to mrc_recruiters and mrc_skills and the
    evidence limit to its new key. Whichever add-on's script runs first does the work.

    :return: {module: names moved}
    """
    moved = {
        "mrc_recruiters": move_xmlids(cr, "mrc_jobs", "mrc_recruiters", RECRUITERS_FROM_JOBS),
        "mrc_skills": move_xmlids(cr, "mrc_jobs", "mrc_skills", SKILLS_FROM_JOBS),
    }
    move_parameter(cr, *EVIDENCE_PARAMETER)
    return moved


def complaints_to_their_centre(cr):
    """18.0.1.5.0 gave complaints a centre (``company_id``); the update filled it with the
    default company. Each complaint takes the company of its assigned officer, or else of the
    user who recorded it (an anonymous one is recorded by the superuser, on purpose), and its
    remedies follow. Safe to run again; returns how many complaints moved."""
    cr.execute(
        """UPDATE mrc_complaint complaint
              SET company_id = officer.company_id
             FROM res_users officer
            WHERE officer.id = COALESCE(complaint.user_id, complaint.create_uid)
              AND officer.company_id IS NOT NULL
              AND officer.company_id != complaint.company_id"""
    )
    moved = cr.rowcount
    cr.execute(
        """UPDATE mrc_complaint_remedy remedy
              SET company_id = complaint.company_id
             FROM mrc_complaint complaint
            WHERE complaint.id = remedy.complaint_id
              AND remedy.company_id IS DISTINCT FROM complaint.company_id"""
    )
    return moved
