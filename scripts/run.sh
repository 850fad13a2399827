#!/usr/bin/env bash
# Set up (scripts/setup.sh), then start the app. With no display, run the headless end-to-end demo.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
. .venv/bin/activate
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && python -m app --help | grep -q " gui "; then
  exec python -m app gui "$@"
fi
echo "run: no display found; running the headless end-to-end demo (python -m app demo)"
exec python -m app demo "$@"
