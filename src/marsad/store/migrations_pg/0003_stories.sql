-- PostgreSQL variant of migrations/0003_stories.sql, plus stories.generation: it grows each time a
-- story is marked stale, and a rebuilt story is written only if it has not grown since its members
-- were read (store/postgres_stories.py), so that one process never overwrites, with an older
-- picture, a story that another process changed in between.
CREATE TABLE story_features (
    article_id  TEXT COLLATE "C" PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    story_id    TEXT COLLATE "C" NOT NULL,
    published   TEXT COLLATE "C",
    entities    TEXT NOT NULL,        -- JSON list of entity ids
    terms       TEXT NOT NULL,        -- JSON object stem -> weight: the title-and-lead vector
    body        TEXT NOT NULL,        -- JSON object stem -> weight: the whole-article vector
    grams       TEXT NOT NULL DEFAULT '{}'  -- JSON object character n-gram -> weight (title and lead)
);
CREATE INDEX story_features_story ON story_features (story_id);
CREATE TABLE story_terms (
    kind        TEXT COLLATE "C" NOT NULL,
    term        TEXT COLLATE "C" NOT NULL,
    article_id  TEXT COLLATE "C" NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    weight      DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (kind, term, article_id)
);
CREATE INDEX story_terms_article ON story_terms (article_id);
CREATE TABLE stories (
    id          TEXT COLLATE "C" PRIMARY KEY,
    title       TEXT,
    first_date  TEXT COLLATE "C",
    last_date   TEXT COLLATE "C",
    articles    INTEGER NOT NULL DEFAULT 0,
    stale       INTEGER NOT NULL DEFAULT 1,
    doc         TEXT,                 -- the Story object of the analysis document (JSON), null while stale
    members     INTEGER NOT NULL DEFAULT 0,   -- the centroid: how many vectors are summed
    lead_sum    TEXT NOT NULL DEFAULT '{}',   -- JSON sum of the members' lead vectors
    body_sum    TEXT NOT NULL DEFAULT '{}',   -- JSON sum of the members' body vectors
    updated_at  TEXT NOT NULL,
    generation  BIGINT NOT NULL DEFAULT 0
);
