from odoo import api, models
from odoo.exceptions import AccessError


class MrcGuardMixin(models.AbstractModel):
    """Fields that only privileged actions write (DESIGN rule 7).

    A model lists the names in ``_mrc_guarded_fields``. ``create``, ``write`` and ``copy`` then
    refuse them from everyone but the superuser, whatever the request's context or default
    values say: a privileged change is an ``action_*`` method that checks the caller's group and
    writes with ``sudo()``. On ``create`` a value equal to the field's own default is no
    privilege and passes; a ``default_<field>`` context key with any other value is refused like
    the value itself. ``copy`` leaves the guarded fields to their defaults unless asked for one,
    which ``create`` then refuses.

    Models inherit it beside their own parent, for example
    ``_inherit = ["res.partner", "mrc.guard.mixin"]``; add-ons above extend the set with
    ``_mrc_guarded_fields = OtherModel._mrc_guarded_fields | {...}`` or by listing the names.
    """

    _name = "mrc.guard.mixin"
    _description = "Fields written only by privileged actions"

    #: the names of the fields guarded on this model
    _mrc_guarded_fields = frozenset()

    @api.model
    def _mrc_require_group(self, xmlid, message):
        """Refuse a privileged action (rule 7) with ``message`` (an ``AccessError``) unless the
        caller is in the group ``xmlid`` or the code runs as superuser. The one group check of
        the ``action_*`` methods: any model may call it, as
        ``self.env["mrc.guard.mixin"]._mrc_require_group(...)`` when it does not inherit this.

        :param str xmlid: the group, for example ``mrc_recruiters.group_mrc_liaison``
        :param str message: the translated refusal, for example ``self.env._("Only ...")``
        """
        if not self.env.su and not self.env.user.has_group(xmlid):
            raise AccessError(message)

    @api.model
    def _mrc_guard_refuse(self, names):
        labels = ", ".join(
            sorted(self._fields[name]._description_string(self.env) for name in names)
        )
        raise AccessError(
            self.env._(
                "%(fields)s of %(model)s change only through their own actions, by the staff "
                "allowed to take them.",
                fields=labels,
                model=self._description,
            )
        )

    @api.model
    def _mrc_guard_is_default(self, name, value):
        """Whether ``value`` is what ``name`` would hold without being given (no privilege)."""
        field = self._fields[name]
        if callable(field.default):
            context = {k: v for k, v in self.env.context.items() if not k.startswith("default_")}
            clean = self.with_env(self.env(context=context))
            default = field.default(clean)
        else:
            default = False
        if not value and not default:
            return True
        return field.convert_to_cache(value, self) == field.convert_to_cache(default, self)

    @api.model
    def _mrc_guard_check_create(self, vals_list):
        guarded = self._mrc_guarded_fields
        if self.env.su or not guarded:
            return
        forced = {
            key[len("default_") :]
            for key, value in self.env.context.items()
            if key.startswith("default_")
            and key[len("default_") :] in guarded
            and not self._mrc_guard_is_default(key[len("default_") :], value)
        }
        for vals in vals_list:
            forced |= {
                name
                for name in guarded & set(vals)
                if not self._mrc_guard_is_default(name, vals[name])
            }
        if forced:
            self._mrc_guard_refuse(forced)

    @api.model_create_multi
    def create(self, vals_list):
        self._mrc_guard_check_create(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            forced = self._mrc_guarded_fields & set(vals)
            if forced:
                self._mrc_guard_refuse(forced)
        return super().write(vals)

    def copy_data(self, default=None):
        vals_list = super().copy_data(default=default)
        asked = set(default or ())
        for vals in vals_list:
            for name in self._mrc_guarded_fields - asked:
                vals.pop(name, None)
        return vals_list
