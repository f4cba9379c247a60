"""The index schema (DDL). Kept in Python rather than a .sql file so it ships inside any install.

Offsets (span_start, span_end) are character offsets into the report's source text (the summary's
`source.text`, stored once under texts/). Documented for users in docs/bulk.md, with the history of
INDEX_VERSION: bump it on any change that old files cannot follow, and teach Index to upgrade them.
"""

from __future__ import annotations

INDEX_VERSION = "2"

TABLES = """

CREATE TABLE IF NOT EXISTS meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS runs (
  id          INTEGER PRIMARY KEY,
  started_at  TEXT NOT NULL,
  finished_at TEXT,
  status      TEXT NOT NULL,             -- running | complete | stopped | interrupted | failed
  in_dir      TEXT NOT NULL,
  engine      TEXT NOT NULL,
  engine_key  TEXT NOT NULL,
  model       TEXT,
  workers     INTEGER,
  files       INTEGER,
  summarised  INTEGER,
  recovered   INTEGER,
  unchanged   INTEGER,
  duplicates  INTEGER,
  failed      INTEGER
);

CREATE TABLE IF NOT EXISTS reports (
  id                INTEGER PRIMARY KEY,
  sha256            TEXT NOT NULL UNIQUE,   -- of the input bytes: the content address
  path              TEXT NOT NULL,          -- input file (relative to IN_DIR) that was summarised
  json_path         TEXT NOT NULL,          -- its summary (relative to OUT_DIR)
  engine_key        TEXT NOT NULL,          -- fingerprint of the engine configuration
  engine            TEXT NOT NULL,
  engine_version    TEXT,
  model             TEXT,
  run_id            INTEGER REFERENCES runs(id),
  summarised_at     TEXT NOT NULL,
  format            TEXT,
  encoding          TEXT,
  chars             INTEGER,
  title             TEXT,
  unit              TEXT,
  inspector         TEXT,
  inspection_kind   TEXT,
  inspection_round  TEXT,
  inspection_start  TEXT,
  inspection_end    TEXT,
  feedback_date     TEXT,
  published_date    TEXT,
  page_date         TEXT,
  issuer            TEXT,
  areas             INTEGER,                -- counts found in the text
  items             INTEGER,
  problems          INTEGER,
  measures          INTEGER,
  outstanding       INTEGER,
  stated_problems   REAL,                   -- the count the report states about itself
  discipline_people INTEGER,
  warnings          INTEGER,
  status            TEXT NOT NULL DEFAULT 'complete', -- complete | partial (some LLM chunks fell back)
  fallbacks         TEXT,                   -- partial: JSON list of {chunk, code, reason}
  text_sha256       TEXT                    -- its source text, texts/<2>/<sha>.txt.gz; null: inside the JSON
);

CREATE INDEX IF NOT EXISTS reports_json_path ON reports(json_path);

CREATE TABLE IF NOT EXISTS files (
  path       TEXT PRIMARY KEY,              -- relative to IN_DIR
  sha256     TEXT NOT NULL,
  size       INTEGER,
  status     TEXT NOT NULL CHECK (status IN ('summarised', 'partial', 'duplicate', 'failed', 'pending')),
  report_id  INTEGER REFERENCES reports(id),
  engine_key TEXT NOT NULL,
  error_kind TEXT,                          -- input | not_a_report | engine | write | timeout | internal | crash
  error      TEXT,
  run_id     INTEGER REFERENCES runs(id),   -- run that last changed the row
  seen_run   INTEGER                        -- run that last saw the file
);
CREATE INDEX IF NOT EXISTS files_sha256 ON files(sha256);
CREATE INDEX IF NOT EXISTS files_report ON files(report_id);

CREATE TABLE IF NOT EXISTS stated_counts (
  report_id  INTEGER NOT NULL REFERENCES reports(id),
  key        TEXT NOT NULL,                 -- areas | items | problems | completed | …
  value      REAL,
  unit       TEXT,
  text       TEXT,
  span_start INTEGER,
  span_end   INTEGER,
  PRIMARY KEY (report_id, key)
);

CREATE TABLE IF NOT EXISTS areas (
  id         INTEGER PRIMARY KEY,
  report_id  INTEGER NOT NULL REFERENCES reports(id),
  ord        INTEGER NOT NULL,
  title      TEXT,
  span_start INTEGER,
  span_end   INTEGER
);
CREATE INDEX IF NOT EXISTS areas_report ON areas(report_id);

-- Numbered items (level 'item') and their sub-problems (level 'problem', parent_id = the item).
CREATE TABLE IF NOT EXISTS problems (
  id            INTEGER PRIMARY KEY,
  report_id     INTEGER NOT NULL REFERENCES reports(id),
  area_id       INTEGER NOT NULL REFERENCES areas(id),
  parent_id     INTEGER REFERENCES problems(id),
  level         TEXT NOT NULL CHECK (level IN ('item', 'problem')),
  ord           INTEGER NOT NULL,
  title         TEXT NOT NULL,
  named_problem TEXT,
  status        TEXT,                       -- done | in_progress | long_term | unknown
  span_start    INTEGER,
  span_end      INTEGER,
  folded        TEXT                        -- what search matches, when folding changed it (see below)
);
CREATE INDEX IF NOT EXISTS problems_report ON problems(report_id);
CREATE INDEX IF NOT EXISTS problems_area ON problems(area_id);

CREATE TABLE IF NOT EXISTS measures (
  id         INTEGER PRIMARY KEY,
  report_id  INTEGER NOT NULL REFERENCES reports(id),
  area_id    INTEGER NOT NULL REFERENCES areas(id),
  problem_id INTEGER REFERENCES problems(id), -- null for a measure listed directly under an area
  ord        INTEGER NOT NULL,
  text       TEXT NOT NULL,               -- a short label (一是严控公务用车 → 严控公务用车)
  status     TEXT,                        -- the measure as worded: the source text at its span
  span_start INTEGER,
  span_end   INTEGER,
  folded     TEXT                         -- what search matches, when folding changed it (see below)
);
CREATE INDEX IF NOT EXISTS measures_report ON measures(report_id);
CREATE INDEX IF NOT EXISTS measures_problem ON measures(problem_id);

CREATE TABLE IF NOT EXISTS figures (
  id         INTEGER PRIMARY KEY,
  report_id  INTEGER NOT NULL REFERENCES reports(id),
  problem_id INTEGER NOT NULL REFERENCES problems(id),
  label      TEXT,
  value      REAL,
  text       TEXT,
  unit       TEXT,
  span_start INTEGER,
  span_end   INTEGER
);
CREATE INDEX IF NOT EXISTS figures_report ON figures(report_id);

CREATE TABLE IF NOT EXISTS outstanding (
  id         INTEGER PRIMARY KEY,
  report_id  INTEGER NOT NULL REFERENCES reports(id),
  ord        INTEGER NOT NULL,
  item       TEXT NOT NULL,
  deadline   TEXT,
  status     TEXT,
  span_start INTEGER,
  span_end   INTEGER
);
CREATE INDEX IF NOT EXISTS outstanding_report ON outstanding(report_id);

CREATE TABLE IF NOT EXISTS discipline (
  report_id INTEGER NOT NULL REFERENCES reports(id),
  kind      TEXT NOT NULL,                  -- 党纪处分 | 政务处分 | 诫勉 | 提醒谈话 | …
  people    INTEGER NOT NULL,
  PRIMARY KEY (report_id, kind)
);

CREATE TABLE IF NOT EXISTS warnings (
  id         INTEGER PRIMARY KEY,
  report_id  INTEGER NOT NULL REFERENCES reports(id),
  code       TEXT NOT NULL,
  message    TEXT NOT NULL,
  span_start INTEGER,
  span_end   INTEGER
);
CREATE INDEX IF NOT EXISTS warnings_report ON warnings(report_id);

CREATE TABLE IF NOT EXISTS text_items (
  id         INTEGER PRIMARY KEY,
  report_id  INTEGER NOT NULL REFERENCES reports(id),
  section    TEXT NOT NULL CHECK (section IN ('organisation', 'next_steps')),
  ord        INTEGER NOT NULL,
  title      TEXT,
  text       TEXT NOT NULL,
  span_start INTEGER,
  span_end   INTEGER
);
CREATE INDEX IF NOT EXISTS text_items_report ON text_items(report_id);
"""

