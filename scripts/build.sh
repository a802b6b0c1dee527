#!/usr/bin/env bash
# Builds corpus/, README.md's metadata and DATASHEET.md's statistics from seeds/.
# Extra arguments go to `sahifa build` (see `.venv/bin/sahifa build --help`).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/sahifa build --input seeds --output . "$@"
