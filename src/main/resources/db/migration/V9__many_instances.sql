-- Many instances on one database (docs/SCALING.md): coordination lives here, not in a process.

-- A memory's changes are serialized by its row lock (MemoryStore); revision counts them, one by one, so an index
-- that receives them out of order keeps the newest (OpenSearch's external version). Event ids do not do: each
-- instance draws them from its own block of the sequence.
ALTER TABLE memory ADD COLUMN revision BIGINT DEFAULT 1 NOT NULL;
-- The revision each event made, which orders a memory's history (null for events imported or made before this).
ALTER TABLE memory_event ADD COLUMN revision BIGINT;

-- At most one memory holds for a slot: two instances consolidating the same fact at once cannot both add it.
-- The column is the slot while the memory holds, null once superseded (MemoryStore keeps it); unique indexes let
-- nulls repeat. Where an earlier race left several holders, the latest keeps holding.
ALTER TABLE memory ADD COLUMN holding_slot VARCHAR(256);
UPDATE memory SET holding_slot = slot
 WHERE slot IS NOT NULL AND valid_to IS NULL
   AND NOT EXISTS (SELECT 1 FROM memory o
                    WHERE o.tenant_id = memory.tenant_id AND o.user_id = memory.user_id AND o.slot = memory.slot
                      AND o.valid_to IS NULL
                      AND (o.occurred_at > memory.occurred_at OR (o.occurred_at = memory.occurred_at AND o.id > memory.id)));
CREATE UNIQUE INDEX memory_holding_slot ON memory (tenant_id, user_id, holding_slot);

-- Changes the external index has not applied yet, written in the transaction of the change itself and deleted by
-- whichever instance applies them (index/opensearch). Unused with the embedded index, which the repair keeps.
CREATE SEQUENCE index_outbox_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE index_outbox (
    id         BIGINT       NOT NULL PRIMARY KEY,
    memory_id  VARCHAR(36),
    tenant_id  VARCHAR(64)  NOT NULL,
    user_id    VARCHAR(128) NOT NULL,
    -- UPSERT or DELETE of memory_id; FORGET: every memory of the user
    op         VARCHAR(8)   NOT NULL,
    at         TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX index_outbox_owner ON index_outbox (tenant_id, user_id, id);

-- Which instance runs an experiment, and when it last said it still does: a run executes once, and a run whose
-- instance died is marked interrupted by any other.
ALTER TABLE experiment ADD COLUMN instance_id VARCHAR(64);
ALTER TABLE experiment ADD COLUMN heartbeat_at TIMESTAMP WITH TIME ZONE;
