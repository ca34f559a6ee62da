# Two commands for a fresh Debian or Ubuntu machine: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8050

.PHONY: run test validate browser clean help

help:
	@echo "make run       start the dashboard on http://$(HOST):$(PORT) with the shipped dataset"
	@echo "make test      install test tools (and Debian's chromium if missing) and run every test"
	@echo "make validate  check the data folder and print every problem"

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

validate: $(VENV)/.installed
	$(PY) app.py validate

# Debian's chromium and chromedriver for the browser tests (no browser is ever downloaded).
browser:
	@if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "Installing Debian's chromium and chromium-driver..."; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; \
	else \
	  echo "The browser tests need Debian's chromium and chromium-driver:"; \
	  echo "  sudo apt-get install chromium chromium-driver"; exit 1; \
	fi

test: $(VENV)/.installed-test browser
	$(PY) -m pytest

clean:
	rm -rf $(VENV) tests/artifacts .pytest_cache .hypothesis
