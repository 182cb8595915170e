# Shared settings and helpers of the Galera scripts (sourced, not run).
#
# A 3-node MariaDB Galera cluster on loopback, from Debian's packages (mariadb-server, galera-4,
# rsync, haproxy), for tests and trials on one machine: never a production layout.
#
#   node   SQL    group comm (gcomm)   IST    SST (rsync)
#   1      4407   4567                 4568   4569
#   2      4408   4577                 4578   4579
#   3      4409   4587                 4588   4589
#   HAProxy 127.0.0.1:4406 (one node at a time), its stats page http://127.0.0.1:8404/ (;csv for CSV)
#
# Data, sockets, logs and pid files live under $GALERA_DIR (default /tmp/team-billing-galera).
# The MariaDB on 3306 is a different server and is never touched.

set -euo pipefail

GALERA_DIR="${GALERA_DIR:-/tmp/team-billing-galera}"
GALERA_CLUSTER_NAME="${GALERA_CLUSTER_NAME:-team-billing}"
GALERA_PROVIDER="${GALERA_PROVIDER:-/usr/lib/galera/libgalera_smm.so}"
HAPROXY_PORT="${HAPROXY_PORT:-4406}"
HAPROXY_STATS_PORT="${HAPROXY_STATS_PORT:-8404}"
GALERA_NODES=(1 2 3)
# shellcheck disable=SC2034 # used by up.sh
GALERA_SCRIPTS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

sql_port() { echo $((4406 + $1)); }
gcomm_port() { echo $((4557 + 10 * $1)); }
ist_port() { echo $((4558 + 10 * $1)); }
sst_port() { echo $((4559 + 10 * $1)); }

node_dir() { echo "$GALERA_DIR/node$1"; }
node_cnf() { echo "$GALERA_DIR/node$1.cnf"; }
node_sock() { echo "$GALERA_DIR/node$1.sock"; }
node_pidfile() { echo "$GALERA_DIR/node$1.pid"; }
node_log() { echo "$GALERA_DIR/node$1.err"; }

log() { printf '[galera] %s\n' "$*" >&2; }
die() {
  log "error: $*"
  exit 1
}

require_root() {
  [ "$(id -u)" = 0 ] || die "run as root: the nodes are started as the mysql user"
}

# The packages the scripts need; installed with apt-get when missing.
ensure_packages() {
  local missing=()
  command -v mariadbd >/dev/null || missing+=(mariadb-server)
  [ -f "$GALERA_PROVIDER" ] || missing+=(galera-4)
  command -v rsync >/dev/null || missing+=(rsync)
  command -v haproxy >/dev/null || missing+=(haproxy)
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]} (Debian packages)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

# The pid of node N's mariadbd when it is running (stopped by SIGSTOP counts as running).
node_pid() {
  local pidfile pid
  pidfile="$(node_pidfile "$1")"
  [ -f "$pidfile" ] || return 1
  pid="$(cat "$pidfile" 2>/dev/null)" || return 1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  # A reused pid is not ours: check it is a mariadbd started with this node's config.
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "--defaults-file=$(node_cnf "$1")" || return 1
  echo "$pid"
}

node_running() { node_pid "$1" >/dev/null; }

# Runs SQL on node N over its socket as root; prints tab-separated rows. Gives up after 3 s.
node_sql() {
  local n="$1"
  shift
  timeout 3 mariadb --no-defaults -S "$(node_sock "$n")" -uroot -N -B -e "$*" 2>/dev/null
}

# wsrep_local_state_comment of node N (Synced, Donor/Desynced, Joining, ...), or "down".
node_state() {
  node_sql "$1" "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'WSREP_LOCAL_STATE_COMMENT'" ||
    echo down
}

node_cluster_size() {
  node_sql "$1" "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'WSREP_CLUSTER_SIZE'" || echo 0
}

# wsrep_cluster_conf_id of node N: the number of the cluster view it is in (empty if it does not answer).
node_view() {
  node_sql "$1" "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'WSREP_CLUSTER_CONF_ID'" || true
}

# True when node N is Synced in the same cluster view as every other node that answers. (A node
# just thawed from SIGSTOP still says Synced in the view it was frozen in, until it learns it was
# evicted and rejoins.)
node_synced_in_view() {
  local n="$1" view m
  [ "$(node_state "$n")" = Synced ] || return 1
  view="$(node_view "$n")"
  for m in "${GALERA_NODES[@]}"; do
    [ "$m" = "$n" ] && continue
    node_running "$m" || continue
    local other
    other="$(node_view "$m")"
    [ -z "$other" ] || [ "$other" = "$view" ] || return 1
  done
}

