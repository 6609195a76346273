-- The queue by state and priority (WorklistQuery::queueCounts, every dashboard refresh and /metrics
-- scrape) kept as counts (SQLite): counting a year's ~1,000,000 items each time costs a scan of
-- them all. Triggers keep one row per township, state, priority and completeness in step with
-- reading_items. Same table and triggers as the other dialect's 006 file.
CREATE TABLE reading_item_counts (
    township TEXT NOT NULL,
    state    TEXT NOT NULL,
    priority TEXT NOT NULL,
    complete INTEGER NOT NULL,
    items    INTEGER NOT NULL,
    PRIMARY KEY (township, state, priority, complete)
);
INSERT INTO reading_item_counts (township, state, priority, complete, items)
    SELECT township, state, priority, complete, COUNT(*) FROM reading_items GROUP BY township, state, priority, complete;

CREATE TRIGGER reading_item_counts_on_insert AFTER INSERT ON reading_items
BEGIN
    INSERT INTO reading_item_counts (township, state, priority, complete, items)
        VALUES (NEW.township, NEW.state, NEW.priority, NEW.complete, 1)
        ON CONFLICT (township, state, priority, complete) DO UPDATE SET items = items + 1;
END;
CREATE TRIGGER reading_item_counts_on_update AFTER UPDATE OF township, state, priority, complete ON reading_items
WHEN OLD.township IS NOT NEW.township OR OLD.state IS NOT NEW.state OR OLD.priority IS NOT NEW.priority
    OR OLD.complete IS NOT NEW.complete
BEGIN
    UPDATE reading_item_counts SET items = items - 1 WHERE township = OLD.township AND state = OLD.state
        AND priority = OLD.priority AND complete = OLD.complete;
    INSERT INTO reading_item_counts (township, state, priority, complete, items)
        VALUES (NEW.township, NEW.state, NEW.priority, NEW.complete, 1)
        ON CONFLICT (township, state, priority, complete) DO UPDATE SET items = items + 1;
END;
CREATE TRIGGER reading_item_counts_on_delete AFTER DELETE ON reading_items
BEGIN
    UPDATE reading_item_counts SET items = items - 1 WHERE township = OLD.township AND state = OLD.state
        AND priority = OLD.priority AND complete = OLD.complete;
END;
