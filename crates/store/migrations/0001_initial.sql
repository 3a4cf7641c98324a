-- Farmstall schema version 1: the shop, farmers, products and the change log.
-- Money is whole fen (INTEGER); weights are whole grams; instants are RFC 3339 UTC text;
-- ids are UUIDv7 text. A shipped migration is never edited: add a new numbered file instead.

PRAGMA application_id = 1179798867; -- 'FRMS': marks the file as a Farmstall database

CREATE TABLE settings (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE shop_profile (
    id              INTEGER PRIMARY KEY CHECK (id = 1), -- one shop per database
    shop_name       TEXT NOT NULL CHECK (length(trim(shop_name)) > 0),
    owner_name      TEXT NOT NULL,
    sender_name     TEXT NOT NULL CHECK (length(trim(sender_name)) > 0),
    phone           TEXT NOT NULL CHECK (length(trim(phone)) > 0),
    province        TEXT NOT NULL CHECK (length(trim(province)) > 0),
    city            TEXT NOT NULL CHECK (length(trim(city)) > 0),
    district        TEXT NOT NULL,
    street          TEXT NOT NULL CHECK (length(trim(street)) > 0),
    default_courier TEXT CHECK (default_courier IN ('SF', 'ZTO', 'YTO', 'STO', 'YUNDA', 'JD', 'EMS')),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
) STRICT;

CREATE TABLE farmers (
    id            TEXT PRIMARY KEY NOT NULL,
    name          TEXT NOT NULL CHECK (length(trim(name)) > 0),
    village       TEXT NOT NULL,
    phone         TEXT NOT NULL,
    payment_notes TEXT NOT NULL,
    remarks       TEXT NOT NULL,
    sort_key      TEXT NOT NULL, -- name in pinyin, for the order Chinese users expect
    search_key    TEXT NOT NULL, -- full pinyin and initials of the name, for search
    archived_at   TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;

-- The same person in the same village is entered once; namesakes in other villages are fine.
CREATE UNIQUE INDEX farmers_active_name_village ON farmers (name, village) WHERE archived_at IS NULL;
CREATE INDEX farmers_sort_key ON farmers (sort_key);

CREATE TABLE products (
    id              TEXT PRIMARY KEY NOT NULL,
    name_zh         TEXT NOT NULL CHECK (length(trim(name_zh)) > 0),
    name_en         TEXT CHECK (name_en IS NULL OR length(trim(name_en)) > 0),
    sale_unit       TEXT NOT NULL CHECK (length(sale_unit) > 0),
    stock_unit      TEXT NOT NULL CHECK (length(stock_unit) > 0),
    shelf_life_days INTEGER CHECK (shelf_life_days IS NULL OR shelf_life_days BETWEEN 1 AND 3650),
    price_fen       INTEGER NOT NULL CHECK (price_fen >= 0),
    weight_grams    INTEGER CHECK (weight_grams IS NULL OR weight_grams > 0),
    sort_key        TEXT NOT NULL, -- Chinese name in pinyin
    search_key      TEXT NOT NULL, -- full pinyin and initials of the Chinese name
    archived_at     TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
) STRICT;

-- Two active products with one Chinese name would be confused at packing time.
CREATE UNIQUE INDEX products_active_name_zh ON products (name_zh) WHERE archived_at IS NULL;
CREATE INDEX products_sort_key ON products (sort_key);

-- Every write records what changed, when and where from, in the same transaction.
-- Rows are only ever appended.
CREATE TABLE change_log (
    seq       INTEGER PRIMARY KEY AUTOINCREMENT,
    at        TEXT NOT NULL,
    origin    TEXT NOT NULL CHECK (origin IN ('desktop', 'cli', 'import', 'sync', 'system')),
    entity    TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    action    TEXT NOT NULL CHECK (action IN ('create', 'update', 'archive', 'restore')),
    data      TEXT NOT NULL CHECK (json_valid(data))
) STRICT;

CREATE INDEX change_log_entity ON change_log (entity, entity_id);

CREATE TRIGGER change_log_append_only_update BEFORE UPDATE ON change_log
BEGIN
    SELECT RAISE(ABORT, 'the change log is append-only');
END;

CREATE TRIGGER change_log_append_only_delete BEFORE DELETE ON change_log
BEGIN
    SELECT RAISE(ABORT, 'the change log is append-only');
END;
