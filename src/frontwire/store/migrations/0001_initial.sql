-- Articles and the records extracted from them. Offsets are Python string
-- indices into articles.text, end exclusive. Lists and maps are JSON text.

CREATE TABLE articles (
    pk INTEGER PRIMARY KEY,           -- stable rowid for the full-text index
    id TEXT NOT NULL UNIQUE,
    sha256 TEXT NOT NULL,             -- Article.sha256: text and metadata
    digest TEXT NOT NULL,             -- hash of the whole extraction
    outlet TEXT,
    published TEXT,
    title TEXT,
    url TEXT,
    path TEXT,
    fmt TEXT NOT NULL DEFAULT 'txt',
    text TEXT NOT NULL,
    warnings TEXT NOT NULL DEFAULT '[]',
    ingested_at TEXT NOT NULL
);
CREATE INDEX articles_outlet ON articles (outlet);
CREATE INDEX articles_published ON articles (published);

CREATE TABLE events (
    pk INTEGER PRIMARY KEY,
    id TEXT NOT NULL,                 -- Event.id: doc:sentence-start:type
    doc TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,             -- order inside the extraction
    type TEXT NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    text TEXT NOT NULL,
    side TEXT,
    actor TEXT,
    unit TEXT,
    location TEXT,
    location_start INTEGER,
    location_end INTEGER,
    location_kind TEXT,
    country TEXT,
    admin1 TEXT,
    lat REAL,
    lon REAL,
    gazetteer_id TEXT,
    date_start TEXT,
    date_end TEXT,
    date_precision TEXT,
    date_text TEXT,
    date_span_start INTEGER,
    date_span_end INTEGER,
    count REAL,
    count_unit TEXT,
    chain TEXT NOT NULL DEFAULT '[]',
    source TEXT,
    origin TEXT,
    evidence TEXT NOT NULL,
    cue TEXT,
    confidence REAL NOT NULL,
    provenance TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX events_id ON events (id);
CREATE INDEX events_doc ON events (doc, seq);
CREATE INDEX events_type ON events (type);
CREATE INDEX events_side ON events (side COLLATE NOCASE);
CREATE INDEX events_evidence ON events (evidence);
CREATE INDEX events_dates ON events (date_start, date_end);

CREATE TABLE quotes (
    pk INTEGER PRIMARY KEY,
    doc TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    text TEXT NOT NULL,
    speaker TEXT,
    speaker_type TEXT NOT NULL,
    speaker_start INTEGER,
    speaker_end INTEGER
);
CREATE INDEX quotes_doc ON quotes (doc, seq);

CREATE TABLE mentions (
    pk INTEGER PRIMARY KEY,
    doc TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    label TEXT NOT NULL,
    text TEXT NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    norm TEXT NOT NULL,
    kb_id TEXT
);
CREATE INDEX mentions_doc ON mentions (doc, seq);
CREATE INDEX mentions_label ON mentions (label, norm);
