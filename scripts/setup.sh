#!/usr/bin/env bash
# Creates .venv (if missing) and installs sahifa with its test tools at the pinned versions of
# constraints.txt, so that builds are byte-identical across machines, with the optional engine
# (Ray) its tests run on. Needs only Python 3.11+.
# Also installs Debian's chromium for the viewer's browser test, where it is missing and we are
# root with apt-get; where it cannot be had, that test skips and the set-up goes on.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.sahifa-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ] || [ constraints.txt -nt "$stamp" ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -c constraints.txt -e '.[test,hf,ray,clusters]'
  touch "$stamp"
fi
if ! command -v chromium >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 \
    && [ "$(id -u)" = 0 ]; then
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      chromium fonts-noto-core >/dev/null; } 2>&1 | tail -n 3 \
    || echo "setup: chromium could not be installed; the browser test will skip" >&2
fi
