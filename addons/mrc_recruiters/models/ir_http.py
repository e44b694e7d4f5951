import werkzeug.exceptions

from odoo import models
from odoo.http import request

# The most a form may carry in all, set by Odoo on every request (odoo.http:
# ``max_form_memory_size``, 10 MB); a larger upload is refused before any page runs.
FORM_MAX_MB = 10


class IrHttp(models.AbstractModel):
    """Clear error pages on the portal for requests Odoo refuses before any page runs: a form
    whose CSRF token is missing or expired (400), a form larger than Odoo accepts (413), and
    addresses with a NUL character (404)."""

    _inherit = "ir.http"

    @classmethod
    def _serve_fallback(cls):
        # A path with a NUL character names no page nor attachment; looking it up among the
        # attachments would fail in PostgreSQL, which stores no NUL.
        if "\x00" in request.httprequest.path:
            return None
        return super()._serve_fallback()

    @classmethod
    def _get_exception_code_values(cls, exception):
        code, values = super()._get_exception_code_values(exception)
        if values.get("error_message") or not isinstance(
            exception, werkzeug.exceptions.HTTPException
        ):
            return code, values
        env = request.env
        if code == 400 and "CSRF" in (exception.description or ""):
            values["error_message"] = env._(
                "This form's security token (CSRF) is missing or has expired: reload the page "
                "and send the form again."
            )
        elif code == 413:
            values["error_message"] = env._(
                "What you sent is too large: a form can carry at most %s MB in all. Go back "
                "and send smaller or fewer files.",
                FORM_MAX_MB,
            )
        return code, values

    @classmethod
    def _get_error_html(cls, env, code, values):
        # Odoo has no page of its own for 413: show the message on the "Bad request" page,
        # keeping the status, instead of the generic error page (answered as 418).
        if code == 413:
            return code, env["ir.ui.view"]._render_template("http_routing.400", values)
        return super()._get_error_html(env, code, values)