# Waits (up to $2 seconds, default 180) until node N is Synced in the cluster's current view.
wait_synced() {
  local n="$1" limit="${2:-180}" start=$SECONDS
  while true; do
    node_synced_in_view "$n" && return 0
    node_running "$n" || die "node $n exited while starting: see $(node_log "$n")"
    [ $((SECONDS - start)) -lt "$limit" ] || die "node $n not Synced after ${limit}s (state: $(node_state "$n")): see $(node_log "$n")"
    sleep 0.5
  done
}

# Writes node N's option file (read with --defaults-file only: /etc/mysql is never read).
write_node_cnf() {
  local n="$1" peers=() m
  for m in "${GALERA_NODES[@]}"; do peers+=("127.0.0.1:$(gcomm_port "$m")"); done
  cat >"$(node_cnf "$n")" <<EOF
# Galera node $n of $GALERA_CLUSTER_NAME (written by scripts/galera/up.sh)
[mariadbd]
user                     = mysql
datadir                  = $(node_dir "$n")
socket                   = $(node_sock "$n")
pid-file                 = $(node_pidfile "$n")
log-error                = $(node_log "$n")
port                     = $(sql_port "$n")
bind-address             = 127.0.0.1
skip-name-resolve
character-set-server     = utf8mb4
collation-server         = utf8mb4_unicode_ci
max_connections          = 400
innodb_buffer_pool_size  = 128M
# What Galera requires: row-based replication, InnoDB, interleaved auto-increment locks.
binlog_format            = ROW
default_storage_engine   = InnoDB
innodb_autoinc_lock_mode = 2
# The cluster keeps a commit on every node; a node's own log is flushed once a second
# (Galera's usual setting: a killed node gets what it missed back from the others).
innodb_flush_log_at_trx_commit = 2

wsrep_on                 = ON
wsrep_provider           = $GALERA_PROVIDER
wsrep_cluster_name       = $GALERA_CLUSTER_NAME
wsrep_cluster_address    = gcomm://$(IFS=,; echo "${peers[*]}")
wsrep_node_name          = node$n
wsrep_node_address       = 127.0.0.1:$(gcomm_port "$n")
wsrep_node_incoming_address = 127.0.0.1:$(sql_port "$n")
wsrep_provider_options   = "gmcast.listen_addr=tcp://127.0.0.1:$(gcomm_port "$n");ist.recv_addr=127.0.0.1:$(ist_port "$n");gcache.size=64M"
wsrep_sst_method         = rsync
wsrep_sst_receive_address = 127.0.0.1:$(sst_port "$n")
wsrep_slave_threads      = 2
EOF
}

# Creates node N's data directory (system tables) when it has none. A joiner's is replaced
# by the donor's copy (SST) anyway; it only needs to let mariadbd start.
init_node_dir() {
  local dir
  dir="$(node_dir "$1")"
  [ -d "$dir/mysql" ] && return 0
  mkdir -p "$dir"
  chown mysql:mysql "$dir"
  mariadb-install-db --no-defaults --user=mysql --datadir="$dir" --auth-root-authentication-method=socket \
    --skip-test-db >"$GALERA_DIR/node$1.install.log" 2>&1 || die "mariadb-install-db failed: see $GALERA_DIR/node$1.install.log"
}

# Starts node N's mariadbd in the background as the mysql user (it drops root itself);
# extra arguments go to mariadbd (--wsrep-new-cluster to bootstrap).
start_node() {
  local n="$1"
  shift
  node_running "$n" && return 0
  rm -f "$(node_pidfile "$n")"
  log "starting node $n $*"
  setsid nohup mariadbd --defaults-file="$(node_cnf "$n")" "$@" >>"$(node_log "$n")" 2>&1 </dev/null &
  # The pid file appears once the server is up enough to write it.
  for _ in $(seq 1 100); do
    node_running "$n" && return 0
    sleep 0.2
  done
  die "node $n did not start: see $(node_log "$n")"
}

haproxy_pidfile() { echo "$GALERA_DIR/haproxy.pid"; }

haproxy_pid() {
  local pid
  pid="$(cat "$(haproxy_pidfile)" 2>/dev/null)" || return 1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "$GALERA_DIR/haproxy.cfg" || return 1
  echo "$pid"
}
