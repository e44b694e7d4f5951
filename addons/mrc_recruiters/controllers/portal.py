"""What every MRC portal page shares: request values turned into record ids and text the
database can store, uploads read within a size limit, and the base class of the MRC portal
controllers (the migrant's own records through ``_document_check_access``, 404 for anything
else, 400 pages for refused forms).

The add-ons above import these helpers and subclass :class:`MrcPortal`; none writes its own.
"""

from odoo.exceptions import AccessError, MissingError
from odoo.http import request
from odoo.osv import expression

from odoo.addons.portal.controllers import portal

# The largest id PostgreSQL's integer columns hold: a larger number in a URL or a form names
# no record, and must not reach the database (it would fail there with NumericValueOutOfRange).
MAX_ID = 2**31 - 1
# The route pattern for a record id in a /my URL: larger numbers do not match (404).
ID = f"int(max={MAX_ID})"


def to_id(value):
    """A record id from a request value: a whole number between 1 and MAX_ID, else 0."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 0
    return number if 0 < number <= MAX_ID else 0


def clean_text(value):
    """Text from a request without NUL characters, which PostgreSQL cannot store or compare."""
    return value.replace("\x00", "") if isinstance(value, str) else value


def conjuncts(domain):
    """The leaves a domain requires of every record (those joined to the rest by AND only,
    not under an OR or a NOT), as tuples."""
    domain = expression.normalize_domain(list(domain))
    found = []

    def walk(index, required):
        token = domain[index]
        if token in ("&", "|"):
            index = walk(index + 1, required and token == "&")
            return walk(index, required and token == "&")
        if token == "!":
            return walk(index + 1, False)
        if required:
            found.append(tuple(token))
        return index + 1

    walk(0, True)
    return found


def read_upload(upload, max_mb):
    """Read an uploaded file without taking more than ``max_mb`` megabytes; None if larger."""
    limit = int(max_mb * 1024 * 1024)
    data = upload.read(limit + 1)
    return None if len(data) > limit else data


class MrcPortal(portal.CustomerPortal):
    """The base of the MRC portal pages (complaints here; certificates in mrc_skills;
    vacancies, matches and referrals in mrc_jobs)."""

    _mrc_items_per_page = 10

    def _mrc_own_record(self, model, record_id):
        """The migrant's own record, read as them after the portal's access check
        (``_document_check_access``: it exists and the record rules let them read it).

        :raise NotFound: when it does not exist or is not theirs, so that a guessed id answers
            exactly like a missing one.
        """
        try:
            document = self._document_check_access(model, record_id)
        except (AccessError, MissingError):
            raise request.not_found() from None
        return request.env[model].browse(document.id)

    def _mrc_paged(self, model, domain, url, page, order=None):
        """One page of the reader's ``model`` records under ``domain`` (as the reader, so the
        record rules apply) and the portal pager over all of them.

        :return: ``(records, pager)``
        """
        Model = request.env[model]
        pager = portal.pager(
            url=url, total=Model.search_count(domain), page=page, step=self._mrc_items_per_page
        )
        records = Model.search(
            domain, order=order, limit=self._mrc_items_per_page, offset=pager["offset"]
        )
        return records, pager

    def _mrc_labels(self, record, field_name):
        """The labels of a selection field, in the reader's language, by value."""
        return dict(record._fields[field_name]._description_selection(request.env))

    def _mrc_refused(self, template, values):
        """Show a form again with what was wrong (``values["error"]``), answered 400."""
        return request.render(template, values, status=400)
