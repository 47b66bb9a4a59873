-- Which state of the links the linker's index beside the store (<store>-links) must match: the
-- store's id, and a generation bumped by every write of links, so an index a crash left behind
-- (or one of another store) is rebuilt, never read.
CREATE TABLE link_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    store TEXT NOT NULL,
    generation INTEGER NOT NULL
);
INSERT INTO link_state (id, store, generation) VALUES (1, lower(hex(randomblob(16))), 0);
