-- Stories: each analysed article's clustering features, the story it belongs to, and each story's
-- derived object (timeline, claims, summary ...) as JSON. `stale` marks a story whose members changed
-- and whose object must be rebuilt. It is set in the same transaction as the membership change, so an
-- interrupted ingest leaves stale stories behind, never wrong ones, and the next ingest rebuilds them.
CREATE TABLE story_features (
    article_id  TEXT PRIMARY KEY NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    story_id    TEXT NOT NULL,
    published   TEXT,
    entities    TEXT NOT NULL,        -- JSON list of entity ids
    terms       TEXT NOT NULL,        -- JSON object stem -> weight: the title-and-lead vector
    body        TEXT NOT NULL,        -- JSON object stem -> weight: the whole-article vector
    grams       TEXT NOT NULL DEFAULT '{}'  -- JSON object character n-gram -> weight (title and lead)
);
CREATE INDEX story_features_story ON story_features (story_id);
-- The inverted index of the stored vectors (kind 'L': lead, 'B': body): candidates for a new
-- article are the stored ones with the highest dot products, found through it.
CREATE TABLE story_terms (
    kind        TEXT NOT NULL,
    term        TEXT NOT NULL,
    article_id  TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    weight      REAL NOT NULL,
    PRIMARY KEY (kind, term, article_id)
) WITHOUT ROWID;
CREATE INDEX story_terms_article ON story_terms (article_id);
CREATE TABLE stories (
    id          TEXT PRIMARY KEY NOT NULL,
    title       TEXT,
    first_date  TEXT,
    last_date   TEXT,
    articles    INTEGER NOT NULL DEFAULT 0,
    stale       INTEGER NOT NULL DEFAULT 1,
    doc         TEXT,                 -- the Story object of the analysis document (JSON), null while stale
    members     INTEGER NOT NULL DEFAULT 0,   -- the centroid: how many vectors are summed
    lead_sum    TEXT NOT NULL DEFAULT '{}',   -- JSON sum of the members' lead vectors
    body_sum    TEXT NOT NULL DEFAULT '{}',   -- JSON sum of the members' body vectors
    updated_at  TEXT NOT NULL
);
