-- Step 1 of an ingest: the votes of the lines the line check accepted (Files/LineCheck.cs), which
-- judged every line (JSON, fields, ranges, the timestamp's exact form: Files/LineVerdict.cs and
-- Files/VoteFields.cs) and wrote each vote's values as integers, one row per line, numbered.
-- DuckDB loads them set-based and in parallel.
CREATE OR REPLACE TEMP TABLE typed_lines AS
SELECT LineNumber, Id, PostId,
       VoteTypeId::SMALLINT                    AS VoteTypeId,
       make_timestamp(CreationDateMicroseconds) AS CreationDate,  -- UTC: the source has no zone
       UserId,
       BountyAmount::INTEGER                   AS BountyAmount
FROM read_csv($rows,
              header = false, auto_detect = false, delim = ',', quote = '', escape = '',
              columns = {LineNumber: 'BIGINT', Id: 'BIGINT', PostId: 'BIGINT', VoteTypeId: 'BIGINT',
                         CreationDateMicroseconds: 'BIGINT', UserId: 'BIGINT', BountyAmount: 'BIGINT'});
