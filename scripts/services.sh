#!/usr/bin/env bash
# Start the services the tests need, if they are not running yet. Source it: it exports variables.
#  - PulseAudio with a virtual microphone: a null sink "vmic" (16 kHz mono) and a remap source
#    "trainee_mic" that Qt lists as the input "TraineeMic". `paplay --device=vmic x.wav` speaks into it.
#  - PostgreSQL on loopback, with a throw-away database for the storage tests (ROLEPLAY_TEST_PG_URL).

start_virtual_microphone() {
  command -v pulseaudio >/dev/null || { echo "services: pulseaudio not installed" >&2; return 0; }
  export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-/tmp/roleplay-runtime-$(id -u)}"
  mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
  if ! pactl info >/dev/null 2>&1; then
    pulseaudio -D --exit-idle-time=-1 --system=false --disallow-exit 2>/dev/null \
      || pulseaudio -D --exit-idle-time=-1
    for _ in $(seq 50); do pactl info >/dev/null 2>&1 && break; sleep 0.1; done
  fi
  # norewinds=1: without it, PulseAudio 16 rewinds the null sink when a player connects and the
  # first ~1 s of what is "spoken" never reaches the monitor (measured: 5.5 s of a 6.5 s line).
  local sink_module
  sink_module="$(pactl list short modules | awk '$2 == "module-null-sink" && /sink_name=vmic /')"
  if [ -n "$sink_module" ] && ! grep -q "norewinds=1" <<<"$sink_module"; then
    pactl list short modules | awk '$2 == "module-remap-source" && /source_name=trainee_mic /{print $1}' \
      | xargs -r -n1 pactl unload-module
    pactl unload-module "$(cut -f1 <<<"$sink_module")"
    sink_module=""
  fi
  [ -n "$sink_module" ] \
    || pactl load-module module-null-sink sink_name=vmic rate=16000 channels=1 norewinds=1 >/dev/null
  pactl list short sources | grep -q "trainee_mic" \
    || pactl load-module module-remap-source master=vmic.monitor source_name=trainee_mic \
         source_properties=device.description=TraineeMic >/dev/null
  # No start-up delay when a stream opens: keep devices awake.
  pactl unload-module module-suspend-on-idle 2>/dev/null || true
  export PULSE_SERVER="unix:$XDG_RUNTIME_DIR/pulse/native"
}

start_postgresql() {
  local bindir
  bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
  [ -n "$bindir" ] || { echo "services: postgresql not installed" >&2; return 0; }
  local pgdata="${ROLEPLAY_PGDATA:-/tmp/roleplay-pg-$(id -u)}"
  local port="${ROLEPLAY_PGPORT:-54329}"
  local run_as=()
  if [ "$(id -u)" -eq 0 ]; then run_as=(runuser -u postgres --); mkdir -p "$pgdata"; chown postgres "$pgdata"; fi
  if [ ! -f "$pgdata/PG_VERSION" ]; then
    "${run_as[@]}" "$bindir/initdb" -D "$pgdata" -U roleplay --auth=trust -E UTF8 >/dev/null
  fi
  if ! "${run_as[@]}" "$bindir/pg_ctl" -D "$pgdata" status >/dev/null 2>&1; then
    "${run_as[@]}" "$bindir/pg_ctl" -D "$pgdata" -l "$pgdata/server.log" -w \
      -o "-p $port -k /tmp -c listen_addresses=127.0.0.1" start >/dev/null
  fi
  export ROLEPLAY_TEST_PG_URL="postgresql+psycopg://roleplay@127.0.0.1:$port/postgres"
  export ROLEPLAY_PG_BINDIR="$bindir" ROLEPLAY_PGDATA="$pgdata" ROLEPLAY_PGPORT="$port"
}

start_virtual_microphone
start_postgresql
