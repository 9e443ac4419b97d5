# One-command set-up: every target creates .venv and installs what it needs first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
DATA ?= data/treatments.csv
PORT ?= 8501
# Only this computer can open the page; `make run HOST=0.0.0.0` serves every network interface
# (anyone who can reach the machine can then open it).
HOST ?= 127.0.0.1
CHROMIUM := /usr/bin/chromium

.PHONY: run test lint format validate browser screenshot load bench bench-quick bench-page profile clean lock
SESSIONS ?= 50
CLOSED_SESSIONS ?= 30

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Every install comes from a lock with every transitive version and its hashes: pip installs
# the installer (uv) from its lock, and uv the project's locks (2.7 s against pip's 35 s).
# uv compiles the bytecode as it installs: where PYTHONDONTWRITEBYTECODE is set (this machine,
# many CI images) nothing else would, and every Python process (each test server, each
# worker) would compile pandas, Streamlit and plotly again: 2.7 s a start instead of 0.9 s.
UV := $(BIN)/uv
UV_INSTALL := $(UV) pip install --quiet --require-hashes --compile-bytecode --python $(BIN)/python
$(UV): requirements-uv.txt | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements-uv.txt
	touch $@

$(STAMP): requirements.txt | $(UV)
	$(UV_INSTALL) -r requirements.txt
	touch $@

$(DEV_STAMP): requirements.txt requirements-dev.txt | $(UV)
	$(UV_INSTALL) -r requirements-dev.txt
	touch $(STAMP) $@

# The locks from the hand-kept pins in requirements.in and requirements-dev.in.
LOCK_FLAGS := --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links
lock: $(DEV_STAMP)
	$(BIN)/pip-compile $(LOCK_FLAGS) --output-file requirements-uv.txt requirements-uv.in
	$(BIN)/pip-compile $(LOCK_FLAGS) --output-file requirements.txt requirements.in
	$(BIN)/pip-compile $(LOCK_FLAGS) --output-file requirements-dev.txt requirements-dev.in

# The page's plotly.js, built from the installed plotly package (never written at run time).
ASSETS := $(VENV)/.assets
$(ASSETS): $(STAMP) scripts/build_assets.py ui/plotly_asset.py
	$(BIN)/python scripts/build_assets.py
	touch $@

# Two malloc arenas and a release every minute let a long-running server give closed sessions'
# memory back (avn_data/memory.py); glibc reads the arena limit only at start.
SERVER_ENV := MALLOC_ARENA_MAX=2 AVN_RELEASE_MEMORY_EVERY_S=60

run: $(STAMP) $(ASSETS)
	$(SERVER_ENV) $(BIN)/streamlit run serve.py --server.address $(HOST) --server.port $(PORT) -- --data $(DATA)

validate: $(STAMP)
	$(BIN)/python -m avn_data validate $(DATA)

# Debian's Chromium for the browser tests; installed only when missing and we are root.
browser:
	@if [ -x $(CHROMIUM) ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian's chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; \
	else \
		echo "note: $(CHROMIUM) missing and cannot install it here; browser tests will be skipped"; \
	fi

lint: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(DEV_STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: $(DEV_STAMP) $(ASSETS) browser lint
	$(BIN)/pytest

screenshot: $(DEV_STAMP) $(ASSETS) browser
	$(BIN)/python scripts/screenshot.py --height 1700

load: $(DEV_STAMP) $(ASSETS) browser
	$(SERVER_ENV) $(BIN)/python bench/load.py --sessions $(SESSIONS) --closed-sessions $(CLOSED_SESSIONS)

# Parts 1-4; part 2 gives the page's ratios against bench/reference_app.py, measured in one run.
bench: $(DEV_STAMP) $(ASSETS) browser
	$(BIN)/python bench/benchmark.py

# Part 2 alone (the two ratios, bundled table and 100k rows), written to bench/out/.
bench-page: $(DEV_STAMP) $(ASSETS) browser
	$(BIN)/python bench/benchmark.py --page-only --out bench/out/results-page.md

# Where a filter change spends its time: server (yappi) and browser (CDP) profiles.
profile: $(DEV_STAMP) $(ASSETS) browser
	$(BIN)/python -m pip install --quiet yappi==1.7.6
	$(BIN)/python bench/profile_page.py

bench-quick: $(DEV_STAMP)
	$(BIN)/python bench/benchmark.py --skip-browser --sizes 1000,10000 --repeats 3 --out bench/out/results-quick.md

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis test-artifacts
