#!/usr/bin/env bash
# Build the packaged app: dist/RolePlayTrainer/ (one folder) and dist/RolePlayTrainer-<version>-<os>.zip.
#  1. renders every customer line into assets/audio/ (skipped lines already rendered),
#  2. compiles the Qt translations,
#  3. runs PyInstaller on build_installer.spec (no network access needed),
#  4. zips the folder and prints its size.
# Put Vosk models in assets/models/<lang>/ first to bundle them (see README, "For IT").
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || bash scripts/setup.sh
. .venv/bin/activate
python -m pip install -q -e '.[build]'

if python -m app --help | grep -q "render-audio"; then
  echo "build: rendering customer audio"; python -m app render-audio
fi
if compgen -G "app/ui/translations/*.ts" >/dev/null; then
  echo "build: compiling translations"
  for ts in app/ui/translations/*.ts; do pyside6-lrelease -silent "$ts" -qm "${ts%.ts}.qm"; done
fi

echo "build: PyInstaller"
pyinstaller --noconfirm --clean --log-level WARN build_installer.spec

version="$(python -c 'import app; print(app.__version__)')"
os_name="$(uname -s | tr '[:upper:]' '[:lower:]')"
archive="dist/RolePlayTrainer-${version}-${os_name}.zip"
rm -f "$archive"
(cd dist && python -m zipfile -c "$(basename "$archive")" RolePlayTrainer)
echo "build: dist/RolePlayTrainer $(du -sh dist/RolePlayTrainer | cut -f1) unpacked; $archive $(du -h "$archive" | cut -f1)"
