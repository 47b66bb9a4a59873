# frontwire: `make demo` runs the bundled samples end to end, `make test` runs the suite.
# Needs only GNU make and Python 3.11+ (python3.11 if present, else python3).

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3 2>/dev/null)
VENV := .venv
VPY := $(VENV)/bin/python
PIP := $(VPY) -m pip
CONSTRAINTS := constraints.txt
DEMO_DB := demo.db
PYTEST_ARGS ?=
BENCH_ARGS ?=
INGEST_BENCH_ARGS ?= --articles 1000

export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: help venv install install-test demo test bench clean distclean

help:
	@echo "make demo       install into .venv, ingest samples/ into $(DEMO_DB), show stats, events and incidents"
	@echo "make test       install with test extras, run pytest"
	@echo "make bench      pipeline vs bare spaCy, linking, watch latency, ingest at scale (INGEST_BENCH_ARGS='--articles 1000 10000')"
	@echo "make clean      remove $(DEMO_DB), caches and build output (keeps .venv)"
	@echo "make distclean  clean, and remove .venv"

$(VPY):
	@if [ -z "$(PYTHON)" ]; then echo "error: no python3.11 or python3 on PATH" >&2; exit 1; fi
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' \
		|| { echo "error: $(PYTHON) is older than Python 3.11" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)

# Stamps: re-runs skip the install until pyproject.toml or constraints.txt change.
$(VENV)/.installed: pyproject.toml $(CONSTRAINTS) | $(VPY)
	$(PIP) install -c $(CONSTRAINTS) -e .
	@touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PIP) install -c $(CONSTRAINTS) -e '.[test]'
	@touch $@

venv: $(VPY)
install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

demo: $(VENV)/.installed
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(VENV)/bin/frontwire --db $(DEMO_DB) ingest samples/
	$(VENV)/bin/frontwire --db $(DEMO_DB) stats
	$(VENV)/bin/frontwire --db $(DEMO_DB) events --limit 15
	$(VENV)/bin/frontwire --db $(DEMO_DB) incidents --min-origins 2 --limit 10

test: $(VENV)/.installed-test
	$(VPY) -m pytest $(PYTEST_ARGS)

bench: $(VENV)/.installed
	$(VPY) bench/pipeline_speed.py $(BENCH_ARGS)
	$(VPY) bench/link_speed.py $(LINK_BENCH_ARGS)
	$(VPY) bench/watch_latency.py
	$(VPY) bench/ingest_scale.py $(INGEST_BENCH_ARGS)

clean:
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	rm -rf build dist .pytest_cache .hypothesis
	find . -path ./$(VENV) -prune -o -type d -name __pycache__ -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV)
