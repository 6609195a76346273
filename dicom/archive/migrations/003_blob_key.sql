-- The orphan sweep asks, per file, whether a row references it; C-FIND by Accession Number is
-- an exact match that should not scan every study.
CREATE INDEX instances_blob_key ON instances(blob_key);
CREATE INDEX studies_accession_number ON studies(accession_number);
