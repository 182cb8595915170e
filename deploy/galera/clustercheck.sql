-- HAProxy's health check account (scripts/galera/check.sh): it reads two status variables, nothing else.
CREATE USER IF NOT EXISTS 'clustercheck'@'%';
