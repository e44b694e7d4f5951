"""18.0.1.5.0: a complaint belongs to a centre (``company_id``), so that a centre's reports count
its anonymous complaints. The update gave existing complaints the default company; here each
takes the company of the user who recorded it instead, when that user has one."""


def migrate(cr, version):
    cr.execute(
        """UPDATE mrc_complaint complaint
              SET company_id = author.company_id
             FROM res_users author
            WHERE author.id = complaint.create_uid
              AND author.company_id IS NOT NULL
              AND author.company_id != complaint.company_id"""
    )
    cr.execute(
        """UPDATE mrc_complaint_remedy remedy
              SET company_id = complaint.company_id
             FROM mrc_complaint complaint
            WHERE complaint.id = remedy.complaint_id
              AND remedy.company_id IS DISTINCT FROM complaint.company_id"""
    )
