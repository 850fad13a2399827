#!/usr/bin/env bash
# Refresh the UI translation source from the code (new strings appear as "unfinished" in the .ts),
# then compile the .qm that the app loads. Run after changing user-facing strings in app/ui/.
set -euo pipefail
cd "$(dirname "$0")/.."
TS=app/ui/translations/roleplay_zh_CN.ts
mapfile -t SOURCES < <(find app/ui -name '*.py' | sort)
.venv/bin/pyside6-lupdate -no-obsolete -locations none -source-language en -target-language zh_CN "${SOURCES[@]}" -ts "$TS"
.venv/bin/pyside6-lrelease "$TS" -qm "${TS%.ts}.qm"
