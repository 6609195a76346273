-- Reading workflow, part 2 (SQLite): quiet-time completion, late instances, patient columns for
-- the worklist search, deadlines (TurnaroundPolicy) and the 80% at-risk point, return/cancel
-- reasons, shared claim locks, critical findings and escalations. Same columns as the
-- other dialect's 002 file.

ALTER TABLE reading_items ADD COLUMN patient_name TEXT NOT NULL DEFAULT '';
ALTER TABLE reading_items ADD COLUMN patient_id TEXT NOT NULL DEFAULT '';
ALTER TABLE reading_items ADD COLUMN body_part TEXT NOT NULL DEFAULT '';
ALTER TABLE reading_items ADD COLUMN calling_ae TEXT NOT NULL DEFAULT '';
ALTER TABLE reading_items ADD COLUMN priority_source TEXT NOT NULL DEFAULT '';
ALTER TABLE reading_items ADD COLUMN return_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE reading_items ADD COLUMN cancel_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE reading_items ADD COLUMN locked_by TEXT NOT NULL DEFAULT '';
ALTER TABLE reading_items ADD COLUMN escalation TEXT NOT NULL DEFAULT '';
ALTER TABLE reading_items ADD COLUMN received_day TEXT NOT NULL DEFAULT '';
ALTER TABLE reading_items ADD COLUMN first_instance_at TEXT NOT NULL DEFAULT '';
ALTER TABLE reading_items ADD COLUMN last_instance_at TEXT NOT NULL DEFAULT '';
ALTER TABLE reading_items ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';
ALTER TABLE reading_items ADD COLUMN deadline_at TEXT NOT NULL DEFAULT '';
ALTER TABLE reading_items ADD COLUMN at_risk_at TEXT NOT NULL DEFAULT '';
ALTER TABLE reading_items ADD COLUMN returned_at TEXT NOT NULL DEFAULT '';
ALTER TABLE reading_items ADD COLUMN cancelled_at TEXT NOT NULL DEFAULT '';
ALTER TABLE reading_items ADD COLUMN amended_at TEXT NOT NULL DEFAULT '';
ALTER TABLE reading_items ADD COLUMN lock_expires_at TEXT NOT NULL DEFAULT '';
ALTER TABLE reading_items ADD COLUMN escalated_at TEXT NOT NULL DEFAULT '';
ALTER TABLE reading_items ADD COLUMN complete INTEGER NOT NULL DEFAULT 1;
ALTER TABLE reading_items ADD COLUMN instance_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE reading_items ADD COLUMN late_instances INTEGER NOT NULL DEFAULT 0;
ALTER TABLE reading_items ADD COLUMN critical INTEGER NOT NULL DEFAULT 0;
ALTER TABLE reading_transitions ADD COLUMN detail TEXT NOT NULL DEFAULT '';
CREATE INDEX reading_items_received ON reading_items(received_at);
CREATE INDEX reading_items_township ON reading_items(township, received_at);
CREATE INDEX reading_items_deadline ON reading_items(state, deadline_at);
CREATE INDEX reading_items_pending ON reading_items(complete, last_instance_at);
CREATE INDEX reading_items_patient ON reading_items(patient_id);
CREATE INDEX reading_items_signed ON reading_items(signed_at);

-- Critical findings (危急值): flagged by the radiologist, acknowledged by the township.
CREATE TABLE critical_findings (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    study_uid       TEXT NOT NULL,
    township        TEXT NOT NULL DEFAULT '',
    finding         TEXT NOT NULL,
    flagged_by      TEXT NOT NULL,
    flagged_at      TEXT NOT NULL,
    acknowledged_by TEXT NOT NULL DEFAULT '',
    acknowledged_at TEXT NOT NULL DEFAULT '',
    ack_seconds     INTEGER
);
CREATE INDEX critical_findings_study ON critical_findings(study_uid);
CREATE INDEX critical_findings_flagged ON critical_findings(flagged_at);
