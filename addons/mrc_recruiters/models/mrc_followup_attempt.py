from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import hmac

# Follow-up codes tried from one address within the window before the page refuses more.
FOLLOWUP_MAX_ATTEMPTS = 10
FOLLOWUP_WINDOW_MINUTES = 60
# Attempts older than this are purged by the scheduled action.
FOLLOWUP_KEEP_HOURS = 24


class MrcFollowupAttempt(models.Model):
    """One try of a follow-up code on the public complaint page, counted per address so that
    codes cannot be guessed by brute force. The address is never stored in clear, only as an
    HMAC keyed with the database secret (an unsalted hash of an IPv4 address can be reversed
    by trying every address)."""

    _name = "mrc.followup.attempt"
    _description = "Follow-up Code Attempt"
    _order = "id desc"
    _log_access = False

    address_hash = fields.Char(required=True, index=True)
    attempt_date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)

    @api.model
    def _mrc_hash_address(self, address):
        return hmac(self.env(su=True), "mrc-followup-rate", address or "unknown")

    @api.model
    def _mrc_is_blocked(self, address):
        """True when ``address`` has used up its attempts in the current window."""
        since = fields.Datetime.now() - timedelta(minutes=FOLLOWUP_WINDOW_MINUTES)
        count = self.sudo().search_count(
            [
                ("address_hash", "=", self._mrc_hash_address(address)),
                ("attempt_date", ">=", since),
            ],
            limit=FOLLOWUP_MAX_ATTEMPTS,
        )
        return count >= FOLLOWUP_MAX_ATTEMPTS

    @api.model
    def _mrc_record(self, address):
        """Count one attempt from ``address``."""
        return self.sudo().create({"address_hash": self._mrc_hash_address(address)})

    @api.model
    def _mrc_cron_purge(self):
        """Scheduled action: forget attempts older than a day."""
        limit = fields.Datetime.now() - timedelta(hours=FOLLOWUP_KEEP_HOURS)
        old = self.sudo().search([("attempt_date", "<", limit)])
        old.unlink()
        return len(old)
