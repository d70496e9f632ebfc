-- The tables an ingest batch stages its files in, empty, before the line check fills them through
-- DuckDB's appender (Ingest/Staging.cs): temporary, the writer connection's own, dropped after the
-- batch (5_drop_staging.sql).

-- The votes of the lines the line check accepted (Files/LineCheck.cs), which judged every line
-- (JSON, fields, ranges, the timestamp's exact form: Files/LineVerdict.cs, Files/VoteFields.cs)
-- and parsed its values: DuckDB gets them in binary, typed as the votes table, not text to parse
-- again. One row per line, numbered within its file; FileSlot is the file's place in the batch.
CREATE OR REPLACE TEMP TABLE typed_lines (
    FileSlot      INTEGER   NOT NULL,
    LineNumber    BIGINT    NOT NULL,
    Id            BIGINT    NOT NULL,
    PostId        BIGINT    NOT NULL,
    VoteTypeId    SMALLINT  NOT NULL,
    CreationDate  TIMESTAMP NOT NULL,  -- UTC: the source has no zone
    UserId        BIGINT,
    BountyAmount  INTEGER
);

-- The lines the line check rejected, with their raw text and reason: the first of each part of a
-- file (the merge keeps the first of the file).
CREATE OR REPLACE TEMP TABLE line_rejections (
    FileSlot    INTEGER NOT NULL,
    LineNumber  BIGINT  NOT NULL,
    RawText     VARCHAR NOT NULL,
    Reason      VARCHAR NOT NULL
);

-- The raw text of the first conflicts of each file, read back from the file after the classify
-- step found them (Files/RejectedLineReadBack.cs).
CREATE OR REPLACE TEMP TABLE raw_lines (
    FileSlot    INTEGER NOT NULL,
    LineNumber  BIGINT  NOT NULL,
    RawText     VARCHAR NOT NULL
);
