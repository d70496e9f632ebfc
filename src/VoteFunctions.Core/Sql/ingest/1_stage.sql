-- Reads the file with DuckDB's own JSON reader (parallel, vectorised). Every field is read as
-- text so that one bad value rejects its line, not the whole file. Line numbers come from
-- WITH ORDINALITY: the scanner guarantees one JSON object per line, with rejected lines
-- replaced by placeholders, so the n-th object is line n.
CREATE OR REPLACE TEMP TABLE staged_lines AS
SELECT ordinality    AS LineNumber,
       Id            AS IdText,
       PostId        AS PostIdText,
       VoteTypeId    AS VoteTypeIdText,
       CreationDate  AS CreationDateText,
       UserId        AS UserIdText,
       BountyAmount  AS BountyAmountText
FROM read_json($source,
               format = 'newline_delimited',
               compression = $compression,
               maximum_object_size = 16777216,
               columns = {Id: 'VARCHAR', PostId: 'VARCHAR', VoteTypeId: 'VARCHAR',
                          CreationDate: 'VARCHAR', UserId: 'VARCHAR', BountyAmount: 'VARCHAR'})
     WITH ORDINALITY
ANTI JOIN scanner_rejections ON scanner_rejections.LineNumber = ordinality;

-- Typed values. A number is accepted only in its canonical text form (the cast and back give
-- the same text), so '4.0', '1e3', ' 5' and '+5' are rejected rather than silently rounded.
CREATE OR REPLACE TEMP MACRO canonical_integer(text) AS
    CASE WHEN CAST(TRY_CAST(text AS BIGINT) AS VARCHAR) = text THEN TRY_CAST(text AS BIGINT) END;

CREATE OR REPLACE TEMP TABLE typed_lines AS
WITH parsed AS (
    SELECT *,
           canonical_integer(IdText)           AS IdValue,
           canonical_integer(PostIdText)       AS PostIdValue,
           canonical_integer(VoteTypeIdText)   AS VoteTypeIdValue,
           canonical_integer(UserIdText)       AS UserIdValue,
           canonical_integer(BountyAmountText) AS BountyAmountValue,
           -- ISO-8601 without a zone (or with Z), read as UTC; a date alone or an offset is rejected.
           CASE WHEN regexp_full_match(CreationDateText, '\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z?')
                THEN TRY_CAST(rtrim(CreationDateText, 'Z') AS TIMESTAMP) END AS CreationDateValue
    FROM staged_lines
)
SELECT LineNumber, IdText, PostIdText, VoteTypeIdText, CreationDateText, UserIdText, BountyAmountText,
       CASE WHEN IdValue > 0 THEN IdValue END                                           AS Id,
       CASE WHEN PostIdValue > 0 THEN PostIdValue END                                   AS PostId,
       CASE WHEN VoteTypeIdValue BETWEEN 0 AND 32767 THEN VoteTypeIdValue::SMALLINT END AS VoteTypeId,
       CreationDateValue                                                                AS CreationDate,
       UserIdValue                                                                      AS UserId,
       CASE WHEN BountyAmountValue BETWEEN 0 AND 2147483647 THEN BountyAmountValue::INTEGER END AS BountyAmount
FROM parsed;
