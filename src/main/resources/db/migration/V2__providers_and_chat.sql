-- A user's pinned provider; null means the configured default.
ALTER TABLE moat_user ADD COLUMN provider VARCHAR(64);

-- Every provider call: who answered, tokens, cost and latency.
CREATE SEQUENCE provider_call_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE provider_call (
    id            BIGINT       NOT NULL PRIMARY KEY,
    tenant_id     VARCHAR(64)  NOT NULL,
    user_id       VARCHAR(128) NOT NULL,
    provider      VARCHAR(64)  NOT NULL,
    model         VARCHAR(128) NOT NULL,
    outcome       VARCHAR(16)  NOT NULL,
    input_tokens  BIGINT       NOT NULL,
    output_tokens BIGINT       NOT NULL,
    cost_usd      DOUBLE PRECISION NOT NULL,
    latency_ms    BIGINT       NOT NULL,
    at            TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX provider_call_owner ON provider_call (tenant_id, user_id, at);

-- Chat sessions and their transcripts.
CREATE TABLE chat_session (
    id         VARCHAR(36)  NOT NULL PRIMARY KEY,
    tenant_id  VARCHAR(64)  NOT NULL,
    user_id    VARCHAR(128) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX chat_session_owner ON chat_session (tenant_id, user_id, updated_at);

CREATE SEQUENCE chat_message_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE chat_message (
    id         BIGINT       NOT NULL PRIMARY KEY,
    session_id VARCHAR(36)  NOT NULL,
    tenant_id  VARCHAR(64)  NOT NULL,
    user_id    VARCHAR(128) NOT NULL,
    role       VARCHAR(16)  NOT NULL,
    text       VARCHAR      NOT NULL,
    provider   VARCHAR(64),
    model      VARCHAR(128),
    memory_id  VARCHAR(36),
    at         TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX chat_message_session ON chat_message (session_id, id);
