-- Runs unchanged on H2 and PostgreSQL: VARCHAR without a length is unbounded on both, BYTEA is VARBINARY on H2.

CREATE TABLE moat_user (
    tenant_id  VARCHAR(64)  NOT NULL,
    user_id    VARCHAR(128) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant_id, user_id)
);

CREATE TABLE memory (
    id              VARCHAR(36)  NOT NULL PRIMARY KEY,
    tenant_id       VARCHAR(64)  NOT NULL,
    user_id         VARCHAR(128) NOT NULL,
    text            VARCHAR      NOT NULL,
    kind            VARCHAR(16)  NOT NULL,
    occurred_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    session_id      VARCHAR(128),
    metadata        VARCHAR,
    embedding       BYTEA,
    embedding_model VARCHAR(64),
    -- id of the event that last changed this memory: what the index compares to know it is current
    version         BIGINT       NOT NULL
);
CREATE INDEX memory_owner_time ON memory (tenant_id, user_id, occurred_at, id);

-- One row per change of a memory; it outlives the memory it describes until the user is forgotten.
CREATE SEQUENCE memory_event_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE memory_event (
    id         BIGINT       NOT NULL PRIMARY KEY,
    tenant_id  VARCHAR(64)  NOT NULL,
    user_id    VARCHAR(128) NOT NULL,
    memory_id  VARCHAR(36)  NOT NULL,
    type       VARCHAR(8)   NOT NULL,
    before_state VARCHAR,
    after_state  VARCHAR,
    at         TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX memory_event_memory ON memory_event (tenant_id, user_id, memory_id, id);
