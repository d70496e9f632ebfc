-- Removes every trace of the files from $first_file_id on, so that they can be ingested again.
DELETE FROM blog_analysis.votes WHERE FileId >= $first_file_id;
DELETE FROM blog_analysis.rejected_lines WHERE FileId >= $first_file_id;
DELETE FROM blog_analysis.ingested_files WHERE FileId >= $first_file_id;
