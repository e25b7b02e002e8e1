#!/usr/bin/env bash
# A headless desktop session for desktop robots: Xvfb on a free display, a private D-Bus session bus, and the
# AT-SPI accessibility bus, which org.a11y.Bus (at-spi2-core) starts on demand when the first app asks for it.
#
#   eval "$(tools/desktop-session.sh start)"     prints export lines for DISPLAY, DBUS_SESSION_BUS_ADDRESS and
#                                                AUTOMATION_DESKTOP_SESSION (the state folder)
#   tools/desktop-session.sh stop                stops what start started (uses AUTOMATION_DESKTOP_SESSION)
#   tools/desktop-session.sh run -- CMD ...      runs CMD inside a fresh session, tears it down after, exits with CMD's code
#   tools/desktop-session.sh preflight --pid PID [--timeout SECONDS]
#                                                waits until process PID registered an application with at least one
#                                                window on the accessibility bus; a clear message and exit 1 otherwise
#
# NO_AT_BRIDGE must stay unset: GTK 3 apps load the AT-SPI bridge (libatk-adaptor) themselves only without it.
# Packages (Debian): xvfb dbus at-spi2-core libatk-adaptor (plus python3-gi gir1.2-gtk-3.0 for the legacy app).
set -uo pipefail

die() { echo "desktop-session: $*" >&2; exit 1; }

now_ms() { date +%s%3N; }

