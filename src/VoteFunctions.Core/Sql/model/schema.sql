-- The warehouse's schema: every relation of the model lives in it.
CREATE SCHEMA IF NOT EXISTS blog_analysis;
