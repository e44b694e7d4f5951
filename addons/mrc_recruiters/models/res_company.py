import pytz

from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    def _mrc_today(self):
        """The one meaning of "today" for the MRC rules (licences, deadlines, certificate
        expiry): the date in the centre's time zone, whoever asks and wherever the server is.

        The centre is this company (or the current company on an empty recordset); its time
        zone is the ``tz`` of its partner, falling back to the current user's ``tz``, falling
        back to UTC (an unknown zone name counts as UTC).

        :return: a :class:`datetime.date`
        """
        company = self[:1] or self.env.company
        name = company.sudo().partner_id.tz or self.env.user.tz or "UTC"
        try:
            zone = pytz.timezone(name)
        except pytz.UnknownTimeZoneError:
            zone = pytz.utc
        return pytz.utc.localize(fields.Datetime.now()).astimezone(zone).date()
