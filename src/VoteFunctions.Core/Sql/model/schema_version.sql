-- The versions of the model this warehouse was brought to (Sql/WarehouseModel.cs), one row each,
-- with when: a warehouse written before versions were recorded (version 1) has no such table.
CREATE TABLE IF NOT EXISTS blog_analysis.schema_version (
    Version     INTEGER   PRIMARY KEY,
    UpgradedAt  TIMESTAMP NOT NULL  -- UTC
);
