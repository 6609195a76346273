-- The orphan sweep asks, per file, whether a row references it.
CREATE INDEX instances_blob_key ON instances(blob_key);
