-- Imports too large for one request (docs/API.md, "Import jobs"): the upload is kept in a file of the instance that
-- took it, read in parts; this row says how far it got, and lets any instance show or cancel it.
CREATE TABLE import_job (
    id                   VARCHAR(36)  NOT NULL PRIMARY KEY,
    tenant_id            VARCHAR(64)  NOT NULL,
    user_id              VARCHAR(128) NOT NULL,
    format               VARCHAR(16)  NOT NULL,
    -- QUEUED, CHECKING, IMPORTING, EMBEDDING, then DONE, FAILED, CANCELLED or INTERRUPTED
    status               VARCHAR(16)  NOT NULL,
    bytes                BIGINT       NOT NULL,
    parts_total          INTEGER      NOT NULL,
    parts_done           INTEGER      NOT NULL,
    memories_added       INTEGER      NOT NULL,
    memories_skipped     INTEGER      NOT NULL,
    messages_added       INTEGER      NOT NULL,
    vectors_done         INTEGER      NOT NULL,
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at           TIMESTAMP WITH TIME ZONE,
    -- when every memory of it could be found by BM25 (the vectors still to come)
    searchable_at        TIMESTAMP WITH TIME ZONE,
    finished_at          TIMESTAMP WITH TIME ZONE,
    error                VARCHAR(4096),
    instance_id          VARCHAR(64)  NOT NULL,
    heartbeat_at         TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX import_job_owner ON import_job (tenant_id, user_id, created_at);
