-- Where a queued auto-schedule run is (phase, count, site), written by the solving process as the worker reports it;
-- a finished run keeps its last phase. Null for runs stored before it.
ALTER TABLE "schedule_run" ADD COLUMN "progress" jsonb;