# What `summarise search` matches: a problem's heading and named problem, a measure's label (not the
# whole measure as worded: that is most of a report, and searching it found every word everywhere),
# folded from traditional to simplified characters (archive/fold.py), so that 公務用車 finds 公务用车.
# The folded text is kept only where folding changed it (`folded`, null for a simplified report), and
# the *_search views give it for every row. The trigram tokenizer matches any substring of three
# characters or more, which is what Chinese needs (unicode61 would take a whole clause as one token);
# LIKE on the same text takes shorter words. External content over the views keeps no second copy of
# the text, and the delete triggers need nothing but SQL, so the index stays right when rows are
# deleted by hand. The quoting of content="…" is the form Datasette looks for to offer a search box.
SEARCH_VIEWS = """
CREATE VIEW IF NOT EXISTS problems_search(id, text) AS
  SELECT id, coalesce(folded, CASE WHEN named_problem IS NULL THEN title ELSE title || ' ' || named_problem END)
  FROM problems;
CREATE VIEW IF NOT EXISTS measures_search(id, text) AS SELECT id, coalesce(folded, text) FROM measures;
"""
FTS = """
CREATE VIRTUAL TABLE IF NOT EXISTS problems_fts USING fts5(
  text, content="problems_search", content_rowid="id", tokenize="trigram", columnsize=0
);
CREATE VIRTUAL TABLE IF NOT EXISTS measures_fts USING fts5(
  text, content="measures_search", content_rowid="id", tokenize="trigram", columnsize=0
);
CREATE TRIGGER IF NOT EXISTS problems_fts_delete AFTER DELETE ON problems BEGIN
  INSERT INTO problems_fts(problems_fts, rowid, text) VALUES ('delete', old.id, coalesce(old.folded,
    CASE WHEN old.named_problem IS NULL THEN old.title ELSE old.title || ' ' || old.named_problem END));
END;
CREATE TRIGGER IF NOT EXISTS measures_fts_delete AFTER DELETE ON measures BEGIN
  INSERT INTO measures_fts(measures_fts, rowid, text) VALUES ('delete', old.id, coalesce(old.folded, old.text));
END;
"""

# Child tables of a report, children before parents, for replacing a report's rows.
CHILD_TABLES = (
    "figures",
    "measures",
    "problems",
    "areas",
    "stated_counts",
    "outstanding",
    "discipline",
    "warnings",
    "text_items",
)
