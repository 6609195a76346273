-- Query/Retrieve (C-FIND, C-MOVE, C-GET): every query is limited to the calling township's
-- studies (source_ae) and most filter by date; accession numbers and modalities are common
-- single-value keys. Shared by SQLite and PostgreSQL.
CREATE INDEX studies_source_date ON studies(source_ae, study_date);
CREATE INDEX studies_accession ON studies(accession_number);
CREATE INDEX series_modality ON series(modality);
