#!/usr/bin/env bash
# Validates a dataset folder (default: this repository) — the step to put in a fork's CI.
# Prints every finding with its id, level and location; exits 1 if there is any.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/sahifa validate "${1:-.}" "${@:2}"
