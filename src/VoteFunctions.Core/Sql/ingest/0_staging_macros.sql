-- The rules the ingest steps share, created once on the writer's connection (temporary: they
-- are the staging's helpers, not part of the model).

-- An integer in canonical form only: the cast and back give the same text, so '4.0', '1e3',
-- ' 5', '+5', '007' and '0x10' are rejected rather than silently converted.
CREATE OR REPLACE TEMP MACRO canonical_integer(text) AS
    CASE WHEN CAST(TRY_CAST(text AS BIGINT) AS VARCHAR) = text THEN TRY_CAST(text AS BIGINT) END;

-- Plain digits, too many for the field (the cast gave NULL, or a value past the field's range).
CREATE OR REPLACE TEMP MACRO plain_digits(text) AS regexp_full_match(text, '-?[1-9][0-9]*');

-- A timestamp exactly as the contract says: YYYY-MM-DDTHH:MM:SS, then an optional fraction of 1
-- to 9 digits and an optional Z, in years 0001 to 9999. DuckDB's own cast is looser (it takes
-- '2020-1-6 1:2:3', spaces, hour 24 and year 0), so the shape is checked first. DuckDB keeps
-- microseconds: a 7th to 9th fraction digit is cut off, not rounded.
CREATE OR REPLACE TEMP MACRO iso_timestamp(text) AS
    CASE WHEN text GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*'
          AND (length(text) = 19 OR regexp_full_match(text[20:], '(\.[0-9]{1,9})?Z?'))
          AND text[1:4] <> '0000'
          AND text[12:13] < '24'
         THEN TRY_CAST(text AS TIMESTAMP)
    END;

-- Two versions of a vote are the same vote when every field but the Id matches (an absent
-- optional field matches only another absent one). a and b are whole rows.
CREATE OR REPLACE TEMP MACRO same_vote(a, b) AS
    (a.PostId, a.VoteTypeId, a.CreationDate, a.UserId, a.BountyAmount)
        IS NOT DISTINCT FROM (b.PostId, b.VoteTypeId, b.CreationDate, b.UserId, b.BountyAmount);

-- DuckDB tracks a query's progress, which the CLI shows, only with its progress bar on; this is
-- a library, so the bar itself is never printed.
SET enable_progress_bar = true;
SET enable_progress_bar_print = false;
