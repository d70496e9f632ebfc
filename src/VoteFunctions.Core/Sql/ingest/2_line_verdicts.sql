-- Step 2: the lines C#'s line check rejected (not one JSON object: blank, not UTF-8, cut off,
-- invalid JSON, a field given twice, ...), with their raw text and reason. Their rows are taken
-- out of typed_rows, whatever DuckDB made of them; deleting keeps the other rows' rowids.
CREATE OR REPLACE TEMP TABLE line_rejections AS
SELECT LineNumber, RawText, Reason
FROM read_json($line_rejections, format = 'newline_delimited',
               columns = {LineNumber: 'BIGINT', RawText: 'VARCHAR', Reason: 'VARCHAR'});

DELETE FROM typed_rows WHERE rowid + 1 IN (SELECT LineNumber FROM line_rejections);

CREATE OR REPLACE TEMP VIEW typed_lines AS
SELECT rowid + 1 AS LineNumber, * FROM typed_rows;
