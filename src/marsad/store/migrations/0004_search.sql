-- Full-text search (marsad/search.py, store/sqlite_search.py). One FTS5 row per article: the index
-- keys of its title and of its body (folded, stripped of clitics, respelled, stemmed words, so the
-- FTS5 tokenizer only splits on spaces), sentence by sentence with a break key between sentences so
-- that a phrase never spans two. search_sentences keeps each sentence's span and text for snippets.
-- The rows are written in the same transaction as the article, and the store fills them for the articles
-- stored before this migration when it is next opened (search_meta holds the key scheme it used).
CREATE TABLE search_docs (
    doc         INTEGER PRIMARY KEY,           -- the FTS rowid (an INTEGER PRIMARY KEY survives VACUUM)
    article_id  TEXT NOT NULL UNIQUE REFERENCES articles (id) ON DELETE CASCADE,
    outlet      TEXT,                          -- copied from the article: the filters never read its wide row
    published   TEXT
);
CREATE TABLE search_sentences (
    doc    INTEGER NOT NULL REFERENCES search_docs (doc) ON DELETE CASCADE,
    n      INTEGER NOT NULL,                   -- the sentence's rank among the article's keyed sentences
    start  INTEGER NOT NULL,
    end_   INTEGER NOT NULL,
    text   TEXT NOT NULL,
    spans  BLOB NOT NULL,                      -- start, end of each indexed word in `text` (uint32 pairs)
    PRIMARY KEY (doc, n)
) WITHOUT ROWID;
CREATE VIRTUAL TABLE search_fts USING fts5 (title, body, tokenize = 'unicode61 remove_diacritics 0');
-- The entity filter: which indexed articles mention an entity (one row per pair, integer doc ids,
-- checked once per match).
CREATE TABLE search_entities (
    entity  TEXT NOT NULL,
    doc     INTEGER NOT NULL REFERENCES search_docs (doc) ON DELETE CASCADE,
    PRIMARY KEY (entity, doc)
) WITHOUT ROWID;
CREATE INDEX search_entities_doc ON search_entities (doc);
CREATE TABLE search_meta (
    name   TEXT PRIMARY KEY NOT NULL,
    value  TEXT NOT NULL
);
