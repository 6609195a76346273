-- Dashboard figures over long periods (PostgreSQL). A year's turnaround figures (~1,000,000 reading
-- items) cannot be computed from reading_items within a dashboard refresh, so WorklistQuery keeps
-- each settled Beijing day here: the facts of the items whose received_at lies in [range_start,
-- range_end) as compact text (TurnaroundFacts::encode), their number, and the day's volumes. A
-- write to an item that may change them drops the days holding its old and new received_at and
-- received_day; the next query builds them again from reading_items, in a SERIALIZABLE unit (a
-- build that raced such a write is run again).
-- Same table and triggers as the other dialect's 004 file.
CREATE TABLE turnaround_days (
    day         TEXT COLLATE "C" PRIMARY KEY,   -- Beijing date, YYYY-MM-DD
    range_start TEXT COLLATE "C" NOT NULL,      -- received_at from (inclusive) ...
    range_end   TEXT COLLATE "C" NOT NULL,      -- ... to (exclusive), both as the worklist writes times
    items       INTEGER NOT NULL,
    facts       TEXT NOT NULL,
    digest      TEXT NOT NULL,      -- of facts: which version of the day a reader holds
    volume_received INTEGER NOT NULL,  -- complete items with received_day = day ...
    volume_signed   INTEGER NOT NULL,  -- ... and those signed (WorklistQuery::dailyVolume)
    listed      INTEGER NOT NULL,   -- complete items with received_at in the range (a period's list total)
    built_at    TEXT COLLATE "C" NOT NULL
);
-- Already compact: stored out of line without compression, read back without inflating.
ALTER TABLE turnaround_days ALTER COLUMN facts SET STORAGE EXTERNAL;
CREATE UNIQUE INDEX turnaround_days_range ON turnaround_days(range_start);

-- The day whose range holds `received_at` (the ranges do not overlap), and the day named by
-- `received_day` (its volumes). An update counts when it changes what the figures read: a state
-- change matters only into or out of cancelled/returned.
CREATE FUNCTION turnaround_days_forget(received_at TEXT, received_day TEXT) RETURNS void LANGUAGE sql AS $$
    DELETE FROM turnaround_days WHERE range_end > received_at COLLATE "C" AND range_start =
        (SELECT MAX(range_start) FROM turnaround_days WHERE range_start <= received_at COLLATE "C");
    DELETE FROM turnaround_days WHERE day = received_day;
$$;
CREATE FUNCTION turnaround_days_on_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        PERFORM turnaround_days_forget(OLD.received_at, OLD.received_day);
    END IF;
    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND (NEW.received_at IS DISTINCT FROM OLD.received_at OR
                                                  NEW.received_day IS DISTINCT FROM OLD.received_day)) THEN
        PERFORM turnaround_days_forget(NEW.received_at, NEW.received_day);
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER turnaround_days_on_insert AFTER INSERT ON reading_items
    FOR EACH ROW EXECUTE FUNCTION turnaround_days_on_change();
CREATE TRIGGER turnaround_days_on_update
    AFTER UPDATE OF township, modality, priority, state, complete, received_at, received_day, signed_at, signed_by
    ON reading_items FOR EACH ROW
    WHEN (OLD.township IS DISTINCT FROM NEW.township OR OLD.modality IS DISTINCT FROM NEW.modality
          OR OLD.priority IS DISTINCT FROM NEW.priority OR OLD.complete IS DISTINCT FROM NEW.complete
          OR OLD.received_at IS DISTINCT FROM NEW.received_at OR OLD.received_day IS DISTINCT FROM NEW.received_day
          OR OLD.signed_at IS DISTINCT FROM NEW.signed_at OR OLD.signed_by IS DISTINCT FROM NEW.signed_by
          OR (OLD.state IN ('cancelled', 'returned')) IS DISTINCT FROM (NEW.state IN ('cancelled', 'returned')))
    EXECUTE FUNCTION turnaround_days_on_change();
CREATE TRIGGER turnaround_days_on_delete AFTER DELETE ON reading_items
    FOR EACH ROW EXECUTE FUNCTION turnaround_days_on_change();
