# The two set-up commands: `make run` serves the site, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py

.PHONY: run serve test lint format install clean bench bench-scale bench-soak

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

run: install
	DJANGO_DEBUG=1 $(MANAGE) migrate --no-input
	DJANGO_DEBUG=1 $(MANAGE) loadseed --demo
	$(MANAGE) collectstatic --no-input --verbosity 0
	DJANGO_DEBUG=1 $(MANAGE) createlocaladmin
	$(MAKE) --no-print-directory serve

# The site and one worker (queued e-mail, scheduled jobs) together: Ctrl-C
# stops both, and the worker stops too if the site does. A worker that dies
# (killed, say) is started again a second later, as systemd does.
RUN_ADDRESS ?= 127.0.0.1:8000
serve:
	( trap 'kill $$pid 2>/dev/null; wait $$pid; exit' TERM; \
	  while :; do DJANGO_DEBUG=1 $(MANAGE) run_worker & pid=$$!; wait $$pid; sleep 1; done \
	) & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	DJANGO_DEBUG=1 $(MANAGE) runserver $(RUN_ADDRESS)

# In parallel, a pytest-xdist worker per core; `.venv/bin/pytest` alone runs
# the tests one after another, as when debugging one.
test: install
	$(BIN)/pytest --numprocesses auto

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djlint templates bench/templates --lint
	$(MANAGE) makemigrations --check --dry-run

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) staticfiles

# The benchmark against stock django-comments-xtd (a few minutes).
bench: install
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	command -v varnishd >/dev/null || test -x /usr/sbin/varnishd || apt-get install -y -qq varnish
	$(BIN)/python bench/run.py

# Mixed readers' traffic for 10 minutes on PostgreSQL and Redis (DATABASE_URL,
# REDIS_URL; local defaults), with Redis's memory every minute; then 10 more
# through Varnish, checking that no removed comment is served after its purge.
bench-soak: install
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	command -v varnishd >/dev/null || test -x /usr/sbin/varnishd || apt-get install -y -qq varnish
	$(BIN)/python bench/soak.py

# The site at scale on PostgreSQL: 10,000 articles, 1,000,000 comments (seeded
# once, in a few minutes; BENCH_SCALE_REBUILD=1 seeds afresh).
bench-scale: install
	$(BIN)/python bench/scale.py $(ARGS)
