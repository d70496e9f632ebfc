-- The staged lines of the files read but left out of the batch (they failed, or their content came
-- earlier in the batch): only the files listed in batch_files are classified and merged. Run only
-- when a file was left out, which is rare: a batch of one file is then two statements shorter.
DELETE FROM typed_lines WHERE FileSlot NOT IN (SELECT FileSlot FROM batch_files);
DELETE FROM line_rejections WHERE FileSlot NOT IN (SELECT FileSlot FROM batch_files);
