-- Imports (issue 15): which items of another tool became which todo, so an import runs once.
-- A todo sent from one person to another is two items in the official Todo plugin; both
-- rows name the one todo they became.
CREATE TABLE channeltodo_imports (
    source      varchar(64)  NOT NULL,
    source_id   varchar(128) NOT NULL,
    todo_id     varchar(26)  NOT NULL,
    imported_at bigint       NOT NULL,
    PRIMARY KEY (source, source_id)
);
