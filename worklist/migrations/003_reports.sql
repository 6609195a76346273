-- Every signed report object of a study and how they chain: a preliminary (报告医生) and its
-- verified final (审核医生), addenda that correct the current report. The SR itself is in the archive.
CREATE TABLE reports (
    sop_instance_uid    TEXT PRIMARY KEY,
    study_uid           TEXT NOT NULL,
    kind                TEXT NOT NULL,
    author              TEXT NOT NULL,
    verifier            TEXT NOT NULL DEFAULT '',
    predecessor_sop_uid TEXT NOT NULL DEFAULT '',
    pdf_sop_uid         TEXT NOT NULL DEFAULT '',
    signed_at           TEXT NOT NULL
);
CREATE INDEX reports_study ON reports(study_uid);
