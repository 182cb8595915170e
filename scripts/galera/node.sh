#!/usr/bin/env bash
# Controls one node of the cluster up.sh started (for fault tests and by hand).
#
#   scripts/galera/node.sh status           # each node: pid, process state, wsrep state, cluster size
#   scripts/galera/node.sh kill N           # SIGKILL: a crash (no shutdown, no goodbye to the cluster)
#   scripts/galera/node.sh freeze N         # SIGSTOP: a hung node (its sockets stay open, nothing answers)
#   scripts/galera/node.sh thaw N           # SIGCONT: it answers again (and rejoins if it was evicted)
#   scripts/galera/node.sh start N          # starts a stopped or killed node; it rejoins (IST or SST)
#   scripts/galera/node.sh restart N        # clean stop, then start and rejoin
#   scripts/galera/node.sh wait N [SECONDS] # waits until node N is Synced
#
# start, restart and wait return once the node is Synced. The whole cluster down is up.sh's job.
source "$(dirname "$0")/lib.sh"

usage() {
  sed -n '2,12p' "$0" >&2
  exit 2
}

node_arg() {
  [[ "${1:-}" =~ ^[123]$ ]] || usage
  echo "$1"
}

# R running, T stopped by a signal (frozen), ... (the process state in /proc/PID/stat).
process_state() { awk '{print $3}' "/proc/$1/stat" 2>/dev/null || echo "?"; }

cmd="${1:-}"
case "$cmd" in
  status)
    for n in "${GALERA_NODES[@]}"; do
      if pid="$(node_pid "$n")"; then
        if [ "$(process_state "$pid")" = T ]; then
          printf 'node%s  pid %-7s frozen\n' "$n" "$pid"
        else
          printf 'node%s  pid %-7s %-18s cluster size %s\n' "$n" "$pid" "$(node_state "$n")" "$(node_cluster_size "$n")"
        fi
      else
        printf 'node%s  down\n' "$n"
      fi
    done
    if haproxy_pid >/dev/null; then
      # The stats page's CSV: proxy name, server name, ..., status (column 18).
      active="$(curl -s "http://127.0.0.1:$HAPROXY_STATS_PORT/;csv" 2>/dev/null |
        awk -F, '$1 == "galera" && $2 ~ /^node/ {printf "%s %s, ", $2, $18}')"
      echo "haproxy 127.0.0.1:$HAPROXY_PORT  ${active%, }"
    else
      echo "haproxy down"
    fi
    ;;
  kill)
    require_root
    n="$(node_arg "${2:-}")"
    pid="$(node_pid "$n")" || die "node $n is not running"
    log "SIGKILL node $n ($pid)"
    kill -KILL "$pid"
    ;;
  freeze)
    require_root
    n="$(node_arg "${2:-}")"
    pid="$(node_pid "$n")" || die "node $n is not running"
    log "SIGSTOP node $n ($pid)"
    kill -STOP "$pid"
    ;;
  thaw)
    require_root
    n="$(node_arg "${2:-}")"
    pid="$(node_pid "$n")" || die "node $n is not running"
    log "SIGCONT node $n ($pid)"
    kill -CONT "$pid"
    ;;
  start)
    require_root
    n="$(node_arg "${2:-}")"
    write_node_cnf "$n"
    init_node_dir "$n"
    start_node "$n"
    wait_synced "$n"
    ;;
  restart)
    require_root
    n="$(node_arg "${2:-}")"
    if pid="$(node_pid "$n")"; then
      log "stopping node $n ($pid)"
      kill -CONT "$pid"
      kill -TERM "$pid"
      for _ in $(seq 1 120); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.5
      done
      kill -0 "$pid" 2>/dev/null && die "node $n did not stop in 60 s"
    fi
    write_node_cnf "$n"
    start_node "$n"
    wait_synced "$n"
    ;;
  wait)
    n="$(node_arg "${2:-}")"
    wait_synced "$n" "${3:-180}"
    ;;
  *) usage ;;
esac
