-- Dashboard figures over long periods (SQLite). A year's turnaround figures (~1,000,000 reading
-- items) cannot be computed from reading_items within a dashboard refresh, so WorklistQuery keeps
-- each settled Beijing day here: the facts of the items whose received_at lies in [range_start,
-- range_end) as compact text (TurnaroundFacts::encode), their number, and the day's volumes. A
-- write to an item that may change them drops the days holding its old and new received_at and
-- received_day; the next query builds them again from reading_items.
-- Same table and triggers as the other dialect's 004 file.
CREATE TABLE turnaround_days (
    day         TEXT PRIMARY KEY,   -- Beijing date, YYYY-MM-DD
    range_start TEXT NOT NULL,      -- received_at from (inclusive) ...
    range_end   TEXT NOT NULL,      -- ... to (exclusive), both as the worklist writes times
    items       INTEGER NOT NULL,
    facts       TEXT NOT NULL,
    digest      TEXT NOT NULL,      -- of facts: which version of the day a reader holds
    volume_received INTEGER NOT NULL,  -- complete items with received_day = day ...
    volume_signed   INTEGER NOT NULL,  -- ... and those signed (WorklistQuery::dailyVolume)
    listed      INTEGER NOT NULL,   -- complete items with received_at in the range (a period's list total)
    built_at    TEXT NOT NULL
);
CREATE UNIQUE INDEX turnaround_days_range ON turnaround_days(range_start);

-- The day whose range holds `received_at` (the ranges do not overlap), and the day named by
-- `received_day` (its volumes). An update counts when it changes what the figures read: a state
-- change matters only into or out of cancelled/returned.
CREATE TRIGGER turnaround_days_on_insert AFTER INSERT ON reading_items
BEGIN
    DELETE FROM turnaround_days WHERE range_end > NEW.received_at AND range_start =
        (SELECT MAX(range_start) FROM turnaround_days WHERE range_start <= NEW.received_at);
    DELETE FROM turnaround_days WHERE day = NEW.received_day;
END;
CREATE TRIGGER turnaround_days_on_update
AFTER UPDATE OF township, modality, priority, state, complete, received_at, received_day, signed_at, signed_by
ON reading_items
WHEN OLD.township IS NOT NEW.township OR OLD.modality IS NOT NEW.modality OR OLD.priority IS NOT NEW.priority
    OR OLD.complete IS NOT NEW.complete OR OLD.received_at IS NOT NEW.received_at
    OR OLD.received_day IS NOT NEW.received_day OR OLD.signed_at IS NOT NEW.signed_at
    OR OLD.signed_by IS NOT NEW.signed_by
    OR (OLD.state IN ('cancelled', 'returned')) IS NOT (NEW.state IN ('cancelled', 'returned'))
BEGIN
    DELETE FROM turnaround_days WHERE range_end > OLD.received_at AND range_start =
        (SELECT MAX(range_start) FROM turnaround_days WHERE range_start <= OLD.received_at);
    DELETE FROM turnaround_days WHERE range_end > NEW.received_at AND range_start =
        (SELECT MAX(range_start) FROM turnaround_days WHERE range_start <= NEW.received_at);
    DELETE FROM turnaround_days WHERE day IN (OLD.received_day, NEW.received_day);
END;
CREATE TRIGGER turnaround_days_on_delete AFTER DELETE ON reading_items
BEGIN
    DELETE FROM turnaround_days WHERE range_end > OLD.received_at AND range_start =
        (SELECT MAX(range_start) FROM turnaround_days WHERE range_start <= OLD.received_at);
    DELETE FROM turnaround_days WHERE day = OLD.received_day;
END;
