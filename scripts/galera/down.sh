#!/usr/bin/env bash
# Stops HAProxy and the Galera nodes started by up.sh (nothing else).
#
#   scripts/galera/down.sh          # data kept under $GALERA_DIR: up.sh starts the same cluster again
#   scripts/galera/down.sh --wipe   # and deletes $GALERA_DIR (the next up.sh makes a new cluster)
#
# Nodes stop one at a time, node 1 last: the last node out holds every commit and is the one
# marked safe to bootstrap, which is the node up.sh bootstraps from.
source "$(dirname "$0")/lib.sh"

require_root
wipe=0
[ "${1:-}" = "--wipe" ] && wipe=1

if pid="$(haproxy_pid)"; then
  log "stopping HAProxy ($pid)"
  kill "$pid"
fi

stop_node() {
  local n="$1" pid
  pid="$(node_pid "$n")" || return 0
  log "stopping node $n ($pid)"
  kill -CONT "$pid" 2>/dev/null || true # a frozen node cannot stop
  kill -TERM "$pid"
  for _ in $(seq 1 120); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.5
  done
  log "node $n did not stop in 60 s: killing it"
  kill -KILL "$pid" 2>/dev/null || true
}

for n in 3 2 1; do stop_node "$n"; done

if [ "$wipe" = 1 ]; then
  log "deleting $GALERA_DIR"
  rm -rf "$GALERA_DIR"
fi
log "down"
