-- Indexes for the dashboard at provincial scale (~1,000,000 reading items a year), both dialects.
-- bench/worklist (worklist_sim) times every dashboard query over such a year.
--
-- reading_items_pending (complete, last_instance_at) made SQLite's planner, which keeps no
-- statistics, take `complete = 1` for a selective condition: nearly every worklist and dashboard
-- query walked the whole table through it. Only the arriving items (complete = 0) are looked up
-- that way, so it becomes a partial index on them.
DROP INDEX reading_items_pending;
CREATE INDEX reading_items_arriving ON reading_items(complete, last_instance_at) WHERE complete = 0;

-- Received and signed per day (dailyVolume: the days not in turnaround_days) from the index alone.
CREATE INDEX reading_items_day ON reading_items(received_day, complete, signed_at);

-- A period's total (list with from/to: the worklist, the CSV export) from the index alone, and
-- its pages in (received_at, study_uid) order without reading the rows skipped by OFFSET.
DROP INDEX reading_items_received;
CREATE INDEX reading_items_received ON reading_items(received_at, study_uid, complete);

-- Items with a critical finding (list with critical=1), a few in a thousand.
CREATE INDEX reading_items_critical ON reading_items(critical) WHERE critical > 0;
