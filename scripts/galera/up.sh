#!/usr/bin/env bash
# Brings up (or completes) the 3-node Galera cluster on loopback and HAProxy in front of it.
# Idempotent: nodes already running are left alone, missing ones are started and join.
#
#   sudo scripts/galera/up.sh           # then: mysql://root@127.0.0.1:4406/<db> (HAProxy)
#                                       #   or a node directly: 127.0.0.1:4407, :4408, :4409
#   GALERA_DIR=/somewhere scripts/galera/up.sh
#
# When no node is running, node 1 bootstraps the cluster (--wsrep-new-cluster) from its data
# (a new cluster on the first run), then nodes 2 and 3 join it one at a time (rsync SST or
# IST from a donor). It waits until wsrep_cluster_size = 3 and every node is Synced, then
# starts HAProxy on 127.0.0.1:$HAPROXY_PORT: one node at a time takes the traffic (the others
# are `backup`), chosen by check.sh (Synced and ready), and kept after a fail-over.
# See lib.sh for the ports; down.sh stops everything; node.sh kills, freezes, restarts a node.
source "$(dirname "$0")/lib.sh"

require_root
ensure_packages
mkdir -p "$GALERA_DIR"
chmod 755 "$GALERA_DIR"
chown mysql:mysql "$GALERA_DIR" # sockets and pid files are written by the mysql user

for n in "${GALERA_NODES[@]}"; do write_node_cnf "$n"; done

running=()
for n in "${GALERA_NODES[@]}"; do node_running "$n" && running+=("$n"); done

if [ ${#running[@]} -eq 0 ]; then
  # A new cluster, or the whole cluster was stopped: node 1 starts it again from its own
  # data. (After a clean down.sh every node has the same last commit, so any node may.)
  init_node_dir 1
  grastate="$(node_dir 1)/grastate.dat"
  [ -f "$grastate" ] && sed -i 's/^safe_to_bootstrap: 0/safe_to_bootstrap: 1/' "$grastate"
  start_node 1 --wsrep-new-cluster
  wait_synced 1
  # Accounts, created once and replicated to the joiners by SST: root over TCP from loopback
  # without a password (as the MariaDB that tests use on 3306), and the health check's account.
  node_sql 1 "CREATE USER IF NOT EXISTS 'root'@'127.0.0.1';
    GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;
    CREATE USER IF NOT EXISTS 'clustercheck'@'127.0.0.1';" || die "could not create the accounts on node 1"
  running=(1)
fi

# Joiners one at a time: a donor is desynced while it sends its copy.
for n in "${GALERA_NODES[@]}"; do
  node_running "$n" && continue
  init_node_dir "$n"
  start_node "$n"
  wait_synced "$n"
done

for n in "${GALERA_NODES[@]}"; do
  wait_synced "$n" 60
  size="$(node_cluster_size "$n")"
  [ "$size" = "${#GALERA_NODES[@]}" ] || die "node $n sees a cluster of $size, not ${#GALERA_NODES[@]}"
done
log "cluster '$GALERA_CLUSTER_NAME': ${#GALERA_NODES[@]} nodes, all Synced"

# HAProxy: one node at a time (others `backup`), the active one kept after a fail-over (the
# one-entry stick table), client connections to a node cut when its check fails, so pooled
# connections reconnect to the next node at once instead of waiting on a dead or frozen one.
cat >"$GALERA_DIR/haproxy.cfg" <<EOF
# Written by scripts/galera/up.sh
global
  daemon
  pidfile $(haproxy_pidfile)
  maxconn 2000
  # check.sh runs as an external program.
  external-check
  insecure-fork-wanted

defaults
  mode tcp
  timeout connect 2s
  # Pooled connections may stay idle for long; a frozen node is the application's
  # DB_QUERY_TIMEOUT_MS to catch, or the check's to cut.
  timeout client 8h
  timeout server 8h
  timeout check 3s

listen galera
  bind 127.0.0.1:$HAPROXY_PORT
  option external-check
  external-check path "/usr/bin:/bin"
  external-check command $GALERA_SCRIPTS/check.sh
  stick-table type ip size 1
  stick on dst
  default-server inter 1s downinter 1s rise 2 fall 2 on-marked-down shutdown-sessions
$(for n in "${GALERA_NODES[@]}"; do
    printf '  server node%s 127.0.0.1:%s check%s\n' "$n" "$(sql_port "$n")" "$([ "$n" = 1 ] || echo ' backup')"
  done)

listen stats
  mode http
  bind 127.0.0.1:$HAPROXY_STATS_PORT
  stats enable
  stats uri /
  stats refresh 2s
EOF
haproxy -c -q -f "$GALERA_DIR/haproxy.cfg" || die "invalid $GALERA_DIR/haproxy.cfg"
if ! haproxy_pid >/dev/null; then
  log "starting HAProxy on 127.0.0.1:$HAPROXY_PORT"
  haproxy -f "$GALERA_DIR/haproxy.cfg"
fi

# Ready when a query through HAProxy reaches a Synced node.
for _ in $(seq 1 30); do
  if state="$(timeout 3 mariadb --no-defaults --protocol=tcp -h 127.0.0.1 -P "$HAPROXY_PORT" -uroot -N -B -e \
    "SELECT CONCAT(@@wsrep_node_name, ' ', VARIABLE_VALUE) FROM information_schema.GLOBAL_STATUS
       WHERE VARIABLE_NAME = 'WSREP_LOCAL_STATE_COMMENT'" 2>/dev/null)" && [[ "$state" == *Synced ]]; then
    log "HAProxy on 127.0.0.1:$HAPROXY_PORT -> ${state% *}"
    log "ready: mysql://root@127.0.0.1:$HAPROXY_PORT (HAProxy), nodes on 127.0.0.1:4407-4409"
    exit 0
  fi
  sleep 1
done
die "HAProxy on 127.0.0.1:$HAPROXY_PORT does not reach a Synced node (stats: http://127.0.0.1:$HAPROXY_STATS_PORT/)"
