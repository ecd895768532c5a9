# Two commands do everything: `make book` builds the course, `make test` runs the whole suite.
# Both create the virtual environment .venv from requirements-dev.txt (which includes the runtime set,
# requirements.txt) first when it is missing or stale.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
NODE_STAMP := tests/node/node_modules/.package-lock.json
JB_FLAGS := --warningiserror --nitpick --keep-going

.PHONY: book test serve clean venv

venv: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $(STAMP)

book: $(STAMP) _build/.itband-stamp
	$(BIN)/jupyter-book build . $(JB_FLAGS)
	@echo "The course is at $(CURDIR)/_build/html/index.html"

# The execution cache knows each notebook's code, not the package it imports: when itband/
# changes, drop the cache so the book shows the new figures.
_build/.itband-stamp: $(shell find itband -name "*.py" -o -name "*.json" -o -name "*.yaml" -o -name "*.csv" -o -name "*.txt")
	rm -rf _build/.jupyter_cache _build/jupyter_execute
	mkdir -p _build && touch $@

test: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m pytest

# The test suite's Node.js tools (configurable-http-proxy for tests/test_hub.py, puppeteer-core for
# tests/test_browser_firefox.py, vnu-jar for the HTML check), pinned with every dependency in tests/node/package-lock.json.
# Without npm they are skipped here, and those tests skip (under CI they fail).
$(NODE_STAMP): tests/node/package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --prefix tests/node --no-audit --no-fund --loglevel=error; \
	else echo "npm not found: tests/test_hub.py and tests/test_browser_firefox.py will be skipped (install Node.js 20 or newer and npm)"; fi

serve: book
	@echo "Serving the course on http://127.0.0.1:8000 (Ctrl-C stops it)"
	$(BIN)/python -m http.server 8000 --bind 127.0.0.1 --directory _build/html

# Student versions: a ready git repository (same notebooks/ paths, the package, plain-Markdown lessons
# without solutions) in STUDENT_OUT, and the answer key in INSTRUCTOR_OUT, outside it.
# STUDENT_REPO / STUDENT_BRANCH: where the student repository will be served (its launch links);
# HUB: a JupyterHub address for those links. See book/instructor-guide.md.
.PHONY: student
STUDENT_OUT ?= _build/student
INSTRUCTOR_OUT ?= _build/instructor
STUDENT_REPO ?=
STUDENT_BRANCH ?=
HUB ?=
student: $(STAMP)
	$(BIN)/python -m tools.student --out $(STUDENT_OUT) --instructor-out $(INSTRUCTOR_OUT) \
	  $(if $(STUDENT_REPO),--repo-url $(STUDENT_REPO)) $(if $(STUDENT_BRANCH),--branch $(STUDENT_BRANCH)) \
	  $(if $(HUB),--hub $(HUB))

# Every lesson's quiz bank for a learning platform: _build/lms/canvas/ (QTI 1.2, Canvas),
# _build/lms/qti21/ (QTI 2.1, Blackboard and other QTI 2.1 importers) and _build/lms/moodle/
# (Moodle XML, for Moodle's question bank import). See book/instructor-guide.md.
.PHONY: lms
LMS_OUT ?= _build/lms
lms: $(STAMP)
	$(BIN)/python -m tools.lms --out $(LMS_OUT)

# Every lesson's exercises with a numeric or code answer as nbgrader assignments: an nbgrader course
# folder with source/NN_topic/NN_topic.ipynb per lesson and, if it has none, an nbgrader_config.py
# (an existing config, gradebook, releases and submissions in that folder are left alone).
# See book/instructor-guide.md, "Autograded assignments with nbgrader".
.PHONY: assignments
ASSIGNMENTS_OUT ?= _build/nbgrader
assignments: $(STAMP)
	$(BIN)/python -m tools.assignments --out $(ASSIGNMENTS_OUT)

# Handouts: every lesson as a PDF and the whole course as _build/pdf/course.pdf, printed by headless
# Chromium with the book's print stylesheet (no controls or toggles; quizzes as numbered questions).
# SOLUTIONS=1 prints solutions and quiz answers open (for instructors). Needs Chromium, as the tests do.
.PHONY: pdf
PDF_OUT ?= _build/pdf
SOLUTIONS ?=
pdf: $(STAMP)
	@test -f _build/html/index.html || $(MAKE) book
	$(BIN)/python -m tools.pdf --html _build/html --out $(PDF_OUT) $(if $(filter-out 0,$(SOLUTIONS)),--solutions)

# Full-page PNGs of every lesson page, light and dark mode, for review without a browser
# (needs Chromium: the Debian package `chromium`).
.PHONY: screenshots
screenshots: book
	$(BIN)/python tests/test_browser_screenshots.py _build/html _build/screenshots
	@echo "Screenshots are in $(CURDIR)/_build/screenshots"

clean:
	rm -rf _build .pytest_cache .hypothesis
	find . -name __pycache__ -type d -not -path './$(VENV)/*' -prune -exec rm -rf {} +

# Re-execute notebooks in place in a fresh kernel (NB=path for one), as a student's "Run all" does:
# each explorer keeps its starting frame only (the book build pre-renders the rest), so strict nbval
# compares what a student sees, and a lesson saved from JupyterLab is already in its committed form.
NB ?= notebooks/*.ipynb
.PHONY: execute
execute: $(STAMP)
	env -u ITBAND_BOOK_FRAMES $(BIN)/jupyter nbconvert --to notebook --execute --inplace \
	  --ExecutePreprocessor.timeout=300 --ExecutePreprocessor.store_widget_state=False \
	  --ExecutePreprocessor.record_timing=False $(NB)

# What students and readers wait for: notebook run times, live redraws, build times, page weights.
# Prints a table and writes _build/bench.json (run `make book` first).
.PHONY: bench
bench: $(STAMP)
	$(BIN)/python tools/bench.py

# Lighthouse alone (mobile preset, simulated slow 4G, median of 3 runs a page), written into
# _build/bench.json beside the other figures; `make bench` runs it too when Lighthouse is installed.
# Install once: npm install --prefix ~/.cache/itband/lighthouse lighthouse@13.5.0
.PHONY: lighthouse
lighthouse: $(STAMP)
	$(BIN)/python tools/bench.py --lighthouse-only
