#!/usr/bin/env python3
"""Writes segment-customers.csv (hand-made edge cases plus seeded random rows, in the
schema of the peers' customers.csv) and segment-expected.tsv: for every query of
segments.tsv, the members SQLite finds with the query's SQL column (exactly what
`segments.py customers.csv sqlite` evaluates), with count and checksum.

Run from this folder: python3 make_segment_fixture.py
"""
import csv, hashlib, random, sqlite3

NOW = 1793491200          # 2026-11-01T00:00:00Z, the peers' "now"
DAY = 86400

def checksum(ids):
    h = 0
    for i in ids:
        h ^= int.from_bytes(hashlib.sha256(i.encode()).digest()[:8], "little")
    return "%016x" % h

COLS = ["id", "email", "created_at", "country", "birth_date", "customer_group", "newsletter",
        "number_of_orders", "amount_spent", "first_order_at", "last_order_at", "last_visit_at"]

rows = []
def add(created, country="NL", birth="", group="", news="none", orders=0, amount=0,
        first=None, last=None, visit=None):
    n = len(rows) + 1
    rows.append({"id": "C%07d" % n, "email": "c%d@example.com" % n, "created_at": created,
                 "country": country, "birth_date": birth, "customer_group": group,
                 "newsletter": news, "number_of_orders": orders, "amount_spent": amount,
                 "first_order_at": "" if first is None else first,
                 "last_order_at": "" if last is None else last,
                 "last_visit_at": "" if visit is None else visit})

# Edge cases, one second around each UTC-midnight threshold.
for delta in (-1, 0, 1):
    add(NOW - 30 * DAY + delta)                                   # new_30d boundary
    add(NOW - 100 * DAY, visit=NOW - 56 * DAY + delta)            # inactive boundary
    add(NOW - 400 * DAY, orders=2, amount=2000, first=NOW - 300 * DAY,
        last=NOW - 180 * DAY + delta, visit=NOW - DAY)            # at_risk boundary
    add(NOW - 14 * DAY + delta)                                   # never_ordered boundary
    add(NOW - 900 * DAY, group="vip", orders=5, amount=90000, first=NOW - 800 * DAY,
        last=NOW - 365 * DAY + delta, visit=NOW - 10 * DAY)       # lapsed_vip boundary
for amount in (49999, 50000, 50001):
    add(NOW - 700 * DAY, orders=10, amount=amount, first=NOW - 600 * DAY, last=NOW - 5 * DAY,
        visit=NOW - 2 * DAY)                                      # loyal boundary
    add(NOW - 700 * DAY, news="granted", orders=9, amount=amount * 2, first=NOW - 600 * DAY,
        last=NOW - 5 * DAY, visit=NOW - 2 * DAY)                  # big_no_consent boundary
for amount in (999999, 1000000, 1000001):
    for group in ("b2b", "wholesale", "vip", ""):
        add(NOW - 500 * DAY, group=group, orders=20, amount=amount, first=NOW - 400 * DAY,
            last=NOW - 3 * DAY, visit=NOW - DAY)                  # b2b_big boundary
for news in ("granted", "withdrawn", "none"):
    for country in ("NL", "BE", "DE"):
        add(NOW - 200 * DAY, country=country, news=news)          # nl_newsletter
add(NOW - 300 * DAY, group="vip")                                 # vip who never ordered: NULL last order
add(NOW - 300 * DAY, orders=1, amount=100, first=NOW - 20 * DAY, last=NOW - 20 * DAY)  # no visit: NULL

# Seeded random customers in the peers' shapes.
rng = random.Random(16)
for _ in range(140):
    created = NOW - rng.randint(0, 1500) * DAY + rng.randint(0, DAY - 1)
    orders = rng.choice([0, 0, 1, 2, 3, 5, 10, 12, 30])
    amount = 0 if orders == 0 else rng.randint(500, 1_500_000)
    first = last = None
    if orders:
        first = rng.randint(created, NOW - 1)
        last = rng.randint(first, NOW - 1)
    visit = rng.choice([None, rng.randint(created, NOW - 1)])
    birth = rng.choice(["", "1990-02-28", "1992-02-29", "1985-11-01", "2000-12-31"])
    add(created, country=rng.choice(["NL", "BE", "DE", "FR", "GB", "US"]), birth=birth,
        group=rng.choice(["", "", "vip", "b2b", "wholesale"]),
        news=rng.choice(["granted", "withdrawn", "none"]), orders=orders, amount=amount,
        first=first, last=last, visit=visit)

with open("segment-customers.csv", "w", newline="") as f:
    w = csv.DictWriter(f, fieldnames=COLS, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)

# Load exactly as segments.py does, and run each query's SQL.
db = sqlite3.connect(":memory:")
db.execute("CREATE TABLE c (id TEXT PRIMARY KEY, email TEXT, created_at INT, country TEXT, birth_date TEXT,"
           " customer_group TEXT, newsletter TEXT, number_of_orders INT, amount_spent INT,"
           " first_order_at INT, last_order_at INT, last_visit_at INT)")
NULLABLE = {"birth_date", "first_order_at", "last_order_at", "last_visit_at"}
INTS = {"created_at", "number_of_orders", "amount_spent", "first_order_at", "last_order_at", "last_visit_at"}
with open("segment-customers.csv") as f:
    for r in csv.DictReader(f):
        db.execute("INSERT INTO c VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                   [None if (r[c] == "" and c in NULLABLE) else (int(r[c]) if c in INTS else r[c]) for c in COLS])
with open("segments.tsv") as f, open("segment-expected.tsv", "w") as out:
    out.write("# name<TAB>count<TAB>checksum<TAB>member ids (SQLite, the SQL column of segments.tsv)\n")
    for line in f:
        if line.startswith("#") or not line.strip():
            continue
        name, _, where = line.rstrip("\n").split("\t")
        ids = sorted(r[0] for r in db.execute(f"SELECT id FROM c WHERE {where}"))
        out.write(f"{name}\t{len(ids)}\t{checksum(ids)}\t{','.join(ids)}\n")
