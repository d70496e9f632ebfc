-- Step 1 of an ingest: DuckDB's own JSON reader (parallel, vectorised) reads $source, every field
-- as text so that one bad value rejects its line and not the whole file, and the fields are typed
-- in the same pass. Whether each line is JSON at all is judged in C# (LineVerdict), in step 2;
-- ignore_errors turns a line DuckDB cannot parse into a row of NULLs in that line's place.
-- Row n of typed_rows is line n (rowid + 1): DuckDB keeps insertion order, and the caller checks
-- that there are as many rows as lines. (WITH ORDINALITY would say the same, but it serialises
-- the typing after it and doubled this statement's time.) The field rules (canonical_integer,
-- iso_timestamp) are in 0_staging_macros.sql.

CREATE OR REPLACE TEMP TABLE typed_rows AS
WITH raw_lines AS (
    SELECT Id AS IdText, PostId AS PostIdText, VoteTypeId AS VoteTypeIdText,
           CreationDate AS CreationDateText, UserId AS UserIdText, BountyAmount AS BountyAmountText
    FROM read_json($source,
                   format = 'newline_delimited',
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
           iso_timestamp(CreationDateText)     AS CreationDate
    FROM raw_lines
),
typed AS (
    SELECT *,
           CASE WHEN IdValue > 0 THEN IdValue END                                                   AS Id,
           CASE WHEN PostIdValue > 0 THEN PostIdValue END                                           AS PostId,
           CASE WHEN VoteTypeIdValue BETWEEN 0 AND 32767 THEN VoteTypeIdValue::SMALLINT END         AS VoteTypeId,
           UserIdValue                                                                              AS UserId,
           CASE WHEN BountyAmountValue BETWEEN 0 AND 2147483647 THEN BountyAmountValue::INTEGER END AS BountyAmount
    FROM parsed
)
SELECT Id, PostId, VoteTypeId, CreationDate, UserId, BountyAmount,
       -- Why the line cannot become a vote, naming every failing field; NULL for a good line.
       -- Optional fields may be absent or empty, but not malformed.
       CASE WHEN Id IS NULL OR PostId IS NULL OR VoteTypeId IS NULL OR CreationDate IS NULL
                 OR (coalesce(UserIdText, '') <> '' AND UserId IS NULL)
                 OR (coalesce(BountyAmountText, '') <> '' AND BountyAmount IS NULL)
            THEN concat_ws('; ',
                CASE WHEN coalesce(IdText, '') = '' THEN 'Id is missing'
                     WHEN Id IS NULL AND plain_digits(IdText) AND NOT IdText LIKE '-%' THEN 'Id is too large: ' || IdText
                     WHEN Id IS NULL THEN 'Id is not a positive integer: ' || IdText END,
                CASE WHEN coalesce(PostIdText, '') = '' THEN 'PostId is missing'
                     WHEN PostId IS NULL AND plain_digits(PostIdText) AND NOT PostIdText LIKE '-%' THEN 'PostId is too large: ' || PostIdText
                     WHEN PostId IS NULL THEN 'PostId is not a positive integer: ' || PostIdText END,
                CASE WHEN coalesce(VoteTypeIdText, '') = '' THEN 'VoteTypeId is missing'
                     WHEN VoteTypeId IS NULL AND plain_digits(VoteTypeIdText) AND NOT VoteTypeIdText LIKE '-%' THEN 'VoteTypeId is too large (at most 32767): ' || VoteTypeIdText
                     WHEN VoteTypeId IS NULL THEN 'VoteTypeId is not a small non-negative integer: ' || VoteTypeIdText END,
                CASE WHEN coalesce(CreationDateText, '') = '' THEN 'CreationDate is missing'
                     WHEN CreationDate IS NULL THEN 'CreationDate is not a valid ISO-8601 timestamp (YYYY-MM-DDTHH:MM:SS, optional .fraction and Z): ' || CreationDateText END,
                CASE WHEN coalesce(UserIdText, '') = '' OR UserId IS NOT NULL THEN NULL
                     WHEN plain_digits(UserIdText) THEN 'UserId is too large: ' || UserIdText
                     ELSE 'UserId is not an integer: ' || UserIdText END,
                CASE WHEN coalesce(BountyAmountText, '') = '' OR BountyAmount IS NOT NULL THEN NULL
                     WHEN plain_digits(BountyAmountText) AND NOT BountyAmountText LIKE '-%' THEN 'BountyAmount is too large (at most 2147483647): ' || BountyAmountText
                     ELSE 'BountyAmount is not a non-negative integer: ' || BountyAmountText END)
       END AS Reason
FROM typed;
