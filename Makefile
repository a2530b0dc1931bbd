# Alliantie: `make run` serves the platform on SQLite, `make test` runs the whole suite, `make bench` measures.
VENV := .venv
PYTHON ?= python3
ALLIANTIE_DATA_DIR ?= $(HOME)/.local/share/alliantie
export ALLIANTIE_DATA_DIR

.PHONY: run test bench loadtest lint format messages clean

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit("Python 3.11 of nieuwer is nodig, gevonden: " + sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e .
	touch $@

run: $(VENV)/.installed
	@mkdir -p "$(ALLIANTIE_DATA_DIR)"
	@echo "Database bijwerken ($(ALLIANTIE_DATA_DIR)/alliantie.sqlite3) …"
	@DEBUG=1 $(VENV)/bin/alliantie migrate --no-input -v0
	@DEBUG=1 $(VENV)/bin/alliantie demo --if-empty --no-logins
	@DEBUG=1 $(VENV)/bin/alliantie demo --logins
	@echo ""
	@echo "Alliantie start op http://127.0.0.1:8000 — stoppen met Ctrl+C."
	@DEBUG=1 $(VENV)/bin/alliantie runserver 127.0.0.1:8000

test:
	bash scripts/test.sh

bench:
	bash scripts/bench.sh

loadtest:
	bash scripts/loadtest.sh

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check .

format:
	$(VENV)/bin/ruff format . && $(VENV)/bin/ruff check --fix .

messages:
	cd alliantie && DEBUG=1 ../$(VENV)/bin/alliantie makemessages -l en --no-obsolete
	$(VENV)/bin/python scripts/translations.py list
	cd alliantie && DEBUG=1 ../$(VENV)/bin/alliantie compilemessages

clean:
	rm -rf $(VENV) .pytest_cache
