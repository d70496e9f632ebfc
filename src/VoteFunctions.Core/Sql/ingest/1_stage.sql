-- Step 1 of an ingest: the batch's files and the votes of their good lines.

-- The files of the batch (IngestPipeline binds one list per column, a value per file): each one's
-- place in the batch, the FileId it gets, and what its line check found. Only the files to be
-- stored are listed: a file found to be ingested already, or that failed before this step, is
-- left out, and its rows were deleted.
CREATE OR REPLACE TEMP TABLE batch_files AS
SELECT unnest($file_slots::INTEGER[])           AS FileSlot,
       unnest($file_ids::BIGINT[])              AS FileId,
       unnest($file_names::VARCHAR[])           AS FileName,
       unnest($sizes::BIGINT[])                 AS SizeBytes,
       unnest($sha256s::VARCHAR[])              AS Sha256,
       unnest($lines_read::BIGINT[])            AS LinesRead,
       unnest($rejected_by_line_check::BIGINT[]) AS RejectedByLineCheck;

-- The votes of the lines the line check accepted (Files/LineCheck.cs), which judged every line
-- (JSON, fields, ranges, the timestamp's exact form: Files/LineVerdict.cs and Files/VoteFields.cs)
-- and wrote each vote's values as integers, one row per line, numbered within its file. DuckDB
-- loads them set-based and in parallel.
CREATE OR REPLACE TEMP TABLE typed_lines AS
SELECT FileSlot, LineNumber, Id, PostId,
       VoteTypeId::SMALLINT                    AS VoteTypeId,
       make_timestamp(CreationDateMicroseconds) AS CreationDate,  -- UTC: the source has no zone
       UserId,
       BountyAmount::INTEGER                   AS BountyAmount
FROM read_csv($rows,
              header = false, auto_detect = false, delim = ',', quote = '', escape = '',
              columns = {FileSlot: 'INTEGER', LineNumber: 'BIGINT', Id: 'BIGINT', PostId: 'BIGINT', VoteTypeId: 'BIGINT',
                         CreationDateMicroseconds: 'BIGINT', UserId: 'BIGINT', BountyAmount: 'BIGINT'});
