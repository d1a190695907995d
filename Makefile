# posture-coach: the two commands a fresh machine needs.
#   make run    create .venv when missing, install, start the tray app
#   make test   the same with test extras, the Debian packages the desktop tests
#               need (when missing), lint and type checks, then the whole suite
# Both install exactly the lock (requirements.txt, requirements-test.txt: every
# package pinned with its hashes); pyproject.toml keeps the ranges for `pip install`.
# Also: make upgrade (refresh the lock, then the suite), make lock (re-lock without
# upgrading), make bench (performance suite), make soak (30-minute run), make lint,
# make screenshots, make dist (wheel, sdist, the self-contained bundle and the .deb),
# make dist-test (builds, installs and uninstalls the .deb on a real desktop), make clean.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python

.PHONY: run test lint bench soak screenshots clean venv install install-test desktop-deps translations \
        lock upgrade dist dist-test sync-test

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

# The suite runs on every core (pytest-xdist); the Wayland desktop tests share one worker
# (tests/desktop/conftest.py), so GNOME Shell and sway start once.  TEST_JOBS=0: one process.
TEST_JOBS ?= auto

test: install-test desktop-deps lint
	$(PY) -m pytest -n $(TEST_JOBS) --dist loadgroup

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
	$(UV_COMPILE) $(UPGRADE) --extra dist -o requirements-dist.txt

upgrade:
	$(MAKE) lock UPGRADE=--upgrade
	$(MAKE) test

clean:
	rm -rf $(VENV) $(DIST_VENV) build dist .pytest_cache .mypy_cache .ruff_cache .hypothesis

# make dist: what a patient installs, built from the lock in a venv of its own (the
# dist extra: PyInstaller; no test tools in the bundle), without network beyond PyPI:
#   dist/posture_coach-<v>-py3-none-any.whl, dist/posture_coach-<v>.tar.gz   (hatchling)
#   dist/bundle/posture-coach/     one folder, runs with no Python on the machine
#   dist/posture-coach-<v>-linux-<arch>.tar.gz    that folder, for other distributions
#   dist/posture-coach_<v>_<arch>.deb             (packaging/build-deb.sh)
# A missing tool (dpkg-deb, appstreamcli, desktop-file-validate, ...) is named with its
# Debian package. Windows and macOS: packaging/windows, packaging/macos (built elsewhere).
DIST_VENV ?= .venv-dist
DIST_PY   := $(DIST_VENV)/bin/python
VERSION   := $(shell sed -n 's/^__version__ = "\(.*\)"/\1/p' posture_coach/__init__.py)
ARCH      := $(shell uname -m | tr A-Z a-z)

$(DIST_VENV)/.installed: requirements-dist.txt
	@bash packaging/check-tools.sh
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else "posture-coach needs Python 3.10 or newer")'
	test -x $(DIST_PY) || $(PYTHON) -m venv $(DIST_VENV)
	$(DIST_PY) -m pip install --quiet --disable-pip-version-check --require-hashes \
		--only-binary :all: -r requirements-dist.txt
	@touch $@

dist: $(DIST_VENV)/.installed
	@bash packaging/check-tools.sh
	rm -rf dist build/pyinstaller
	$(DIST_VENV)/bin/hatchling build -d dist
	$(DIST_PY) -m pip install --quiet --disable-pip-version-check --no-deps --force-reinstall \
		dist/posture_coach-$(VERSION)-py3-none-any.whl
	$(DIST_VENV)/bin/pyinstaller --noconfirm --log-level WARN --distpath dist/bundle \
		--workpath build/pyinstaller packaging/posture-coach.spec
	tar -C dist/bundle -czf dist/posture-coach-$(VERSION)-linux-$(ARCH).tar.gz posture-coach
	bash packaging/build-deb.sh dist/bundle/posture-coach dist $(VERSION)
	@ls -l dist | tail -n +2

# Only the sync tests (issue 19; all are in `make test` too): the merge's properties, the
# app's watcher, and two real Syncthing instances on loopback (about 10 s in all).
sync-test: install-test desktop-deps
	$(PY) -m pytest -q tests/core/test_sync.py tests/qt/test_sync_app.py tests/faults/test_syncthing.py

# Build the .deb, install it (dpkg -i, as root), run the installed app on the real test
# desktop, open a program file through its MIME type, remove it again (tests/dist).
dist-test: install-test desktop-deps
	POSTURE_COACH_DIST_TEST=1 $(PY) -m pytest tests/dist -p no:cacheprovider -s

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
