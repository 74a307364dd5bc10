-- Lock-in experiments started over the API: their options, progress, outcome and report (JSON).
CREATE TABLE experiment (
    id             VARCHAR(36)  NOT NULL PRIMARY KEY,
    tenant_id      VARCHAR(64)  NOT NULL,
    status         VARCHAR(16)  NOT NULL,
    dataset        VARCHAR(512) NOT NULL,
    options        VARCHAR(4096) NOT NULL,
    sessions_done  INTEGER      NOT NULL,
    sessions_total INTEGER      NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at     TIMESTAMP WITH TIME ZONE,
    finished_at    TIMESTAMP WITH TIME ZONE,
    error          VARCHAR(4096),
    report         TEXT
);
CREATE INDEX experiment_tenant ON experiment (tenant_id, created_at);
