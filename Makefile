# One-command set-up: every target creates .venv and installs what it needs first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
DATA ?= data/treatments.csv
PORT ?= 8501
CHROMIUM := /usr/bin/chromium

.PHONY: run test lint format validate browser screenshot load bench clean
SESSIONS ?= 50

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(DEV_STAMP): requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(STAMP) $@

run: $(STAMP)
	$(BIN)/streamlit run dashboard.py --server.port $(PORT) -- --data $(DATA)

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

format: $(DEV_STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: $(DEV_STAMP) browser lint
	$(BIN)/pytest

screenshot: $(DEV_STAMP) browser
	$(BIN)/python scripts/screenshot.py --height 1700

load: $(DEV_STAMP) browser
	$(BIN)/python bench/load.py --sessions $(SESSIONS)

bench: $(DEV_STAMP) browser
	$(BIN)/python bench/benchmark.py

bench-quick: $(DEV_STAMP)
	$(BIN)/python bench/benchmark.py --skip-browser --sizes 1000,10000 --repeats 3 --out bench/out/results-quick.md

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis test-artifacts
