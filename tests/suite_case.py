"""Odoo test classes outside an add-on.

Odoo gives test classes their tags and module from the ``odoo.addons.<module>`` package they live
in; the suite-level tests in this folder live outside any add-on, so they declare them here.
"""


def suite_test(module, *tags):
    """Class decorator: tag an Odoo test class of the root ``tests/`` folder as belonging to
    ``module`` (the add-on whose installation it needs), with Odoo's default tags plus ``tags``."""

    def decorate(cls):
        cls.test_tags = {"standard", "at_install", *tags}
        if "post_install" in tags:
            cls.test_tags.discard("at_install")
        cls.test_module = module
        cls.test_class = cls.__name__
        cls.test_sequence = 0
        return cls

    return decorate


# Requests (probes) that the through-the-door tests made, by name, printed at the end of the
# run (see conftest.pytest_terminal_summary).
PROBE_COUNTS = {}


def count_probes(name, count):
    """Record that the test ``name`` made ``count`` probes (added to earlier counts)."""
    PROBE_COUNTS[name] = PROBE_COUNTS.get(name, 0) + count
