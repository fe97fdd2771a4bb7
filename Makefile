# One command surface. The README's two set-up commands stand on their own; these are shortcuts.
.PHONY: run test lint typecheck format bench

run:
	streamlit run serve.py

test:
	python3 -m pytest

lint:
	ruff check . && ruff format --check .

typecheck:
	python3 -m mypy

format:
	ruff format . && ruff check --fix .

bench:
	python3 bench/sync_latency.py && python3 bench/tick_cost.py
