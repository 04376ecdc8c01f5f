# TakeAction: `make demo` serves the demo, `make test` runs every check.
# Each target sets itself up: a fresh machine needs only python3.11, make and git.

PYTHON ?= python3
UV_VERSION := 0.13.8
UV := .uv/bin/uv
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# Dummy production environment for `check --deploy`: never used to serve anything.
PROD_CHECK_ENV := DJANGO_SETTINGS_MODULE=config.settings.prod \
	SECRET_KEY=check-deploy-only-not-a-secret-0123456789-abcdefghijklmnopqrstuvwxyz \
	ALLOWED_HOSTS=takeaction.example DATABASE_URL=sqlite:///var/check-deploy.sqlite3

# Officials data: the local mirror beside the project when it exists (see docs/officials.md).
OFFICIALS_DATA ?= $(wildcard ../shared/data)

export UV_PYTHON_DOWNLOADS := never
SITE_URL ?= http://$(HOST):$(PORT)
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: setup demo worker officials officials-check test pytest lint fmt messages bench clean

# uv itself lives in its own small venv so `uv sync` never removes it.
$(UV):
	$(PYTHON) -m venv .uv
	.uv/bin/pip install --quiet "uv==$(UV_VERSION)"

$(VENV)/.synced: $(UV) pyproject.toml uv.lock
	$(UV) sync --frozen --python $(PYTHON)
	@mkdir -p var
	@touch $@

setup: $(VENV)/.synced

demo: setup
	$(MANAGE) migrate --noinput
	$(MANAGE) rollups_backfill
	@$(MAKE) --no-print-directory officials
	SITE_URL=$(SITE_URL) $(MANAGE) demo_load --organizer
	$(MANAGE) collectstatic --noinput -v0
	@echo "Serving the demo at http://$(HOST):$(PORT)/ (Ctrl-C to stop)"
	@echo "  in your browser's language: http://$(HOST):$(PORT)/c/families-belong-together/"
	@echo "  in Spanish:                  http://$(HOST):$(PORT)/es/c/families-belong-together/"
	SITE_URL=$(SITE_URL) DEBUG=0 $(BIN)/granian --interface wsgi config.wsgi:application \
		--host $(HOST) --port $(PORT) --workers 1 --blocking-threads 1

# The background worker that sends webhook deliveries (see docs/operations.md).
# `make demo` runs without it: deliveries wait in the queue until it runs.
worker: setup
	$(MANAGE) migrate --noinput -v0
	$(MANAGE) db_worker --no-reload

officials: setup
ifneq ($(strip $(OFFICIALS_DATA)),)
	$(MANAGE) officials_sync --source $(OFFICIALS_DATA)
else
	@echo "NOTICE: no officials data found (looked for ../shared/data; set OFFICIALS_DATA=DIR)."
	@echo "        The demo runs, and the call card says officials data is not loaded."
	@echo "        Load it later with: .venv/bin/takeaction officials_sync --source DIR"
endif

# Sync the full data into the configured database and check known facts against it.
officials-check: setup
	@test -n "$(strip $(OFFICIALS_DATA))" || { echo "officials-check needs OFFICIALS_DATA=DIR"; exit 1; }
	$(MANAGE) migrate --noinput -v0
	$(MANAGE) officials_sync --source $(OFFICIALS_DATA)
	$(MANAGE) officials_check

test: setup lint pytest

pytest: setup
	$(BIN)/pytest $(PYTEST_ARGS)

lint: setup
	$(UV) lock --check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(MANAGE) makemigrations --check --dry-run
	$(PROD_CHECK_ENV) $(BIN)/python manage.py check --deploy --fail-level WARNING

fmt: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Maintainers: refresh locale/es after changing marked strings, translate the new entries,
# then run this again. The compiled django.mo is kept in the tree (needs gettext's msgfmt).
I18N_IGNORE := --ignore=.venv --ignore=.uv --ignore=var --ignore=bench
messages: setup
	$(MANAGE) makemessages -l es $(I18N_IGNORE)
	$(MANAGE) compilemessages -l es $(I18N_IGNORE)

bench: setup
	$(BIN)/python bench/campaign_page.py
	$(BIN)/python bench/action_post.py
	$(BIN)/python bench/dashboard.py
ifneq ($(strip $(OFFICIALS_DATA)),)
	$(BIN)/python bench/officials_lookup.py --source $(OFFICIALS_DATA)
	@if command -v nginx >/dev/null || test -x /usr/sbin/nginx; then \
		$(BIN)/python bench/funnel.py --source $(OFFICIALS_DATA); \
	else echo "NOTICE: nginx not installed (apt-get install -y nginx-light): skipped bench/funnel.py."; fi
else
	@echo "NOTICE: no officials data found (looked for ../shared/data; set OFFICIALS_DATA=DIR)."
	@echo "        Skipped bench/officials_lookup.py and bench/funnel.py."
endif

clean:
	rm -rf $(VENV) .uv var .pytest_cache .ruff_cache .hypothesis
