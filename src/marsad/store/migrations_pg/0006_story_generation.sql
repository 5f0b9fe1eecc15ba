-- The SQLite store gains stories.generation in its migration of this name; this store has had it since
-- 0003. Both add the index below: the stale stories are looked up after every placement, and without
-- it that is a scan of every story.
CREATE INDEX stories_stale ON stories (id) WHERE stale = 1
