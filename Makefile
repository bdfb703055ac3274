# Two commands for a new machine (Debian, Python 3.11): `make serve` and `make test`.
# Everything they need is installed from the project's own files: Python packages from
# requirements.lock (exact versions, hashes), Pagefind (the search index) and the npm test
# tools from package-lock.json, and Debian's Chromium for the browser tests.
VENV   := .venv
PY     := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1
# The site's generator: properdocs (the maintained continuation of MkDocs 1.x) or mkdocs (1.6.1).
# Both read mkdocs.yml and run hooks/; `make build GENERATOR=mkdocs` builds with the other one.
# The tests read the same setting (tests/conftest.py); README: "Generator".
GENERATOR ?= properdocs
export GENERATOR

.PHONY: serve build test install browser node lock screenshots bench

serve: install node  ## build the site and serve it on http://127.0.0.1:8000 with live reload
	$(VENV)/bin/$(GENERATOR) serve -f mkdocs.yml --dirty --dev-addr 127.0.0.1:8000

build: install node  ## build the site into site/ and check its internal links and anchors
	$(VENV)/bin/$(GENERATOR) build -f mkdocs.yml --strict
	$(VENV)/bin/goda-exempel check-links site

test: install browser node  ## run the whole test suite
	$(VENV)/bin/pytest

install: $(VENV)/.installed

$(VENV)/.installed: requirements.lock pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

browser:  ## Debian's Chromium for Playwright (browser downloads are not used); pdftotext for the print test
	@{ command -v chromium && command -v pdftotext; } >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium poppler-utils >/dev/null; }

screenshots: install browser  ## PNGs of every page type at 360 and 1280 px in screenshots/, for review
	$(PY) tools/screenshots.py --out screenshots

node: node_modules/.installed

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

lock:  ## refresh requirements.lock after changing pyproject.toml
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --python-version 3.11 --generate-hashes -o requirements.lock -q
