-- PostgreSQL variant of migrations/0001_articles.sql (same tables and columns). Keys, dates and
-- outlets are compared and sorted in COLLATE "C" (byte order, as SQLite does), whatever the database's
-- collation; LIKE on a "C" column can use the btree index for id prefixes.
CREATE TABLE articles (
    id           TEXT COLLATE "C" PRIMARY KEY,
    version      INTEGER NOT NULL DEFAULT 1,
    content_hash TEXT NOT NULL,
    source       TEXT NOT NULL,
    url          TEXT,
    outlet       TEXT COLLATE "C",
    published    TEXT COLLATE "C",
    title        TEXT,
    language     TEXT,
    words        INTEGER NOT NULL DEFAULT 0,
    doc          TEXT NOT NULL,          -- the Article object of the analysis document (JSON text, compared as is)
    raw          TEXT NOT NULL,          -- the decoded input before cleaning (re-analysis, audit)
    ingested_at  TEXT COLLATE "C" NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX articles_outlet ON articles (outlet);
CREATE INDEX articles_published ON articles (published);
CREATE TABLE article_versions (
    id           TEXT COLLATE "C" NOT NULL,
    version      INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    doc          TEXT NOT NULL,
    raw          TEXT NOT NULL,
    stored_at    TEXT NOT NULL,
    PRIMARY KEY (id, version)
);
CREATE TABLE skipped (
    source  TEXT PRIMARY KEY,
    reason  TEXT NOT NULL,
    detail  TEXT NOT NULL,
    at      TEXT NOT NULL
);
