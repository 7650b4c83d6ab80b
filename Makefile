# The README's two commands: `make run` (set up, prepare data, start the app) and `make test`.
# Each step says what it is and how long it took (scripts/step.sh; install.sh does the same).
VENV ?= .venv
PYTHON ?= python3
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml requirements.lock scripts/install.sh scripts/no-deps.txt | sha1sum | cut -c1-12)
PORT ?= 8501

.PHONY: run test check bench lint format install lock clean

# Every version comes from requirements.lock (see scripts/install.sh); `make lock` refreshes it.
$(STAMP): pyproject.toml requirements.lock scripts/install.sh scripts/no-deps.txt
	PYTHON=$(PYTHON) bash scripts/install.sh $(VENV)
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

STEP := bash scripts/step.sh

run: $(STAMP)
	@$(STEP) "building the knowledge index (first time: about 14 s on 2 idle cores, up to 2 min on busy ones; then a second)" \
		$(VENV)/bin/llm-advisor index
	@echo "==> starting the app on http://localhost:$(PORT) (Ctrl-C stops it)"
	$(VENV)/bin/llm-advisor ui --port $(PORT)

test: $(STAMP)
	@$(STEP) "checking for Chromium (the browser tests)" bash scripts/ensure-chromium.sh
	@$(STEP) "running the tests" $(PY) -m pytest -q

# The quick tier for edit-and-test loops: every test that starts no process, server, browser, model
# or knowledge index (tests/tiers.py marks them; `make test` still runs everything, as CI does).
# They share no port or process, so they run on every core (pytest-xdist).
check: $(STAMP)
	@$(STEP) "running the quick tests (make test runs them all)" $(PY) -m pytest -q -m check -n auto

bench: $(STAMP)
	bash scripts/ensure-chromium.sh
	$(PY) bench/run_all.py

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

lock:
	bash scripts/lock.sh

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache test-artifacts
