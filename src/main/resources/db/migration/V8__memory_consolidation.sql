-- Consolidation of extracted memories (memory/Consolidation): slot names what a fact is about ("Ana|lives in"),
-- so a newer fact of the same slot is found and supersedes the older, which keeps its history and gets valid_to.
ALTER TABLE memory ADD COLUMN slot VARCHAR(256);
ALTER TABLE memory ADD COLUMN valid_to TIMESTAMP WITH TIME ZONE;
CREATE INDEX memory_slot ON memory (tenant_id, user_id, slot);
