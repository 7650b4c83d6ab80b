# The README's two commands: `make run` (set up, prepare data, start the app) and `make test`.
VENV ?= .venv
PYTHON ?= python3
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell sha1sum pyproject.toml | cut -c1-12)
PORT ?= 8501

.PHONY: run test bench lint format install clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	# CPU build of torch first, so nothing below pulls a multi-GB CUDA build.
	$(PY) -m pip install torch==2.13.0
	# llama-cpp-python compiles from source here: about 4 minutes on 2 cores, once (pip caches the wheel).
	CMAKE_BUILD_PARALLEL_LEVEL=2 $(PY) -m pip install -e '.[all,dev]'
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

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache test-artifacts
