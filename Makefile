# DEFUS portal. `make run` and `make test` work on a fresh clone (see README).
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.12 || command -v python3.13 || echo python)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: run test test-fast test-ahead lint format messages install worker lock clean audit

$(BIN)/activate: requirements.lock
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.12 is needed ($(PYTHON) not found); set PYTHON=..." >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	touch $(BIN)/activate

install: $(BIN)/activate

node_modules/.package-lock.json: package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

# The development key of this checkout: made once, kept out of git (var/ is ignored), readable only by its owner.
var/secret_key:
	@mkdir -p var
	@(umask 077 && $(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))' > $@)
	@echo "Created $@ (the secret key of this checkout; SECRET_KEY in the environment takes precedence)"

# Links in emails and the calendar address follow the port, unless SITE_URL is given.
run: export SITE_URL ?= http://127.0.0.1:$(PORT)
run: install var/secret_key
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	@if [ -n "$$REDIS_URL" ]; then \
		echo "REDIS_URL is set: starting a Celery worker with beat beside the portal"; \
		$(BIN)/celery -A defus worker -B --loglevel=INFO & \
		trap "kill $$!" EXIT; \
		$(BIN)/python manage.py runserver 127.0.0.1:$(PORT); \
	else \
		$(BIN)/python manage.py runserver 127.0.0.1:$(PORT); \
	fi

# One test process per core (pytest-xdist); TEST_WORKERS=0 runs everything in this process.
TEST_WORKERS ?= auto
test: install node_modules/.package-lock.json
	$(BIN)/pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

# The edit-test loop: no browser, nothing marked slow.
test-fast: install
	$(BIN)/pytest -n $(TEST_WORKERS) -m "not browser and not slow" $(PYTEST_ARGS)

# The suite on a day far ahead (TEST_CLOCK_SHIFT_DAYS, default: 400+ days, just before summer time ends);
# the tests that need the real clock are left out (tests/conftest.py, REAL_CLOCK_ONLY).
test-ahead: install node_modules/.package-lock.json
	TEST_CLOCK_SHIFT_DAYS=$${TEST_CLOCK_SHIFT_DAYS:-$$($(BIN)/python scripts/clock_shift_days.py)} \
		$(BIN)/pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djlint --lint templates
	$(BIN)/lint-imports --no-cache

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Known vulnerabilities in every pinned dependency, from pip-audit's own advisory service (its default
# configuration). Where that service gives no data at all, scripts/audit_report.py says so and passes.
audit: install
	@mkdir -p var && rm -f var/audit.json
	-$(BIN)/pip-audit --requirement requirements.lock --no-deps --disable-pip --progress-spinner off \
		--format json --output var/audit.json
	$(BIN)/python scripts/audit_report.py var/audit.json

# Extract messages, then compile; commit both .po and .mo. Source strings are English,
# so the English catalogue is generated from the German one's message ids (msgen);
# the German one is translated by hand.
messages: install
	$(BIN)/python manage.py makemessages --locale de --ignore '.venv/*' --ignore 'node_modules/*' --ignore 'tests/*' --no-obsolete --no-wrap
	msgfilter --no-wrap --keep-header -i locale/de/LC_MESSAGES/django.po -o locale/en/LC_MESSAGES/django.po sed -e d
	msgen --no-wrap locale/en/LC_MESSAGES/django.po -o locale/en/LC_MESSAGES/django.po
	msgattrib --no-wrap --clear-fuzzy --clear-previous locale/en/LC_MESSAGES/django.po -o locale/en/LC_MESSAGES/django.po
	sed -i 's/^"Language: de\\n"/"Language: en\\n"/' locale/en/LC_MESSAGES/django.po
	for po in locale/*/LC_MESSAGES/django.po locale_overrides/*/LC_MESSAGES/django.po; do msgfmt --check -o "$${po%.po}.mo" "$$po"; done

# Performance at Efus size (PostgreSQL and Redis needed): databases defus_bench_1 and defus_bench_20,
# gunicorn with two workers and DEBUG=false, figures in bench/results.json (see README, Performance).
.PHONY: bench
bench: install
	$(BIN)/python bench/run.py

# The peak days with Locust (PostgreSQL and Redis needed): database defus_load at scale 20, gunicorn with four
# workers and DEBUG=false, a Celery worker; p50/p95/p99 per request kind and outcome checks (see README, Performance).
# Locust is installed into the venv on demand, not part of requirements.lock.
.PHONY: loadtest
loadtest: install
	$(BIN)/pip install --quiet "locust>=2.30"
	$(BIN)/python bench/loadtest.py

worker: install var/secret_key
	$(BIN)/celery -A defus worker -B --loglevel=INFO

# Re-resolve all versions from pyproject.toml into requirements.lock.
lock:
	rm -rf /tmp/defus-lock && $(PYTHON) -m venv /tmp/defus-lock
	/tmp/defus-lock/bin/pip install --quiet --upgrade pip
	/tmp/defus-lock/bin/pip install --quiet ".[test]"
	/tmp/defus-lock/bin/pip freeze --exclude-editable | grep -v '^defus-portal' > requirements.lock

clean:
	rm -rf $(VENV) node_modules staticfiles .pytest_cache
