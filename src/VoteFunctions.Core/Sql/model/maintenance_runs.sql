-- The last run of each maintenance job.
-- Kind 'catch-up' is CatchUpMissedBlobs (every few minutes), 'nightly-refresh' is NightlyRefresh
-- (the same catch-up, then the rebuild of the weekly counts). Their counts were in the Functions
-- log only, which a user of the app may not be able to read; here GET /api/status shows them.
-- One row per kind, replaced by each run: the table never grows.
CREATE TABLE IF NOT EXISTS blog_analysis.maintenance_runs (
    Kind                   VARCHAR   PRIMARY KEY,
    StartedAt              TIMESTAMP NOT NULL,  -- UTC
    FinishedAt             TIMESTAMP NOT NULL,  -- UTC
    BlobsListed            INTEGER   NOT NULL,  -- blobs in the container
    AlreadyIngested        INTEGER   NOT NULL,  -- known to the ledger by name and size, or ingested meanwhile by the trigger
    KnownUnderAnotherName  INTEGER   NOT NULL,  -- downloaded, found to be a content ingested under another name
    Ingested               INTEGER   NOT NULL,  -- blobs whose votes the run stored
    Failed                 INTEGER   NOT NULL,  -- blobs the run could not ingest (the next run tries again)
    Votes                  BIGINT,              -- after the rebuild: nightly refresh only
    Weeks                  INTEGER,
    OutlierWeeks           INTEGER
);
