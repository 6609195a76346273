-- The queue by state and priority (WorklistQuery::queueCounts, every dashboard refresh and /metrics
-- scrape) kept as counts (PostgreSQL): counting a year's ~1,000,000 items each time costs a scan of
-- them all. Triggers keep one row per township, state, priority and completeness in step with
-- reading_items; rows per township keep concurrent writers of different townships apart. Same
-- table and triggers as the other dialect's 006 file.
CREATE TABLE reading_item_counts (
    township TEXT COLLATE "C" NOT NULL,
    state    TEXT COLLATE "C" NOT NULL,
    priority TEXT COLLATE "C" NOT NULL,
    complete INTEGER NOT NULL,
    items    BIGINT NOT NULL,
    PRIMARY KEY (township, state, priority, complete)
);
INSERT INTO reading_item_counts (township, state, priority, complete, items)
    SELECT township, state, priority, complete, COUNT(*) FROM reading_items GROUP BY township, state, priority, complete;

CREATE FUNCTION reading_item_counts_on_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        UPDATE reading_item_counts SET items = items - 1 WHERE township = OLD.township AND state = OLD.state
            AND priority = OLD.priority AND complete = OLD.complete;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        INSERT INTO reading_item_counts (township, state, priority, complete, items)
            VALUES (NEW.township, NEW.state, NEW.priority, NEW.complete, 1)
            ON CONFLICT (township, state, priority, complete) DO UPDATE SET items = reading_item_counts.items + 1;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER reading_item_counts_on_insert AFTER INSERT ON reading_items
    FOR EACH ROW EXECUTE FUNCTION reading_item_counts_on_change();
CREATE TRIGGER reading_item_counts_on_update AFTER UPDATE OF township, state, priority, complete ON reading_items
    FOR EACH ROW
    WHEN (OLD.township IS DISTINCT FROM NEW.township OR OLD.state IS DISTINCT FROM NEW.state
          OR OLD.priority IS DISTINCT FROM NEW.priority OR OLD.complete IS DISTINCT FROM NEW.complete)
    EXECUTE FUNCTION reading_item_counts_on_change();
CREATE TRIGGER reading_item_counts_on_delete AFTER DELETE ON reading_items
    FOR EACH ROW EXECUTE FUNCTION reading_item_counts_on_change();
