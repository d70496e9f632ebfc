-- The raw text of rejected lines, read back from the file by the caller. A line that is not
-- valid JSON reached SQL as a row of NULLs (DuckDB's ignore_errors), so its SQL reason (fields
-- missing) gives way to the caller's JSON check, which says what is wrong with it.
UPDATE blog_analysis.rejected_lines AS r
SET RawText = raw.RawText,
    Reason = coalesce(raw.Reason, r.Reason)
FROM read_json($raw_lines, format = 'newline_delimited',
               columns = {LineNumber: 'BIGINT', RawText: 'VARCHAR', Reason: 'VARCHAR'}) AS raw
WHERE r.FileId = $file_id AND r.LineNumber = raw.LineNumber;
