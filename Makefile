# MRC Jobs: `make run` (demo on http://localhost:8069) and `make test` (the whole suite).
# Odoo 18.0 Community is used where $(PYTHON) imports it (or from ODOO_PATH=/path/to/odoo-18);
# otherwise the first run sets up .venv/ with Odoo 18.0 in .odoo/ (ODOO_SOURCE=folder, tarball
# or git URL; the official 18.0 branch by default). PostgreSQL is reached through libpq's PG*
# variables, or started privately in .pgdata/ when none answers (`make stop` stops it).
PYTHON ?= python3
DB ?= mrc_demo
PORT ?= 8069
RESET ?=
WORKERS ?=
CTL = $(PYTHON) scripts/mrcctl.py

.PHONY: run test lint check bench load stop bootstrap-check i18n

run:
	@$(CTL) run --db $(DB) --port $(PORT) $(if $(RESET),--reset) $(if $(WORKERS),--workers $(WORKERS))

test:
	@$(CTL) test $(ARGS)

lint:
	@$(CTL) lint

check:
	@$(CTL) check

bench:
	@$(CTL) python tests/bench/run_all.py --output bench-results.json

# The portal under load (locust, Odoo with 4 workers); smaller: LOAD_MIGRANTS=2000 LOAD_VACANCIES=400
load:
	@$(CTL) python tests/load/run_load.py --output bench-results.json

stop:
	@$(CTL) stop

# Re-export each add-on's translation template and merge it into its es.po (after adding
# user-visible strings; Odoo ignores es.po entries its template lacks)
i18n:
	@$(CTL) i18n

# Builds .venv/ from nothing in a copy of the checkout and serves the demo (minutes; not in `make test`)
bootstrap-check:
	@$(PYTHON) tests/bootstrap_check.py
