-- The newest change in the database, for the index-lag gauge (index/IndexMetrics), without a scan.
CREATE INDEX memory_version_idx ON memory (version);
