-- Incidents across articles: syndicated copies, the links between events
-- (the source of truth, each with its reasons), the incidents they form,
-- canonical entities and the user's aliases.

CREATE TABLE copies (
    doc TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    original TEXT NOT NULL,           -- the earliest published article of the text
    containment REAL NOT NULL         -- shared shingles over the shorter text's
);
CREATE INDEX copies_original ON copies (original);

CREATE TABLE links (
    a TEXT NOT NULL,                  -- Event.id, a < b
    b TEXT NOT NULL,
    doc_a TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    doc_b TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,               -- article | copy | cross
    score REAL NOT NULL,
    reasons TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (a, b)
);
CREATE INDEX links_b ON links (b);
CREATE INDEX links_doc_a ON links (doc_a);
CREATE INDEX links_doc_b ON links (doc_b);

CREATE TABLE incidents (
    pk INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL,
    reports INTEGER NOT NULL,
    outlets INTEGER NOT NULL,
    origins INTEGER NOT NULL,
    copies INTEGER NOT NULL,
    evidence TEXT NOT NULL,
    denied INTEGER NOT NULL,
    first_report TEXT,
    last_report TEXT,
    date_start TEXT,
    date_end TEXT,
    date_precision TEXT,
    date_text TEXT,
    side TEXT,
    unit TEXT,
    location TEXT,
    location_kind TEXT,
    country TEXT,
    admin1 TEXT,
    lat REAL,
    lon REAL,
    gazetteer_id TEXT,
    count REAL,
    count_unit TEXT,
    origin_names TEXT NOT NULL DEFAULT '[]',
    outlet_names TEXT NOT NULL DEFAULT '[]',
    docs TEXT NOT NULL DEFAULT '[]',
    text TEXT NOT NULL DEFAULT ''
);
CREATE INDEX incidents_type ON incidents (type);
CREATE INDEX incidents_origins ON incidents (origins);
CREATE INDEX incidents_first ON incidents (first_report);

CREATE TABLE incident_events (
    event TEXT PRIMARY KEY,           -- Event.id
    incident TEXT NOT NULL,
    doc TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE
);
CREATE INDEX incident_events_incident ON incident_events (incident);
CREATE INDEX incident_events_doc ON incident_events (doc);

-- articles whose events have been linked, with the extraction digest linked
CREATE TABLE linked (
    doc TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    digest TEXT NOT NULL
);

-- canonical entities, rebuilt from the events after each batch
CREATE TABLE entities (
    key TEXT PRIMARY KEY,             -- unit:155-brigade, place:geonames:..., person:..., outlet:..., channel:...
    kind TEXT NOT NULL,
    name TEXT NOT NULL,               -- the display name (the user's, or the most used wording)
    user INTEGER NOT NULL DEFAULT 0,  -- 1 when an alias file chose the name
    events INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX entities_kind ON entities (kind, name);

CREATE TABLE entity_aliases (
    entity TEXT NOT NULL REFERENCES entities (key) ON DELETE CASCADE,
    alias TEXT NOT NULL,              -- a wording seen in the text
    events INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (entity, alias)
);

-- the user's alias file, as last loaded: (kind, folded wording) -> canonical name
CREATE TABLE user_aliases (
    kind TEXT NOT NULL,
    alias TEXT NOT NULL,
    canonical TEXT NOT NULL,
    PRIMARY KEY (kind, alias)
);
