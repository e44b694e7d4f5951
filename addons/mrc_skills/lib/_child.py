"""Entry of the child process that reads one PDF: run by ``runpy.run_path`` (see
:mod:`.isolation`), with the job and the answer channel handed over as the globals ``JOB`` and
``CHANNEL``.

It loads this ``lib`` folder as a standalone package, so that the child imports only the pure
modules and their third-party libraries, never Odoo, then runs
:func:`.isolation.child_main`.
"""

import importlib
import importlib.util
import sys
from pathlib import Path

PACKAGE = "mrc_skills_pdf_lib"


def _load_library():
    """Import this folder as the package ``PACKAGE`` and return its isolation module."""
    if PACKAGE not in sys.modules:
        folder = Path(__file__).resolve().parent
        spec = importlib.util.spec_from_file_location(
            PACKAGE, folder / "__init__.py", submodule_search_locations=[str(folder)]
        )
        package = importlib.util.module_from_spec(spec)
        sys.modules[PACKAGE] = package
        spec.loader.exec_module(package)
    return importlib.import_module(f"{PACKAGE}.isolation")


if __name__ == "__mrc_pdf_child__":
    _load_library().child_main(globals()["JOB"], globals()["CHANNEL"])
