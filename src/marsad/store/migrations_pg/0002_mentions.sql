-- PostgreSQL variant of migrations/0002_mentions.sql.
CREATE TABLE mentions (
    article_id  TEXT COLLATE "C" NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    start       INTEGER NOT NULL,
    end_        INTEGER NOT NULL,
    text        TEXT NOT NULL,
    type        TEXT NOT NULL,
    entity_id   TEXT COLLATE "C" NOT NULL,
    canonical   TEXT,
    role        TEXT,
    PRIMARY KEY (article_id, start)
);
CREATE INDEX mentions_entity ON mentions (entity_id);