# Every process this script starts shares one session id (setsid), so stop can end exactly those processes,
# including the ones the session bus starts on demand (at-spi-bus-launcher, its bus, at-spi2-registryd).
session_pids() {
  local sid=$1 f line rest
  # Read from /proc (no procps needed). Zombies are left out: they are already dead (pid 1 of a container may never
  # reap them). Fields after "(comm) ": state ppid pgrp session ...
  for f in /proc/[0-9]*/stat; do
    { read -r line < "$f"; } 2>/dev/null || continue
    rest=${line##*) }
    # shellcheck disable=SC2086
    set -- $rest
    [ "$1" != Z ] && [ "$4" = "$sid" ] && { f=${f#/proc/}; echo "${f%/stat}"; }
  done
  return 0
}

kill_session() {
  local sid=$1 pids deadline
  [ -n "$sid" ] || return 0
  pids=$(session_pids "$sid")
  [ -n "$pids" ] || return 0
  # shellcheck disable=SC2086
  kill -TERM $pids 2>/dev/null
  deadline=$(( $(now_ms) + 3000 ))
  while [ -n "$(session_pids "$sid")" ] && [ "$(now_ms)" -lt "$deadline" ]; do sleep 0.05; done
  pids=$(session_pids "$sid")
  # shellcheck disable=SC2086
  [ -z "$pids" ] || kill -KILL $pids 2>/dev/null
  deadline=$(( $(now_ms) + 2000 ))
  while [ -n "$(session_pids "$sid")" ] && [ "$(now_ms)" -lt "$deadline" ]; do sleep 0.05; done
}

stop_state() {
  local state=$1
  [ -d "$state" ] || return 0
  # The bus first (and what it started), then the X server the apps draw on.
  [ -f "$state/dbus.pid" ] && kill_session "$(cat "$state/dbus.pid")"
  [ -f "$state/xvfb.pid" ] && kill_session "$(cat "$state/xvfb.pid")"
  if [ -f "$state/display" ]; then
    local n
    n=$(cat "$state/display")
    # Xvfb removes its lock and socket on a clean exit; after a KILL they would block the number for others.
    if [ -f "/tmp/.X$n-lock" ] && [ "$(tr -d ' \n' < "/tmp/.X$n-lock")" = "$(cat "$state/xvfb.pid" 2>/dev/null)" ]; then
      rm -f "/tmp/.X$n-lock" "/tmp/.X11-unix/X$n"
    fi
  fi
  rm -rf "$state"
}

start_xvfb() {
  local state=$1 n pid deadline
  for n in $(seq 90 199); do
    [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ] && continue
    setsid Xvfb ":$n" -noreset -screen 0 1280x1024x24 -nolisten tcp </dev/null >"$state/xvfb.log" 2>&1 &
    pid=$!
    deadline=$(( $(now_ms) + 15000 ))
    while kill -0 "$pid" 2>/dev/null && [ "$(now_ms)" -lt "$deadline" ]; do
      # Ours when the socket is there and the lock names our process (another session may race for the number).
      if [ -S "/tmp/.X11-unix/X$n" ] && [ "$(tr -d ' \n' < "/tmp/.X$n-lock" 2>/dev/null)" = "$pid" ]; then
        echo "$pid" > "$state/xvfb.pid"
        echo "$n" > "$state/display"
        return 0
      fi
      sleep 0.02
    done
    if kill -0 "$pid" 2>/dev/null; then
      kill -KILL "$pid" 2>/dev/null
      die "Xvfb :$n did not open its socket within 15 s (log: $(tail -n 3 "$state/xvfb.log" | tr '\n' ' '))"
    fi
    wait "$pid" 2>/dev/null
    # It exited: most likely another session took this number between our check and its start; try the next one.
  done
  die "no free X display between :90 and :199 (see /tmp/.X*-lock), or Xvfb cannot start: $(tail -n 3 "$state/xvfb.log" 2>/dev/null | tr '\n' ' ')"
}

start_dbus() {
  local state=$1 out address pid
  cat > "$state/session.conf" <<EOF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <keep_umask/>
  <listen>unix:path=$state/bus</listen>
  <!-- Only org.a11y.Bus (at-spi2-core) can be started on demand: no portals, gvfs or dconf daemons, which would
       outlive the session (the document portal mounts a FUSE file system and runs fusermount3 in its own session). -->
  <servicedir>$state/services</servicedir>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
EOF
  mkdir -p "$state/services"
  local service
  for service in /usr/local/share/dbus-1/services/org.a11y.Bus.service /usr/share/dbus-1/services/org.a11y.Bus.service; do
    [ -f "$service" ] && { cp "$service" "$state/services/"; break; }
  done
  [ -f "$state/services/org.a11y.Bus.service" ] || die "org.a11y.Bus.service not found in /usr/share/dbus-1/services; install it: apt-get install at-spi2-core"
  # The services the bus activates inherit this environment: they need the display and a private runtime folder.
  out=$(DISPLAY="$DISPLAY" XDG_RUNTIME_DIR="$state/runtime" \
        setsid dbus-daemon --config-file="$state/session.conf" --fork --print-address=1 --print-pid=1 </dev/null 2>"$state/dbus.log") \
    || die "dbus-daemon did not start: $(tr '\n' ' ' < "$state/dbus.log")"
  address=$(sed -n 1p <<<"$out")
  pid=$(sed -n 2p <<<"$out")
  [ -n "$address" ] && [ -n "$pid" ] || die "dbus-daemon printed no address/pid: $out"
  echo "$pid" > "$state/dbus.pid"
  echo "$address" > "$state/dbus.address"
}

cmd_start() {
  command -v Xvfb >/dev/null || die "Xvfb not found; install it: apt-get install xvfb"
  command -v dbus-daemon >/dev/null || die "dbus-daemon not found; install it: apt-get install dbus"
  [ -f /usr/libexec/at-spi-bus-launcher ] || die "at-spi-bus-launcher not found; install it: apt-get install at-spi2-core libatk-adaptor"
  local state
  state=$(mktemp -d "${TMPDIR:-/tmp}/desktop-session.XXXXXX") || die "cannot create a state folder in ${TMPDIR:-/tmp}"
  chmod 700 "$state"
  ( start_xvfb "$state" ) || { stop_state "$state"; exit 1; }
  export DISPLAY=":$(cat "$state/display")"
  # A private runtime folder for the services the bus starts: the AT-SPI bus puts its socket there, so two sessions of
  # one user never share it (it would otherwise be ~/.cache/at-spi/bus for root). Callers without a usable runtime
  # folder (root, or a user without a login session) get it too.
  mkdir -p "$state/runtime" && chmod 700 "$state/runtime"
  if [ -z "${XDG_RUNTIME_DIR:-}" ] || [ ! -w "${XDG_RUNTIME_DIR:-/nonexistent}" ]; then
    echo "$state/runtime" > "$state/runtime.dir"
  fi
  ( start_dbus "$state" ) || { stop_state "$state"; exit 1; }
  printf 'export DISPLAY=%q; export DBUS_SESSION_BUS_ADDRESS=%q; export AUTOMATION_DESKTOP_SESSION=%q;' \
    "$DISPLAY" "$(cat "$state/dbus.address")" "$state"
  [ -f "$state/runtime.dir" ] && printf ' export XDG_RUNTIME_DIR=%q;' "$state/runtime"
  printf ' unset NO_AT_BRIDGE\n'
}

cmd_stop() {
  local state=${AUTOMATION_DESKTOP_SESSION:-}
  [ -n "$state" ] || die "AUTOMATION_DESKTOP_SESSION is not set; run stop in the shell where you ran: eval \"\$(tools/desktop-session.sh start)\""
  [ -d "$state" ] || { echo "desktop-session: $state is already gone; nothing to stop" >&2; return 0; }
  [ -f "$state/xvfb.pid" ] || die "$state is not a desktop session folder (no xvfb.pid)"
  stop_state "$state"
}

cmd_run() {
  [ "${1:-}" = "--" ] && shift
  [ $# -gt 0 ] || die "usage: desktop-session.sh run -- COMMAND [ARGS...]"
  local env rc
  env=$(cmd_start) || exit 1
  eval "$env"
  trap 'stop_state "$AUTOMATION_DESKTOP_SESSION"' EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  "$@"
  rc=$?
  exit "$rc"
}

# Prints the body of a dbus-send --print-reply=literal answer, or nothing on error.
a11y_call() {
  local address=$1; shift
  dbus-send --bus="$address" --print-reply=literal --reply-timeout=1000 "$@" 2>/dev/null
}

a11y_address() {
  if [ -n "${AT_SPI_BUS_ADDRESS:-}" ]; then echo "$AT_SPI_BUS_ADDRESS"; return 0; fi
  dbus-send --session --print-reply=literal --reply-timeout=5000 --dest=org.a11y.Bus /org/a11y/bus org.a11y.Bus.GetAddress 2>/dev/null \
    | tr -d ' \n'
}

# Running means it exists and is not a zombie (an exited child its parent has not reaped yet).
process_running() {
  local line
  { read -r line < "/proc/$1/stat"; } 2>/dev/null || return 1
  line=${line##*) }
  [ "${line%% *}" != Z ]
}

cmd_preflight() {
  local pid="" timeout=10
  while [ $# -gt 0 ]; do
    case $1 in
      --pid) pid=${2:-}; shift 2 ;;
      --timeout) timeout=${2:-}; shift 2 ;;
      *) die "unknown preflight argument '$1'; usage: desktop-session.sh preflight --pid PID [--timeout SECONDS]" ;;
    esac
  done
  [[ "$pid" =~ ^[0-9]+$ ]] || die "preflight needs --pid PID (a process id), got '$pid'"
  [[ "$timeout" =~ ^[0-9]+([.][0-9]+)?$ ]] || die "--timeout must be a number of seconds, got '$timeout'"
  [ -n "${DISPLAY:-}" ] && [ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ] \
    || die "DISPLAY and DBUS_SESSION_BUS_ADDRESS must be set; run inside a session: eval \"\$(tools/desktop-session.sh start)\""
  local deadline address="" children name path app_pid count last="no application on the accessibility bus belongs to process $pid"
  deadline=$(( $(now_ms) + $(awk -v t="$timeout" 'BEGIN { printf "%d", t * 1000 }') ))
  while :; do
    process_running "$pid" || {
      echo "desktop-session: preflight failed: process $pid is not running (DISPLAY=$DISPLAY). Start the application inside the session and pass its pid." >&2
      exit 1; }
    [ -n "$address" ] || address=$(a11y_address)
    if [ -z "$address" ]; then
      last="the accessibility bus did not answer (org.a11y.Bus.GetAddress on the session bus $DBUS_SESSION_BUS_ADDRESS failed; is at-spi2-core installed?)"
    else
      # Registry root children: "array [ struct { :1.5 /org/a11y/atspi/accessible/root } ... ]" as literal words.
      children=$(a11y_call "$address" --dest=org.a11y.atspi.Registry /org/a11y/atspi/accessible/root org.a11y.atspi.Accessible.GetChildren \
        | tr -s ' \n' '\n\n' | grep -E '^(:|/)')
      while read -r name && read -r path; do
        app_pid=$(a11y_call "$address" --dest=org.freedesktop.DBus /org/freedesktop/DBus org.freedesktop.DBus.GetConnectionUnixProcessID "string:$name" \
          | awk '{ print $NF }')
        [ "$app_pid" = "$pid" ] || continue
        count=$(a11y_call "$address" --dest="$name" "$path" org.freedesktop.DBus.Properties.Get string:org.a11y.atspi.Accessible string:ChildCount \
          | awk '{ print $NF }')
        if [[ "$count" =~ ^[0-9]+$ ]] && [ "$count" -gt 0 ]; then
          echo "desktop-session: process $pid is on the accessibility bus as $name with $count window(s)"
          return 0
        elif [[ "$count" =~ ^[0-9]+$ ]]; then
          last="process $pid registered an application ($name) but it has no windows yet"
        else
          last="process $pid registered an application ($name) but it does not answer on the accessibility bus (hung, or stopped with SIGSTOP?)"
        fi
      done <<<"$children"
    fi
    [ "$(now_ms)" -lt "$deadline" ] || break
    sleep 0.1
  done
  cat >&2 <<EOF
desktop-session: preflight failed after ${timeout} s: $last (DISPLAY=$DISPLAY).
  The process must be a GTK 3 (or Qt with accessibility on) application started inside this session with NO_AT_BRIDGE unset,
  with libatk-adaptor installed (apt-get install at-spi2-core libatk-adaptor), and it must show a window.
EOF
  exit 1
}

case ${1:-} in
  start) shift; cmd_start "$@" ;;
  stop) shift; cmd_stop "$@" ;;
  run) shift; cmd_run "$@" ;;
  preflight) shift; cmd_preflight "$@" ;;
  *) echo "usage: desktop-session.sh start | stop | run -- COMMAND... | preflight --pid PID [--timeout SECONDS]" >&2; exit 2 ;;
esac
