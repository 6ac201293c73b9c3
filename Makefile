# The handful of commands people run. Each is a thin alias of a script, so CI and people agree.
.PHONY: run test setup lint fmt neo4j-start neo4j-stop clean screenshots

run:          ## set up, then serve API + website on http://127.0.0.1:8000 (embedded store)
	bash scripts/run.sh

test:         ## set up (Neo4j, Chromium included), then ruff, mypy --strict, pytest
	bash scripts/test.sh

setup:
	bash scripts/setup.sh

lint:
	.venv/bin/ruff check src tests bench tools notebooks && .venv/bin/ruff format --check src tests bench tools notebooks && .venv/bin/mypy src

fmt:
	.venv/bin/ruff format src tests bench tools notebooks && .venv/bin/ruff check --fix src tests bench tools notebooks

neo4j-start:
	.venv/bin/partnergraph neo4j start

neo4j-stop:
	.venv/bin/partnergraph neo4j stop

clean:
	rm -rf .venv tools/neo4j/target .mypy_cache .ruff_cache .pytest_cache
screenshots:  ## refresh docs/screenshots from the running pages in headless Chromium
	.venv/bin/partnergraph site screenshots docs/screenshots --english
