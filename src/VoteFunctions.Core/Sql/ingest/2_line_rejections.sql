-- Step 2: the lines the line check rejected (blank, not UTF-8, not one JSON object, a field given
-- twice, a field missing or not of its type, ...): the first ones of the file, with their raw text
-- and reason. The check counted them all.
CREATE OR REPLACE TEMP TABLE line_rejections AS
SELECT LineNumber, RawText, Reason
FROM read_json($line_rejections, format = 'newline_delimited',
               columns = {LineNumber: 'BIGINT', RawText: 'VARCHAR', Reason: 'VARCHAR'});
