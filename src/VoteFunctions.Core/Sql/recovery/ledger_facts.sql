-- What the ledger says should be stored: read from the small tables only.
SELECT coalesce(max(FileId), 0)                                          AS LastFileId,
       coalesce(arg_max(FileName, FileId), '')                           AS LastFileName,
       coalesce(arg_max(Inserted, FileId), 0)                            AS LastFileInserted,
       coalesce(arg_max(least(Rejected, $max_kept), FileId), 0)          AS LastFileRejectedKept,
       coalesce(sum(Inserted), 0)::BIGINT                                AS LedgerVotes,
       (SELECT coalesce(sum(VoteCount), 0)::BIGINT FROM blog_analysis.weekly_vote_counts) AS WeeklyVotes
FROM blog_analysis.ingested_files;
