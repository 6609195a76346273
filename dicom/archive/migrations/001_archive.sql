-- Archive index: study / series / instance, text in UTF-8. Shared by SQLite and PostgreSQL.
CREATE TABLE studies (
    study_uid          TEXT PRIMARY KEY,
    patient_id         TEXT NOT NULL DEFAULT '',
    patient_name       TEXT NOT NULL DEFAULT '',
    patient_birth_date TEXT NOT NULL DEFAULT '',
    patient_sex        TEXT NOT NULL DEFAULT '',
    study_date         TEXT NOT NULL DEFAULT '',
    study_time         TEXT NOT NULL DEFAULT '',
    study_description  TEXT NOT NULL DEFAULT '',
    accession_number   TEXT NOT NULL DEFAULT '',
    institution_name   TEXT NOT NULL DEFAULT '',
    modality           TEXT NOT NULL DEFAULT '',
    source_ae          TEXT NOT NULL DEFAULT '',
    received_at        TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    instance_count     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX studies_patient_id ON studies(patient_id);
CREATE INDEX studies_patient_name ON studies(patient_name);
CREATE INDEX studies_study_date ON studies(study_date);

CREATE TABLE series (
    series_uid         TEXT PRIMARY KEY,
    study_uid          TEXT NOT NULL REFERENCES studies(study_uid),
    modality           TEXT NOT NULL DEFAULT '',
    series_number      INTEGER NOT NULL DEFAULT 0,
    series_description TEXT NOT NULL DEFAULT '',
    body_part          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX series_study ON series(study_uid);

CREATE TABLE instances (
    sop_instance_uid    TEXT PRIMARY KEY,
    series_uid          TEXT NOT NULL REFERENCES series(series_uid),
    study_uid           TEXT NOT NULL REFERENCES studies(study_uid),
    sop_class_uid       TEXT NOT NULL,
    instance_number     INTEGER NOT NULL DEFAULT 0,
    transfer_syntax_uid TEXT NOT NULL DEFAULT '',
    source_charset      TEXT NOT NULL DEFAULT '',
    rows_               INTEGER NOT NULL DEFAULT 0,
    columns_            INTEGER NOT NULL DEFAULT 0,
    blob_key            TEXT NOT NULL,
    size_bytes          BIGINT NOT NULL,
    sha256              TEXT NOT NULL,
    source_ae           TEXT NOT NULL DEFAULT '',
    received_at         TEXT NOT NULL
);
CREATE INDEX instances_series ON instances(series_uid);
CREATE INDEX instances_study ON instances(study_uid);
