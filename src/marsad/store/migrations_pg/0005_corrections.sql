-- PostgreSQL variant of migrations/0005_corrections.sql; `seq` gives the insertion order that SQLite
-- reads from the rowid.
CREATE TABLE corrections (
    seq         BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    id          TEXT COLLATE "C" PRIMARY KEY,
    kind        TEXT NOT NULL,
    target      TEXT COLLATE "C" NOT NULL,
    value       TEXT NOT NULL,
    by_name     TEXT NOT NULL,
    at          TEXT NOT NULL
);
CREATE INDEX corrections_target ON corrections (target);
