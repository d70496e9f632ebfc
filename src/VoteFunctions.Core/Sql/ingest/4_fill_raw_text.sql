-- The raw text of rejected lines, read back from the file by the caller.
UPDATE blog_analysis.rejected_lines AS r
SET RawText = raw.RawText
FROM read_json($raw_lines, format = 'newline_delimited',
               columns = {LineNumber: 'BIGINT', RawText: 'VARCHAR'}) AS raw
WHERE r.FileId = $file_id AND r.LineNumber = raw.LineNumber;
