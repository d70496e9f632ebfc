-- Lines the scanner rejected before DuckDB saw the file (blank, not UTF-8, not one JSON object,
-- too long), with their raw text. Their places in the file hold placeholders.
CREATE OR REPLACE TEMP TABLE scanner_rejections (
    LineNumber BIGINT NOT NULL,
    RawText    VARCHAR,
    Reason     VARCHAR NOT NULL
);

INSERT INTO scanner_rejections
SELECT LineNumber, RawText, Reason
FROM read_json($scanner_rejections, format = 'newline_delimited',
               columns = {LineNumber: 'BIGINT', RawText: 'VARCHAR', Reason: 'VARCHAR'});
