// Every connection the suite's own in-process servers open reads through to the cluster's
// latest commit (db/data-source.ts DB_SYNC_WAIT): a fixture written through one node is
// seen by a check made through another. Server processes get their own values (cluster.ts).
process.env.DB_SYNC_WAIT = "1";
