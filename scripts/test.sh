#!/usr/bin/env bash
# Set up (scripts/setup.sh), then run every check CI runs: ruff, the import contract, mypy, pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
. .venv/bin/activate
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
export QT_LOGGING_RULES="${QT_LOGGING_RULES:-qt.multimedia.symbolsresolver=false;qt.multimedia.ffmpeg=false}"
. scripts/services.sh
export ROLEPLAY_REQUIRE_PG=1  # the storage tests must run on PostgreSQL too, never skip it
echo "== ruff"; ruff check app tests bench
echo "== import contract"; lint-imports --no-cache
echo "== types"; mypy
echo "== pytest"; python -m pytest -q --durations=20 "$@"
