"""Migration 21: a trade thread's goods (商品帖) and their earlier states."""

from sqlite_utils import Database

_RENDERINGS = "'desktop', 'touch', 'api'"
_COLUMNS = """name TEXT,
    quality TEXT CHECK (quality IN ('new', 'used')),
    price TEXT,
    cost_price TEXT,
    credit INTEGER,
    remaining_text TEXT,
    closed INTEGER CHECK (closed IN (0, 1)),
    amount INTEGER,
    locus TEXT,
    seller TEXT,
    seller_uid INTEGER,
    image_url TEXT"""

_TABLES = (
    f"""CREATE TABLE trade_goods (
    site TEXT NOT NULL,
    pid INTEGER NOT NULL,
    tid INTEGER NOT NULL,
    {_COLUMNS},
    rendering TEXT NOT NULL CHECK (rendering IN ({_RENDERINGS})),
    page_id INTEGER REFERENCES pages(id),
    first_seen_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    PRIMARY KEY (site, pid),
    FOREIGN KEY (site, tid) REFERENCES threads(site, tid)
)""",
    f"""CREATE TABLE trade_goods_revisions (
    site TEXT NOT NULL,
    pid INTEGER NOT NULL,
    revision INTEGER NOT NULL,
    {_COLUMNS},
    rendering TEXT CHECK (rendering IN ({_RENDERINGS})),
    page_id INTEGER REFERENCES pages(id),
    last_seen_at TEXT,
    replaced_at TEXT NOT NULL,
    PRIMARY KEY (site, pid, revision),
    FOREIGN KEY (site, pid) REFERENCES trade_goods(site, pid)
)""",
)


def m021_create_trade_goods(db: Database) -> None:
    """trade_goods (one per item on sale, by its post's pid), trade_goods_revisions."""
    # trade_goods.pid: the item's own post, which no page shows as a post (so no foreign key
    # to posts). price, cost_price: in 元 as shown (`1299.00`); credit: what it costs in
    # credits. remaining_text, closed: as the thread page shows them; amount, locus and the
    # seller come from the API only.
    for statement in _TABLES:
        db.execute(statement)


STEPS = (m021_create_trade_goods,)
