-- Search (issue 15): the words of a todo's text, for full-text search. The 'simple'
-- configuration lower-cases words and keeps them whole in every language (no stemming, no
-- stop words), so a search for the beginning of a word finds it whatever language it is in.
CREATE INDEX channeltodo_todos_search ON channeltodo_todos USING gin (to_tsvector('simple', text))
    WHERE deleted_at = 0;
