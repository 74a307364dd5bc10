-- Where a memory came from (JSON): the messages it was drawn from and the provider and model that drew it.
ALTER TABLE memory ADD COLUMN provenance VARCHAR;
