# The README's two commands: `make run` (set up, prepare data, start the app) and `make test`.
VENV ?= .venv
PYTHON ?= python3
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml requirements.lock scripts/install.sh | sha1sum | cut -c1-12)
PORT ?= 8501

.PHONY: run test bench lint format install lock clean

# Every version comes from requirements.lock (see scripts/install.sh); `make lock` refreshes it.
$(STAMP): pyproject.toml requirements.lock scripts/install.sh
	PYTHON=$(PYTHON) bash scripts/install.sh $(VENV)
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(VENV)/bin/llm-advisor index
	$(VENV)/bin/llm-advisor ui --port $(PORT)

test: $(STAMP)
	bash scripts/ensure-chromium.sh
	$(PY) -m pytest -q

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
