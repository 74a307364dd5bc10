-- The turn a memory answered (docs/RETRIEVAL.md, "Context"): searched beside the memory's own text and embedded
-- with it. Null for a memory outside a session that was given none.
ALTER TABLE memory ADD COLUMN context VARCHAR;

-- The newest memory of a session, which the next memory of that session takes as its context.
CREATE INDEX memory_session_time ON memory (tenant_id, user_id, session_id, occurred_at, id);

-- Memories written before this version get the context a new one would: the memory before them in their session
-- (its first 1,000 characters). Their vectors were computed without it, so they are marked for re-embedding, which
-- the index repair does at the next start (index/IndexRepairService).
UPDATE memory SET context = (
        SELECT SUBSTRING(p.text FROM 1 FOR 1000) FROM memory p
        WHERE p.tenant_id = memory.tenant_id AND p.user_id = memory.user_id AND p.session_id = memory.session_id
          AND (p.occurred_at < memory.occurred_at OR (p.occurred_at = memory.occurred_at AND p.id < memory.id))
        ORDER BY p.occurred_at DESC, p.id DESC
        FETCH FIRST 1 ROW ONLY)
    WHERE session_id IS NOT NULL;
UPDATE memory SET embedding_model = NULL WHERE context IS NOT NULL;
