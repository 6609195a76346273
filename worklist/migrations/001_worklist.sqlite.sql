-- Reading workflow (SQLite): items, their transitions, the audit trail and the report delivery queue.
CREATE TABLE reading_items (
    study_uid      TEXT PRIMARY KEY,
    township       TEXT NOT NULL DEFAULT '',
    modality       TEXT NOT NULL DEFAULT '',
    priority       TEXT NOT NULL DEFAULT 'routine',
    state          TEXT NOT NULL,
    assigned_to    TEXT NOT NULL DEFAULT '',
    received_at    TEXT NOT NULL,
    assigned_at    TEXT NOT NULL DEFAULT '',
    opened_at      TEXT NOT NULL DEFAULT '',
    signed_at      TEXT NOT NULL DEFAULT '',
    signed_by      TEXT NOT NULL DEFAULT '',
    delivered_at   TEXT NOT NULL DEFAULT '',
    report_sop_uid TEXT NOT NULL DEFAULT ''
);
CREATE INDEX reading_items_state ON reading_items(state);
CREATE INDEX reading_items_assigned ON reading_items(assigned_to);

CREATE TABLE reading_transitions (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    study_uid  TEXT NOT NULL,
    from_state TEXT NOT NULL,
    to_state   TEXT NOT NULL,
    actor      TEXT NOT NULL,
    at         TEXT NOT NULL
);
CREATE INDEX reading_transitions_study ON reading_transitions(study_uid);

-- Append-only: no UPDATE or DELETE is ever issued on this table.
CREATE TABLE audit_log (
    id     INTEGER PRIMARY KEY AUTOINCREMENT,
    at     TEXT NOT NULL,
    actor  TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT ''
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;

CREATE TABLE deliveries (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    study_uid       TEXT NOT NULL,
    sop_instance_uid TEXT NOT NULL,
    township        TEXT NOT NULL,
    state           TEXT NOT NULL DEFAULT 'pending',
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error      TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    delivered_at    TEXT NOT NULL DEFAULT '',
    UNIQUE (sop_instance_uid, township)
);
CREATE INDEX deliveries_due ON deliveries(state, next_attempt_at);
