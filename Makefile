# MRC Jobs: `make run` (demo on http://localhost:8069) and `make test` (the whole suite).
# Odoo 18.0 Community must be installed: importable as `odoo` by $(PYTHON), or its source
# folder given as ODOO_PATH=/path/to/odoo-18. PostgreSQL is reached through libpq's PG* variables.
PYTHON ?= python3
DB ?= mrc_demo
PORT ?= 8069
RESET ?=
CTL = $(PYTHON) scripts/mrcctl.py

.PHONY: run test lint check bench

run:
	@$(CTL) run --db $(DB) --port $(PORT) $(if $(RESET),--reset)

test:
	@$(CTL) test $(ARGS)

lint:
	@$(CTL) lint

check:
	@$(CTL) check

bench:
	@$(CTL) check
	@$(PYTHON) tests/bench/run_all.py --output bench-results.json
