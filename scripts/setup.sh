#!/usr/bin/env bash
# Set up everything on a fresh Debian/Ubuntu machine: system packages, a virtualenv, the app.
# Idempotent: safe to run again. Uses sudo when not root.
set -euo pipefail
cd "$(dirname "$0")/.."

SYSTEM_PACKAGES=(
  python3 python3-venv python3-pip
  espeak-ng libespeak-ng1                      # text-to-speech (pyttsx3's Linux driver)
  pulseaudio pulseaudio-utils sox              # audio devices, virtual microphone, WAV tools
  xvfb libegl1 libgl1 libxkbcommon-x11-0 libxcb-cursor0 libfontconfig1 libdbus-1-3  # Qt
  libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-randr0 libxcb-xkb1  # Qt on X11
  libxcb-xinerama0
  fonts-noto-cjk                               # Chinese text in the UI
  postgresql                                   # the storage tests also run against PostgreSQL
  poppler-utils                                # pdftotext/pdffonts: the PDF report tests read it back
  libreoffice-calc-nogui                       # the CSV export test opens the file as a spreadsheet program would
)

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
for pkg in "${SYSTEM_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing system packages: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[test]'
echo "setup: done (.venv ready)"
