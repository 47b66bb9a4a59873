-- Each linked article's shingle set and MinHash signature, so that a linker
-- restored from the store finds copies without hashing every text again.

CREATE TABLE sketches (
    doc TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    grams BLOB NOT NULL,              -- sorted unique uint32 shingle hashes
    signature BLOB NOT NULL           -- uint64[128] MinHash signature
);
