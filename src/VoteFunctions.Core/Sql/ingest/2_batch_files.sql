-- The files of the batch to store, once the line check has read them (IngestPipeline binds one
-- list per column, a value per file): each one's place in the batch, the FileId it gets, and
-- what its line check found. A file out of the batch after its read (it failed, or its content
-- came earlier in the batch) is not listed (2_left_out_files.sql drops its staged lines).
CREATE OR REPLACE TEMP TABLE batch_files AS
SELECT unnest($file_slots::INTEGER[])            AS FileSlot,
       unnest($file_ids::BIGINT[])               AS FileId,
       unnest($file_names::VARCHAR[])            AS FileName,
       unnest($sizes::BIGINT[])                  AS SizeBytes,
       unnest($sha256s::VARCHAR[])               AS Sha256,
       unnest($lines_read::BIGINT[])             AS LinesRead,
       unnest($rejected_by_line_check::BIGINT[]) AS RejectedByLineCheck;
