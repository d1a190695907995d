# posture-coach: the two commands a fresh machine needs.
#   make run    create .venv when missing, install, start the tray app
#   make test   the same with test extras, the Debian packages the desktop tests
#               need (when missing), lint and type checks, then the whole suite
# Also: make bench (performance suite), make soak (30-minute run), make lint,
# make screenshots, make clean.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python

.PHONY: run test lint bench soak screenshots clean venv install install-test desktop-deps translations

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else "posture-coach needs Python 3.10 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

venv: $(PY)

# Reinstall only when the project's description changed (or the venv is new).
$(VENV)/.installed: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[test]'
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

test: install-test desktop-deps lint
	$(PY) -m pytest

bench: install-test desktop-deps
	$(PY) tests/bench/run_all.py

screenshots: install-test desktop-deps
	$(PY) -m pytest tests/desktop --screenshots=docs/screenshots

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache .hypothesis

# Translations: refresh the catalogues from the sources (pyside6-lupdate), then compile
# them (pyside6-lrelease). Translate new entries in posture_coach_es.ts (Qt Linguist:
# .venv/bin/pyside6-linguist) before committing; tests fail on unfinished entries.
I18N_SOURCES := $(wildcard posture_coach/*.py posture_coach/core/*.py posture_coach/ui/*.py \
                           posture_coach/desktop/*.py posture_coach/report/*.py)
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
