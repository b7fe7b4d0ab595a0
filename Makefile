# Saima — everything a fresh clone needs, from python3 (>= 3.11) and make alone.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
MANAGE := $(PY) manage.py
# HOST=0.0.0.0:8000 lets phones on the hall's network join (see README).
HOST   ?= 127.0.0.1:8000
SEED   ?= 2022
BIND   ?= 127.0.0.1:8000
WORKERS ?= 4

.PHONY: demo serve test test-fast test-postgres test-clock lint format messages bench-export bench-load bench-load-postgres bench-vote bench-vote-postgres test-redis bench-requests bench-leaderboard bench-season bench-draw bench-inspection bench-uploads clean

$(VENV)/.runtime: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e .
	touch $@

$(VENV)/.dev: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e ".[dev]"
	touch $(VENV)/.runtime $@

## demo: set up the SQLite database with the seed-001 event, the seed-004-shaped contest and demo
## accounts, then serve it
demo: export DEBUG = 1
demo: $(VENV)/.runtime
	$(MANAGE) migrate --no-input
	$(MANAGE) loaddata ningbo_2022
	$(MANAGE) demo_data --seed $(SEED) --base-url http://$(HOST)
	$(MANAGE) demo_contest --seed $(SEED) --base-url http://$(HOST)
	$(MANAGE) demo_season --seed $(SEED)
	$(MANAGE) demo_inspection --seed $(SEED)
	$(MANAGE) demo_stamps --seed $(SEED)
	# the background worker (year-end workbooks, big imports) beside the server, stopped with it
	$(MANAGE) db_worker --no-reload & worker=$$!; trap "kill $$worker" EXIT INT TERM; \
		ALLOWED_HOSTS='*' $(MANAGE) runserver $(HOST)

## serve: gunicorn with whitenoise on the configured database (DATABASE_URL, default SQLite), and
## the background worker (manage.py db_worker) beside it.
## SECRET_KEY comes from the environment, else from .secret-key (made on first use).
serve: $(VENV)/.runtime
	@test -n "$$SECRET_KEY" -o -s .secret-key || $(PY) -c "import secrets; print(secrets.token_urlsafe(50))" > .secret-key
	SECRET_KEY="$${SECRET_KEY:-$$(cat .secret-key)}" $(MANAGE) migrate --no-input
	SECRET_KEY="$${SECRET_KEY:-$$(cat .secret-key)}" $(MANAGE) collectstatic --no-input -v0
	SECRET_KEY="$${SECRET_KEY:-$$(cat .secret-key)}" $(MANAGE) db_worker & worker=$$!; \
		trap "kill $$worker" EXIT INT TERM; \
		SECRET_KEY="$${SECRET_KEY:-$$(cat .secret-key)}" $(VENV)/bin/gunicorn saima.wsgi \
		--bind $(BIND) --workers $(WORKERS) --access-logfile - --timeout 30

## test: lint, format check, the import contracts and every test — the browser tests after the
## rest, which run on every core
test: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/pytest -n auto -m "not browser"
	$(VENV)/bin/pytest -m browser

## test-fast: the inner loop — every test but the browser, server, LibreOffice and migration ones
test-fast: $(VENV)/.dev
	$(VENV)/bin/pytest -n auto -m "not browser and not server and not libreoffice and not migrations"

## test-postgres: every test that touches the database again, against a throwaway PostgreSQL
## cluster (needs its server binaries); the browser audits and spreadsheet recounts, which read
## pages and files rather than the database, run once, in `make test`; the load tests, which
## share the cluster's database, one at a time after the rest
test-postgres: $(VENV)/.dev
	.ci/with-postgres sh -c '$(VENV)/bin/pytest -n auto -m "not browser and not libreoffice and not server" && $(VENV)/bin/pytest -m server'

## test-clock: the inner-loop tests with the clock moved (SAIMA_TEST_CLOCK): none may pass only
## at the time it happens to run. The route × visitor tables (who may open what, which headers a
## page carries) read no clock and run in the other two passes.
test-clock: $(VENV)/.dev
	SAIMA_TEST_CLOCK=$${SAIMA_TEST_CLOCK:-1796475071} $(VENV)/bin/pytest -n auto -m "not browser and not server and not libreoffice and not migrations and not routes"

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: $(VENV)/.dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## messages: refresh the translation catalogues (needs GNU gettext) and compile them
messages: $(VENV)/.dev
	DEBUG=1 $(MANAGE) makemessages -l zh_Hans --no-obsolete -i .venv -i "*/migrations"
	DEBUG=1 $(MANAGE) compilemessages -l zh_Hans -i .venv

## bench-export: time, memory and queries of the workbook for 1,000 reports × 25 judges × 5 criteria
bench-export: $(VENV)/.runtime
	$(PY) bench/export.py

## bench-load: 100 judges on gunicorn (4 workers), all at once and as the night goes; fails if anything is lost
bench-load: $(VENV)/.runtime
	$(PY) bench/load.py
	$(PY) bench/load.py --spread 2 --think 10

## bench-load-postgres: the same on a throwaway PostgreSQL cluster
bench-load-postgres: $(VENV)/.runtime
	.ci/with-postgres $(PY) bench/load.py
	.ci/with-postgres $(PY) bench/load.py --spread 2 --think 10

## bench-vote: 1,000 audience phones voting within 60 s (half in the first 5 s) on gunicorn; fails if a vote is lost or counted twice
bench-vote: $(VENV)/.runtime
	$(PY) bench/vote.py

## bench-vote-postgres: the same on a throwaway PostgreSQL cluster
bench-vote-postgres: $(VENV)/.runtime
	.ci/with-postgres $(PY) bench/vote.py

## test-redis: the cache tests, the vote tests and the vote bench with the cache in a throwaway Redis (needs redis-server)
test-redis: $(VENV)/.dev
	.ci/with-redis $(VENV)/bin/pytest tests/review/test_cache.py tests/review/test_vote.py tests/review/test_show.py
	.ci/with-redis $(PY) bench/vote.py

## bench-requests: what one form, submit and poll cost the server, one at a time (SQLite, then PostgreSQL)
bench-requests: $(VENV)/.runtime
	$(PY) bench/requests.py
	.ci/with-postgres $(PY) bench/requests.py

## bench-season: a season of 300 subjects × 12 periods × 40 indicators — import, standing, year-end
## workbook, 20 clerks saving the grid at once (fails if a value is lost); SHORT=1 for CI's size
bench-season: $(VENV)/.dev
	$(PY) -W ignore bench/season.py $(if $(SHORT),--subjects 60 --periods 4 --indicators 10 --clerks 10)

## bench-draw: the draw (抽签) of 1,000 × 1,000 units with every constraint (fails on a broken one)
bench-draw: $(VENV)/.dev
	$(PY) bench/draw.py

## bench-inspection: the review list of 5,000 problems — first and middle page beside the bare
## fetch of a page's rows; fails if its queries grow with the problems
bench-inspection: $(VENV)/.dev
	$(PY) -W ignore bench/inspection.py

## bench-uploads: 50 inspectors sending a problem with three ~3 MB photos at once, on gunicorn
## (p50/p95; fails if a problem or photo is lost or kept twice)
bench-uploads: $(VENV)/.dev
	$(PY) -W ignore bench/uploads.py

## bench-leaderboard: leaderboard page and big screen for 100, 1,000 and 5,000 reports
bench-leaderboard: $(VENV)/.dev
	$(PY) bench/leaderboard.py

clean:
	rm -rf $(VENV) db.sqlite3 test-output .pytest_cache .ruff_cache .hypothesis
