# posture-coach: the two commands a fresh machine needs.
#   make run    create .venv when missing, install, start the tray app
#   make test   the same with test extras, the Debian packages the desktop tests
#               need (when missing), lint and type checks, then the whole suite
# Both install exactly the lock (requirements.txt, requirements-test.txt: every
# package pinned with its hashes); pyproject.toml keeps the ranges for `pip install`.
# Also: make upgrade (refresh the lock, then the suite), make lock (re-lock without
# upgrading), make bench (performance suite), make soak (30-minute run), make lint,
# make screenshots, make clean.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python

.PHONY: run test lint bench soak screenshots clean venv install install-test desktop-deps translations \
        lock upgrade

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else "posture-coach needs Python 3.10 or newer")'
	$(PYTHON) -m venv $(VENV)

venv: $(PY)

# Install the lock, then the app itself (editable, no dependencies of its own: they all
# came from the lock; the build backend too, so nothing unpinned is fetched).
# Reinstall only when the lock or the project's description changed (or the venv is new).
PIP_LOCKED := $(PY) -m pip install --quiet --disable-pip-version-check --require-hashes \
              --only-binary :all: -r
PIP_SELF   := $(PY) -m pip install --quiet --disable-pip-version-check --no-deps \
              --no-build-isolation -e .

$(VENV)/.installed: requirements.txt pyproject.toml | $(PY)
	$(PIP_LOCKED) requirements.txt
	$(PIP_SELF)
	@touch $@

$(VENV)/.installed-test: requirements-test.txt pyproject.toml | $(PY)
	$(PIP_LOCKED) requirements-test.txt
	$(PIP_SELF)
	@touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

run: install
	$(BIN)/posture-coach

desktop-deps:
	@bash .ci/install-desktop-deps

lint: install-test
	$(BIN)/ruff check posture_coach tests
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

test: install-test desktop-deps lint
	$(PY) -m pytest

bench: install-test desktop-deps
	$(PY) tests/bench/run_all.py

screenshots: install-test desktop-deps
	$(PY) -m pytest tests/desktop --screenshots=docs/screenshots

# The lock: compiled by uv from pyproject.toml (+ requirements.in, the build backend) for
# every platform and Python >= 3.10, with hashes. `make lock` keeps the pinned versions
# where they still fit; `make upgrade` takes the newest and runs the whole suite on them.
UV_VERSION := 0.13.9
UV_COMPILE = $(BIN)/uv pip compile pyproject.toml requirements.in --universal --generate-hashes \
             --python-version 3.10 --quiet --custom-compile-command "make lock"

$(BIN)/uv: | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

lock: $(BIN)/uv
	$(UV_COMPILE) $(UPGRADE) -o requirements.txt
	$(UV_COMPILE) $(UPGRADE) --extra test -o requirements-test.txt

upgrade:
	$(MAKE) lock UPGRADE=--upgrade
	$(MAKE) test

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache .hypothesis

# Translations: refresh the catalogues from the sources (pyside6-lupdate), then compile
# them (pyside6-lrelease). Translate new entries in posture_coach_es.ts (Qt Linguist:
# .venv/bin/pyside6-linguist) before committing; tests fail on unfinished entries.
I18N_SOURCES := $(wildcard posture_coach/*.py posture_coach/*/*.py posture_coach/*/*/*.py)
I18N_DIR := posture_coach/translations

translations: install-test
	$(BIN)/pyside6-lupdate -no-obsolete -locations none $(I18N_SOURCES) \
		-ts $(I18N_DIR)/posture_coach_es.ts
	$(BIN)/pyside6-lupdate -no-obsolete -locations none -pluralonly $(I18N_SOURCES) \
		-ts $(I18N_DIR)/posture_coach_en.ts
	$(BIN)/pyside6-lrelease -silent $(I18N_DIR)/posture_coach_es.ts $(I18N_DIR)/posture_coach_en.ts

# Outside the CI suite: the real app on a real desktop for 30 minutes with a one-minute
# break interval; writes tests/soak/results/latest.md (and .json).
soak: install-test desktop-deps
	$(PY) tests/soak/run_soak.py --minutes 30 --interval 60
