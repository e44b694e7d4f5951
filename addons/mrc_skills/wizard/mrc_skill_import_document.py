from odoo import fields, models


class MrcSkillImportDocument(models.TransientModel):
    _name = "mrc.skill.import.document"
    _description = "PDF being imported"

    import_id = fields.Many2one(
        "mrc.skill.import", string="Import wizard", required=True, ondelete="cascade"
    )
    # Kept in the wizard's own table, not as an attachment: Odoo indexes attachments as they
    # are stored, parsing PDFs the import has not read (within its limits) yet.
    data = fields.Binary(string="File", required=True, attachment=False)
    filename = fields.Char()
    text = fields.Text(string="Text read", readonly=True)
    kind = fields.Selection([("certificate", "Certificate"), ("cv", "CV")])
    number = fields.Char(string="Certificate number")
    issuer_id = fields.Many2one("res.partner", string="Issuing body")
    issuer_score = fields.Float(string="Body score", digits=(5, 1))
    issue_date = fields.Date()
    expiry_date = fields.Date()
    occupation_id = fields.Many2one("mrc.occupation")
    occupation_score = fields.Float(digits=(5, 1))
