-- The votes as Parquet, partitioned Hive-style by Year and WeekNumber
-- (<folder>/Year=2022/WeekNumber=1/data_0.parquet): the layout Spark, Databricks, Fabric and
-- DuckDB read with partition pruning, and the unit of an incremental load at lake scale.
COPY (
    SELECT Id, PostId, VoteTypeId, CreationDate, UserId, BountyAmount, FileId,
           year(CreationDate)                      AS Year,
           blog_analysis.week_number(CreationDate) AS WeekNumber
    FROM blog_analysis.votes
) TO $folder (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (Year, WeekNumber));
