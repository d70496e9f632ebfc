-- A number is accepted only in its canonical text form (the cast and back give the same
-- text), so '4.0', '1e3', ' 5', '+5' and '007' are rejected rather than silently rounded.
CREATE OR REPLACE TEMP MACRO canonical_integer(text) AS
    CASE WHEN CAST(TRY_CAST(text AS BIGINT) AS VARCHAR) = text THEN TRY_CAST(text AS BIGINT) END;

-- Reads the file with DuckDB's own JSON reader (parallel, vectorised), every field as text so
-- that one bad value rejects its line, not the whole file, and types it in the same pass.
-- ignore_errors turns a line that is not JSON into a row of NULLs in its place.
-- Line numbers: the scanner has checked that rows match lines one to one (a check below makes
-- sure), and DuckDB preserves insertion order (preserve_insertion_order, on by default), so
-- row n of this table is line n: rowid + 1. WITH ORDINALITY would say the same but serialises
-- the typing after it and doubled this statement's time.
CREATE OR REPLACE TEMP TABLE typed_rows AS
WITH raw_lines AS (
    SELECT Id AS IdText, PostId AS PostIdText, VoteTypeId AS VoteTypeIdText,
           CreationDate AS CreationDateText, UserId AS UserIdText, BountyAmount AS BountyAmountText
    FROM read_json($source,
                   format = 'newline_delimited',
                   compression = $compression,
                   ignore_errors = true,
                   maximum_object_size = 16777216,
                   columns = {Id: 'VARCHAR', PostId: 'VARCHAR', VoteTypeId: 'VARCHAR',
                              CreationDate: 'VARCHAR', UserId: 'VARCHAR', BountyAmount: 'VARCHAR'})
),
parsed AS (
    SELECT *,
           canonical_integer(IdText)           AS IdValue,
           canonical_integer(PostIdText)       AS PostIdValue,
           canonical_integer(VoteTypeIdText)   AS VoteTypeIdValue,
           canonical_integer(UserIdText)       AS UserIdValue,
           canonical_integer(BountyAmountText) AS BountyAmountValue,
           -- ISO-8601 without a zone (or with Z), read as UTC; a date alone or an offset is rejected.
           -- try_strptime with fixed formats is strict and twice as fast as a regular expression.
           try_strptime(CreationDateText, ['%Y-%m-%dT%H:%M:%S.%g', '%Y-%m-%dT%H:%M:%S', '%Y-%m-%dT%H:%M:%S.%f',
                                           '%Y-%m-%dT%H:%M:%S.%gZ', '%Y-%m-%dT%H:%M:%SZ', '%Y-%m-%dT%H:%M:%S.%fZ']) AS CreationDate
    FROM raw_lines
),
typed AS (
    SELECT IdText, PostIdText, VoteTypeIdText, CreationDateText, UserIdText, BountyAmountText,
           CASE WHEN IdValue > 0 THEN IdValue END                                                   AS Id,
           CASE WHEN PostIdValue > 0 THEN PostIdValue END                                           AS PostId,
           CASE WHEN VoteTypeIdValue BETWEEN 0 AND 32767 THEN VoteTypeIdValue::SMALLINT END         AS VoteTypeId,
           CreationDate,
           UserIdValue                                                                              AS UserId,
           CASE WHEN BountyAmountValue BETWEEN 0 AND 2147483647 THEN BountyAmountValue::INTEGER END AS BountyAmount,
           -- Optional fields may be absent or empty, but not malformed.
           coalesce(UserIdText, '') <> '' AND UserId IS NULL                                        AS BadUserId,
           coalesce(BountyAmountText, '') <> '' AND BountyAmountValue IS NULL                       AS BadBountyAmount
    FROM parsed
)
SELECT Id, PostId, VoteTypeId, CreationDate, UserId, BountyAmount,
       -- Why the line cannot become a vote, naming every failing field; NULL for a good line.
       CASE WHEN Id IS NULL OR PostId IS NULL OR VoteTypeId IS NULL OR CreationDate IS NULL OR BadUserId OR BadBountyAmount
            THEN concat_ws('; ',
                CASE WHEN coalesce(IdText, '') = '' THEN 'Id is missing'
                     WHEN Id IS NULL THEN 'Id is not a positive integer: ' || IdText END,
                CASE WHEN coalesce(PostIdText, '') = '' THEN 'PostId is missing'
                     WHEN PostId IS NULL THEN 'PostId is not a positive integer: ' || PostIdText END,
                CASE WHEN coalesce(VoteTypeIdText, '') = '' THEN 'VoteTypeId is missing'
                     WHEN VoteTypeId IS NULL THEN 'VoteTypeId is not a small non-negative integer: ' || VoteTypeIdText END,
                CASE WHEN coalesce(CreationDateText, '') = '' THEN 'CreationDate is missing'
                     WHEN CreationDate IS NULL THEN 'CreationDate is not a valid ISO-8601 timestamp without zone: ' || CreationDateText END,
                CASE WHEN BadUserId THEN 'UserId is not an integer: ' || UserIdText END,
                CASE WHEN BadBountyAmount THEN 'BountyAmount is not a non-negative integer: ' || BountyAmountText END)
       END AS Reason
FROM typed;

-- Row for line, or stop: a mismatch would attach reasons to the wrong lines.
SELECT CASE WHEN count(*) <> $rows_expected
            THEN error(format('DuckDB read {} rows where the file has {} lines up to its last non-blank one, so rows cannot be matched to line numbers', count(*), $rows_expected))
       END
FROM typed_rows;

-- Lines the scanner rejected are not votes, whatever DuckDB made of them (a placeholder, a row
-- of NULLs, or values): they are in scanner_rejections already.
-- (Deleting keeps the other rows' rowids.)
DELETE FROM typed_rows WHERE rowid + 1 IN (SELECT LineNumber FROM scanner_rejections);

CREATE OR REPLACE TEMP VIEW typed_lines AS
SELECT rowid + 1 AS LineNumber, * FROM typed_rows;
