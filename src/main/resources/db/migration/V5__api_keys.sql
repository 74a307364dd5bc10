-- API keys: stored as the SHA-256 of the key (a random 256-bit secret, so a fast hash suffices); shown once.
CREATE TABLE api_key (
    id          VARCHAR(36)  NOT NULL PRIMARY KEY,
    tenant_id   VARCHAR(64)  NOT NULL,
    role        VARCHAR(16)  NOT NULL,
    user_id     VARCHAR(128),
    key_hash    VARCHAR(64)  NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at  TIMESTAMP WITH TIME ZONE
);
CREATE UNIQUE INDEX api_key_hash ON api_key (key_hash);
CREATE INDEX api_key_tenant ON api_key (tenant_id, created_at);
