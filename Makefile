# Two commands for a fresh Debian or Ubuntu machine: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8050

WORKERS ?= 4

.PHONY: run serve load bench test validate system-packages vendor-plotly vendor-axe font-widths clean help

help:
	@echo "make run       start the dashboard on http://$(HOST):$(PORT) with the shipped dataset"
	@echo "make test      install test tools (and Debian's chromium if missing) and run every test"
	@echo "make serve     serve under gunicorn with $(WORKERS) workers (OPPOSITIONS_REDIS_URL shares the cache)"
	@echo "make validate  check the data folder and print every problem"
	@echo "make bench     speed on the shipped data and on 1k/10k/50k synthetic persons (table + JSON)"
	@echo "make vendor-plotly  rebuild the vendored plotly.js with the dashboard's traces (needs npm)"

$(PY):
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && apt-get install -y -qq python3-venv python3-pip && $(PYTHON) -m venv $(VENV); \
	  else echo "Python's venv module is missing: install python3-venv (sudo apt-get install python3-venv)"; exit 1; fi; }
	$(PY) -m pip install -q --upgrade pip

# Installed markers: re-install only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(PY)
	$(PY) -m pip install -q -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(PY)
	$(PY) -m pip install -q -e '.[test]'
	@touch $(VENV)/.installed $@

run: $(VENV)/.installed
	$(PY) app.py --host $(HOST) --port $(PORT)

serve: $(VENV)/.installed
	@if [ "$$(id -u)" = 0 ]; then echo "Warning: serving as root. A public server runs as an unprivileged user" \
	  "(see the README: Serving many readers, safely)."; fi
	$(PY) app.py validate --data "$${OPPOSITIONS_DATA:-data}" >/dev/null
	@if [ -n "$$OPPOSITIONS_REDIS_URL" ]; then \
	  echo "Starting a Celery worker for the background jobs (the video of the years)"; \
	  $(VENV)/bin/celery -A app:celery_app worker --concurrency 1 --loglevel warning & \
	fi; \
	HOST=$(HOST) PORT=$(PORT) WORKERS=$(WORKERS) $(VENV)/bin/gunicorn -c python:components.gunicorn_conf app:server

validate: $(VENV)/.installed
	$(PY) app.py validate

# Speed on the shipped data and on 1k/10k/50k synthetic persons, beside two references.
$(VENV)/.installed-bench: pyproject.toml | $(PY)
	$(PY) -m pip install -q -e '.[test,bench]'
	@touch $(VENV)/.installed $(VENV)/.installed-test $@

bench: $(VENV)/.installed-bench system-packages
	$(PY) -m benchmarks.run

# A bounded load test on loopback (1, 10, 50 readers; it stops by itself).
load: $(VENV)/.installed system-packages
	$(PY) -m benchmarks.load
	$(PY) -m benchmarks.faults

# Debian's chromium and chromedriver (browser tests, PNG/SVG export) and redis-server (the shared
# cache's test). No browser is ever downloaded.
system-packages:
	@if command -v chromium >/dev/null && command -v chromedriver >/dev/null && command -v redis-server >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "Installing Debian's chromium, chromium-driver and redis-server..."; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver redis-server >/dev/null; \
	else \
	  echo "The tests need Debian's chromium, chromium-driver and redis-server:"; \
	  echo "  sudo apt-get install chromium chromium-driver redis-server"; exit 1; \
	fi

LINTED := oppositions components app.py benchmarks tests
test: $(VENV)/.installed-test system-packages
	$(VENV)/bin/ruff check $(LINTED)
	$(VENV)/bin/vulture oppositions components app.py tests/vulture_allow.py --min-confidence 60 \
	  --ignore-decorators "@app.callback,@app.server.route,@server.after_request,@server.before_request,@server.errorhandler,@dash_app.server.after_request"
	$(PY) -m pytest --durations=12

# axe-core for the accessibility tests (tests/vendor: its licence travels with it). Needs npm.
vendor-axe:
	@tmp=$$(mktemp -d) && cd $$tmp && npm pack -q axe-core@4 >/dev/null && tar xzf axe-core-*.tgz && \
	  cp package/axe.min.js package/LICENSE package/LICENSE-3RD-PARTY.txt $(CURDIR)/tests/vendor/ && \
	  grep -m1 '"version"' package/package.json && rm -rf $$tmp

# Refresh components/vendor/ to the strict plotly.js of the version the plotly package bundles
# (needs npm; the page needs this bundle because its CSP forbids eval). Not part of run or test.
vendor-plotly: $(VENV)/.installed
	@version=$$($(PY) -c "from plotly.offline import get_plotlyjs_version as v; print(v())"); \
	work=$$(mktemp -d); cp components/vendor/bundle/* $$work/ && \
	(cd $$work && npm init -y >/dev/null && \
	 npm install --silent --no-audit --no-fund plotly.js@$$version esbuild@0.25.12 buffer@6.0.3 && \
	 node build.mjs plotly-dashboard.min.js) && \
	cp $$work/plotly-dashboard.min.js components/vendor/plotly-dashboard.min.js && \
	cp $$work/node_modules/plotly.js/LICENSE components/vendor/LICENSE.plotly.js && rm -rf $$work && \
	echo "plotly.js $$version built with the dashboard's traces: update components/vendor/README.md"

# Refresh oppositions/font_widths.json (label widths) from Debian's DejaVu Sans. Not part of run or test.
font-widths: $(VENV)/.installed
	$(PY) -m pip install -q fonttools && $(PY) -m oppositions.labels

clean:
	rm -rf $(VENV) tests/artifacts .pytest_cache .hypothesis
