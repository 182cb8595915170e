#!/usr/bin/env bash
# HAProxy's health check of one Galera node (external-check): exit 0 only when the node is
# Synced (wsrep_local_state = 4) and ready (wsrep_ready = ON). A donor, a joiner, a node
# outside the primary component, a frozen or dead node all fail it.
# HAProxy calls it as: check.sh <proxy_addr> <proxy_port> <server_addr> <server_port>
# (also handy by hand: check.sh - - 127.0.0.1 4407 && echo up).
host="${3:?server address}"
port="${4:?server port}"
# `timeout`: a SIGSTOPped node accepts the TCP connection and then never answers.
state="$(timeout 2 mariadb --no-defaults --protocol=tcp -h "$host" -P "$port" -u clustercheck --connect-timeout=1 -N -B -e \
  "SELECT GROUP_CONCAT(VARIABLE_VALUE ORDER BY VARIABLE_NAME) FROM information_schema.GLOBAL_STATUS
   WHERE VARIABLE_NAME IN ('WSREP_LOCAL_STATE', 'WSREP_READY')" 2>/dev/null)"
# ORDER BY name: WSREP_LOCAL_STATE, then WSREP_READY.
[ "$state" = "4,ON" ]
