#!/usr/bin/env bash
# Every test and check: lint, the corpus is what a fresh build gives, the agreement figures are
# fresh, the shipped CRF model is what training gives, it validates, the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
echo "== ruff"
.venv/bin/ruff check src tests scripts annotation/tools
echo "== corpus, card and datasheet are fresh"
.venv/bin/sahifa build --check --input seeds --output .
echo "== agreement figures in DATASHEET.md are fresh"
.venv/bin/sahifa agreement annotation/passes/a annotation/passes/b --texts seeds --check DATASHEET.md
echo "== the shipped CRF model and MODEL.md are what a fresh training gives"
.venv/bin/sahifa train --check
echo "== validate"
bash scripts/validate.sh .
echo "== pytest"
HF_HUB_OFFLINE=1 HF_DATASETS_OFFLINE=1 .venv/bin/python -m pytest -q "$@"
