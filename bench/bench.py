#!/usr/bin/env python3
"""Benchmarks at coop-federation scale: each scenario beside its physical floor.

    python3 bench/bench.py                 # build the database if missing, then measure
    python3 bench/bench.py --scale 0.1     # a tenth of the data, for a quick look
    python3 bench/bench.py --rebuild       # drop and build the database again

The database (both addons, no demo data) is filled by a seeded generator: 5,000 members over
the Lyon metropolitan area, 10,000 volunteers over a region of six cities, 200,000 ledger
lines, 20,000 drive orders (the coming slots of a store about half full, the rest in past
weeks, never more than a slot holds), 2,000 delivery requests (times --scale), and
the 50 shift templates of a store's year (not scaled: one store's schedule). Each scenario runs
--repeat times, the ORM and its baseline alternated within each repetition (A/B, then B/A), in
the same process; the table gives medians and p90 of both, the ratio of the medians and the
query counts. The checkout scenario starts an Odoo server with --workers on 127.0.0.1 and
times whole purchases (payment page, slot, payment, confirmation) by concurrent shoppers.
"""

import argparse
import json
import os
import platform
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import namedtuple
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ADDONS = "coop_member_shifts,coop_solidarity_delivery"
LYON = (45.70, 45.82, 4.78, 4.93)  # lat min, lat max, lon min, lon max
# The volunteers' region: (latitude, longitude, half-size in degrees, share of the volunteers).
# The cities around Lyon are 25-90 km away, outside the 15 km bounding box of a Lyon request.
CITIES = (
    (45.76, 4.855, 0.06, 0.40),  # Lyon
    (45.44, 4.39, 0.04, 0.14),  # Saint-Etienne
    (45.19, 5.72, 0.04, 0.14),  # Grenoble
    (45.99, 4.72, 0.03, 0.11),  # Villefranche-sur-Saone
    (46.205, 5.225, 0.03, 0.11),  # Bourg-en-Bresse
    (45.525, 4.874, 0.025, 0.10),  # Vienne
)
ORDER_COLUMNS = """name, partner_id, partner_invoice_id, partner_shipping_id, company_id,
    date_order, state, coop_slot_id, carrier_id, warehouse_id, coop_drive_state,
    picking_policy, create_uid, write_uid, create_date, write_date"""
SLOT_CAPACITY = 40
SIZES = {"members": 5000, "volunteers": 10000, "ledger": 200000, "orders": 20000, "requests": 2000}
TEMPLATES = 50  # one store's weekly schedule, whatever the scale
SHOPPERS = 4  # web-shop members per checkout kind, one per concurrent client
KINDS = ("drive", "plain")  # a drive purchase (with the slot picker), one without slots
HOT_SHARE = 0.5  # share of the drive purchases that choose the one hot slot
PICKER_RELOAD = False  # the picker books the slot in place; --picker-reload for the old picker
POLL_ATTEMPTS = 10  # the payment status page polls again when the confirmation must retry
TZ = "Europe/Paris"

Scenario = namedtuple("Scenario", "name orm sql reset", defaults=(None,))
# Lines a scenario adds below the table (a check it made on the benchmark's data).
NOTES = []


def addons_path():
    import odoo

    package = Path(odoo.__file__).parent
    paths = [ROOT, package.parent / "addons", package / "addons"]
    return ",".join(str(p) for p in paths if p.is_dir())


def create_database(db):
    subprocess.call(["dropdb", "--if-exists", db])
    subprocess.check_call(
        [
            sys.executable,
            "-m",
            "odoo",
            "-d",
            db,
            "--addons-path",
            addons_path(),
            "-i",
            ADDONS,
            "--without-demo",
            "all",
            "--stop-after-init",
            "--log-level",
            "warn",
            "--http-port",
            "0",
        ],
        env={**os.environ, "TZ": "UTC"},
    )


def database_exists(db):
    out = subprocess.check_output(
        ["psql", "-d", "postgres", "-Atc", "SELECT datname FROM pg_database"], text=True
    )
    return db in out.split()


# --- generation -----------------------------------------------------------------------------


def generate(env, scale, seed, members=None):
    rng = random.Random(seed)
    sizes = {name: max(1, int(count * scale)) for name, count in SIZES.items()}
    sizes["members"] = members or sizes["members"]
    timings = {}
    quiet = env(context={"tracking_disable": True, "mail_create_nolog": True, "mail_notrack": True})
    sizes["templates"], sizes["shoppers"] = TEMPLATES, 2 * SHOPPERS
    steps = (_members, _volunteers, _ledger, _orders, _requests, _templates, _shoppers)
    for step in steps:
        start = time.perf_counter()
        step(quiet, rng, sizes)
        env.cr.commit()
        timings[step.__name__.strip("_")] = time.perf_counter() - start
    env.cr.execute("ANALYZE")  # plans from fresh statistics, not from autovacuum's timing
    return sizes, timings


def _members(env, rng, sizes):
    partners = env["res.partner"]
    for batch in range(0, sizes["members"], 1000):
        partners.create(
            [
                {
                    "name": f"Member {i}",
                    "free_member": True,
                    "partner_latitude": rng.uniform(LYON[0], LYON[1]),
                    "partner_longitude": rng.uniform(LYON[2], LYON[3]),
                    "coop_geo_state": "done",
                }
                for i in range(batch, min(batch + 1000, sizes["members"]))
            ]
        )


def _volunteers(env, rng, sizes):
    days = env["coop.weekday"].search([])
    for batch in range(0, sizes["volunteers"], 1000):
        env["res.partner"].create(
            [
                {
                    "name": f"Volunteer {i}",
                    "coop_is_volunteer": True,
                    "coop_can_deliver": True,
                    "coop_can_prepare": rng.random() < 0.5,
                    "coop_notify_consent": True,
                    "coop_radius_km": rng.choice((1.5, 3, 5, 8)),
                    "coop_weekly_max": rng.choice((0, 2, 3)),
                    "coop_weekday_ids": [(6, 0, rng.sample(days.ids, rng.randint(1, 7)))],
                    "email": f"volunteer{i}@example.com",
                    **_in_region(rng),
                    "coop_geo_state": "done",
                }
                for i in range(batch, min(batch + 1000, sizes["volunteers"]))
            ]
        )


def _in_region(rng):
    """A point in one of the region's cities, drawn by their share."""
    lat, lon, half, _share = rng.choices(CITIES, weights=[city[3] for city in CITIES])[0]
    return {
        "partner_latitude": lat + rng.uniform(-half, half),
        "partner_longitude": lon + rng.uniform(-half * 1.4, half * 1.4),
    }


def _ledger(env, rng, sizes):
    """Ledger lines in bulk SQL: the ORM path is measured, not the data loading."""
    env.cr.execute("SELECT setseed(%s)", (rng.uniform(-1, 1),))  # SQL random() too
    env.cr.execute(
        """
        INSERT INTO coop_work_entry (partner_id, date, hours, kind, name, state, company_id,
                                     create_uid, write_uid, create_date, write_date)
        SELECT m.ids[1 + floor(random() * array_length(m.ids, 1))::int],
               CURRENT_DATE - (random() * 730)::int,
               (1 + floor(random() * 6)) / 2.0,
               (ARRAY['shift', 'shift', 'task', 'delivery', 'adjustment'])
                   [1 + floor(random() * 5)::int],
               'Bench work', 'validated', 1, 1, 1, NOW(), NOW()
          FROM generate_series(1, %s),
               (SELECT array_agg(id ORDER BY id) AS ids
                  FROM res_partner WHERE name LIKE 'Member %%') m
        """,
        (sizes["ledger"],),
    )


def _orders(env, rng, sizes):
    """A store with weekly rules and its slots of the next 60 days, orders on them in bulk
    SQL, never more than a slot holds (the shop refuses the next): the coming slots about
    half full, the rest of the orders handed over in as many past weeks as they need."""
    carrier = env["delivery.carrier"].search([("delivery_type", "=", "in_store")], limit=1)
    warehouse = env["stock.warehouse"].search([], limit=1)
    carrier.warehouse_ids = [(6, 0, warehouse.ids)]
    rules = env["coop.slot.rule"].create(
        [
            {
                "carrier_id": carrier.id,
                "warehouse_id": warehouse.id,
                "weekday": str(day),
                "start_hour": start,
                "end_hour": start + 2,
                "capacity": SLOT_CAPACITY,
                "cutoff_hours": 2,
                "horizon_days": 60,
                "tz": "Europe/Paris",
            }
            for day in range(6)
            for start in (10.0, 17.0)
        ]
    )
    rules.action_generate_slots()
    env.cr.execute("SELECT array_agg(id ORDER BY id) FROM res_partner WHERE name LIKE 'Member %%'")
    (member_ids,) = env.cr.fetchone()
    env.cr.execute("SELECT setseed(%s)", (rng.uniform(-1, 1),))
    values = {"members": member_ids, "carrier": carrier.id, "warehouse": warehouse.id}
    # The coming slots: 0 to 90 % of their seats taken, by confirmed orders to prepare.
    env.cr.execute(
        f"""
        INSERT INTO sale_order ({ORDER_COLUMNS})
        SELECT 'BENCH/' || s.id || '/' || g, p, p, p, 1, NOW(), 'sale', s.id,
               %(carrier)s, %(warehouse)s, 'to_prepare', 'direct', 1, 1, NOW(), NOW()
          FROM coop_slot s
         CROSS JOIN LATERAL generate_series(1, floor(random() * 0.9 * s.capacity)::int) g
         CROSS JOIN LATERAL (
               SELECT (%(members)s::int[])
                          [1 + floor(random() * array_length(%(members)s::int[], 1))::int] AS p
                WHERE g > 0) m  -- correlated with g: a member drawn for each order
        """,
        values,
    )
    left = max(sizes["orders"] - env.cr.rowcount, 0)
    # The past weeks: each rule's first slot repeated back, week by week, filled to about
    # three quarters, the orders handed over.
    weeks = -(-left // (len(rules) * SLOT_CAPACITY * 3 // 4))
    env.cr.execute(
        """
        INSERT INTO coop_slot (rule_id, carrier_id, warehouse_id, capacity, state, start,
                               "end", cutoff, create_uid, write_uid, create_date, write_date)
        SELECT s.rule_id, s.carrier_id, s.warehouse_id, s.capacity, s.state,
               s.start - k * INTERVAL '7 days', s."end" - k * INTERVAL '7 days',
               s.cutoff - k * INTERVAL '7 days', 1, 1, NOW(), NOW()
          FROM (SELECT DISTINCT ON (rule_id) * FROM coop_slot ORDER BY rule_id, start) s
         CROSS JOIN generate_series(1, %s) k
     RETURNING id
        """,
        (weeks,),
    )
    values.update(past=[row[0] for row in env.cr.fetchall()], count=left)
    env.cr.execute(
        f"""
        INSERT INTO sale_order ({ORDER_COLUMNS})
        SELECT 'BENCH/P' || g, p, p, p, 1, NOW(), 'sale',
               (%(past)s::int[])[1 + g %% array_length(%(past)s::int[], 1)],
               %(carrier)s, %(warehouse)s, 'handed_over', 'direct', 1, 1, NOW(), NOW()
          FROM (SELECT g,
                       (%(members)s::int[])
                           [1 + floor(random() * array_length(%(members)s::int[], 1))::int] AS p
                  FROM generate_series(1, %(count)s) g) o
        """,
        values,
    )


def _requests(env, rng, sizes):
    beneficiaries = env["res.partner"].search([("name", "like", "Member ")], limit=200)
    beneficiaries.write({"coop_data_consent": True, "coop_is_beneficiary": True})
    states = ["new", "searching", "assigned", "delivered", "delivered", "cancelled"]
    env["coop.delivery.request"].create(
        [
            {
                "beneficiary_id": rng.choice(beneficiaries).id,
                "channel": "phone",
                "delivery_date": date.today() + timedelta(days=rng.randint(0, 30)),
                "shopping_list": "Bread, milk, vegetables",
                "state": rng.choice(states),
            }
            for _i in range(sizes["requests"])
        ]
    )


def _templates(env, rng, sizes):
    """A store's week of shifts: weekly, every other week and A-B-C-D cycle templates, some
    with a fixed team; no dated shift yet (scenario 4 generates them)."""
    tasks = env["coop.task.type"].create(
        [{"name": name} for name in ("Cashier", "Shelves", "Reception", "Cleaning", "Office")]
    )
    members = env["res.partner"].search([("name", "like", "Member ")])
    teammates = members.filtered(lambda partner: partner.coop_work_status != "suspended").ids
    rng.shuffle(teammates)  # each member in one team at most: teams never overlap
    starts = (8.0, 10.75, 13.5, 16.25, 19.0)
    env["coop.shift.template"].create(
        [
            {
                "task_type_id": rng.choice(tasks).id,
                "weekday": str(index % 7),
                "start_hour": starts[index // 7 % len(starts)],
                "end_hour": starts[index // 7 % len(starts)] + 2.75,
                "seats": rng.randint(4, 8),
                "recurrence": ("weekly", "every_n", "cycle", "cycle")[index % 4],
                "every_weeks": 2,
                "cycle_week": str(index // 4 % 4),
                "partner_ids": [(6, 0, [teammates.pop() for _i in range(rng.randint(0, 3))])],
            }
            for index in range(sizes["templates"])
        ]
    )


def _shoppers(env, rng, sizes):
    """Web-shop members who buy in the checkout scenario: half with the drive (the payment
    page shows the slot picker), half with a click & collect method that has no slot rule (the
    same purchase without slots). Their carts are made by the scenario, round by round."""
    warehouse = env["stock.warehouse"].search([], limit=1)
    drive = env["delivery.carrier"].search([("delivery_type", "=", "in_store")], limit=1)
    drive.is_published = True
    env["delivery.carrier"].create(
        {
            "name": "Pick up in store, any time",
            "delivery_type": "in_store",
            "product_id": drive.product_id.id,
            "warehouse_ids": [(6, 0, warehouse.ids)],
            "is_published": True,
        }
    )
    env.ref("website_sale_collect.payment_provider_on_site").write(
        {"state": "enabled", "is_published": True}
    )
    france = env.ref("base.fr")
    warehouse.partner_id.write(
        {
            "street": "1 place Bellecour",
            "city": "Lyon",
            "zip": "69002",
            "country_id": france.id,
            "partner_latitude": 45.7578,
            "partner_longitude": 4.8320,
        }
    )
    product = env["product.product"].create(
        {
            "name": "Bench basket",
            "type": "consu",
            "is_storable": True,
            "list_price": 20.0,
            "sale_ok": True,
            "website_published": True,
        }
    )
    env["stock.quant"]._update_available_quantity(product, warehouse.lot_stock_id, 1000000)
    portal = env.ref("base.group_portal")
    for kind in ("drive", "plain"):
        for index in range(SHOPPERS):
            login = f"bench_{kind}_{index}"
            user = env["res.users"].create(
                {"name": f"Shopper {kind} {index}", "login": login, "password": login}
            )
            user.groups_id = [(6, 0, portal.ids)]
            user.partner_id.write(
                {
                    "street": f"{index + 1} rue de la République",
                    "city": "Lyon",
                    "zip": "69002",
                    "country_id": france.id,
                    "email": f"{login}@example.com",
                    "phone": "+33 4 00 00 00 00",
                    "free_member": True,
                }
            )


def _carriers(env):
    """(drive, plain): the store's drive, and its click & collect without slots."""
    carriers = env["delivery.carrier"].search([("delivery_type", "=", "in_store")], order="id")
    return carriers[0], carriers.filtered(lambda c: c.name == "Pick up in store, any time")[:1]


def _checkout_slots(env, count=8):
    """The hot slot and the others of the checkout, picked relative to now: bookable, their
    cut-off at least two hours ahead (a run lasts less), so the benchmark runs at any hour.
    Their capacity is raised: the seed filled them, and each purchase takes a seat."""
    from odoo import fields

    drive, _plain = _carriers(env)
    warehouse = env["stock.warehouse"].search([], limit=1)
    safe = fields.Datetime.now() + timedelta(hours=2)
    slots = env["coop.slot"]._get_bookable_slots(drive, warehouse, days=14)
    slots = slots.filtered(lambda slot: slot.cutoff > safe)[:count]
    if not slots:
        raise RuntimeError("no drive slot bookable in the next 14 days")
    slots.write({"capacity": 1000000})
    return slots


def _new_carts(env, kind, per_shopper, logins=None, products=None, rng=None):
    """``per_shopper`` draft carts for each shopper of ``kind`` (or each of ``logins``), as
    the shop makes them (a line, the pickup method and store; no slot yet). The shop serves a
    member's most recent draft: the write dates are spread so that each purchase takes the
    next one. A cart holds the bench basket, or two to six of ``products`` drawn by ``rng``.

    Returns ``{order id: (access token, amount, shopper index)}``."""
    drive, plain = _carriers(env)
    carrier = drive if kind == "drive" else plain
    logins = logins or [f"bench_{kind}_{index}" for index in range(SHOPPERS)]
    website = env["website"].search([], limit=1)
    warehouse = env["stock.warehouse"].search([], limit=1)
    product = env["product.product"].search([("name", "=", "Bench basket")], limit=1)
    quiet = env(context={"tracking_disable": True, "mail_create_nolog": True})
    carts = {}
    for index, login in enumerate(logins):
        partner = env["res.users"].search([("login", "=", login)]).partner_id
        orders = quiet["sale.order"].create(
            [
                {
                    "partner_id": partner.id,
                    "website_id": website.id,
                    "order_line": [
                        (0, 0, {"product_id": line.id, "product_uom_qty": 2})
                        for line in (
                            rng.sample(products, rng.randint(2, 6)) if products else [product]
                        )
                    ],
                }
                for _i in range(per_shopper)
            ]
        )
        for order in orders:
            order._set_delivery_method(carrier)
            order._set_pickup_location(json.dumps(_pickup_location(warehouse)))
            order._portal_ensure_token()
            carts[order.id] = (order.access_token, order.amount_total, index)
        env.flush_all()
        env.cr.execute(
            """
            UPDATE sale_order o SET write_date = NOW() AT TIME ZONE 'UTC' - n * INTERVAL '1 s'
              FROM unnest(%s::int[]) WITH ORDINALITY AS r(id, n) WHERE o.id = r.id
            """,
            (orders.ids,),
        )
    env.cr.commit()
    return carts


def _pickup_location(warehouse):
    """The store as the click & collect location picker describes it."""
    address = warehouse.partner_id
    return {
        "id": warehouse.id,
        "name": address.name,
        "street": address.street,
        "city": address.city,
        "zip_code": address.zip,
        "country_code": address.country_code,
        "state": False,
        "latitude": address.partner_latitude,
        "longitude": address.partner_longitude,
        "additional_data": {"in_store_stock": {"in_stock": True}},
        "opening_hours": {},
    }


# --- scenarios ------------------------------------------------------------------------------


Measure = namedtuple("Measure", "orm_median orm_p90 sql_median sql_p90 orm_queries sql_queries")


def measure(env, scenario, repeat):
    """Run the ORM and its baseline ``repeat`` times, alternated within each repetition (A then
    B, then B then A), so that both see the same machine load. Medians and p90 in ms, and the
    queries of one run of each; ``reset`` runs untimed after each run (to undo its writes)."""
    times = {"orm": [], "sql": []}
    queries = {}
    for index in range(repeat):
        order = ("orm", "sql") if index % 2 == 0 else ("sql", "orm")
        for side in order:
            func = getattr(scenario, side)
            env.invalidate_all()
            before = env.cr.sql_log_count
            start = time.perf_counter()
            func()
            times[side].append((time.perf_counter() - start) * 1000)
            queries[side] = env.cr.sql_log_count - before
            if scenario.reset:
                scenario.reset()
    return Measure(
        *percentiles(times["orm"]), *percentiles(times["sql"]), queries["orm"], queries["sql"]
    )


def percentiles(values):
    """Median and p90 of a list of numbers (p90: the value 90 % of the runs do not pass)."""
    values = sorted(values)
    p90 = values[min(len(values) - 1, max(0, -(-len(values) * 9 // 10) - 1))]
    return statistics.median(values), p90


def _savepoint(env, name):
    """A savepoint to come back to after each run, and the reset that does it."""
    env.flush_all()
    env.cr.execute(f"SAVEPOINT {name}")

    def reset():
        env.cr.execute(f"ROLLBACK TO SAVEPOINT {name}")
        env.transaction.clear()

    return reset


def scenario_availability(env):
    """Seats left of the next 14 days' slots of one store. The floor: the slot search on its
    index, then one count of the seat-taking orders of those slots through the orders' slot
    index (a confirmed order, or one whose payment holds the seat)."""
    from odoo import fields

    drive, _plain = _carriers(env)
    warehouse = env["stock.warehouse"].search([], limit=1)

    def orm():
        slots = env["coop.slot"]._get_bookable_slots(drive, warehouse, days=14)
        return slots.mapped("seats_left")

    def sql():
        env.cr.execute(
            """
            SELECT id, capacity FROM coop_slot
             WHERE carrier_id = %s AND warehouse_id = %s AND state = 'open'
               AND start > NOW() AT TIME ZONE 'UTC'
               AND start < NOW() AT TIME ZONE 'UTC' + INTERVAL '14 days'
          ORDER BY start
            """,
            (drive.id, warehouse.id),
        )
        capacity = dict(env.cr.fetchall())
        env.cr.execute(
            """
            SELECT o.coop_slot_id, COUNT(*) FROM sale_order o
             WHERE o.coop_slot_id = ANY(%s) AND o.state != 'cancel'
               AND (o.state = 'sale' OR EXISTS (
                       SELECT 1 FROM sale_order_transaction_rel r
                         JOIN payment_transaction t ON t.id = r.transaction_id
                        WHERE r.sale_order_id = o.id
                          AND (t.state IN ('pending', 'authorized', 'done')
                               OR t.state = 'draft' AND t.create_date >= %s)))
          GROUP BY o.coop_slot_id
            """,
            (list(capacity), fields.Datetime.now() - timedelta(minutes=30)),
        )
        booked = dict(env.cr.fetchall())
        return [max(seats - booked.get(slot, 0), 0) for slot, seats in capacity.items()]

    return Scenario("slot availability, 14 days of one store", orm, sql)


RANKING_SQL = """
    WITH week AS (  -- deliveries taken in the week, counted once for all volunteers
        SELECT deliverer_id, COUNT(*) AS taken FROM coop_delivery_request
         WHERE %(count_week)s AND deliverer_id IS NOT NULL
           AND delivery_date >= %(monday)s AND delivery_date < %(monday)s + 7
           AND state NOT IN ('cancelled', 'failed')
      GROUP BY deliverer_id
    )
    SELECT p.id, p.name, p.email, d.distance
      FROM res_partner p
 LEFT JOIN week ON week.deliverer_id = p.id,
           LATERAL (SELECT 2 * 6371.0088 * ASIN(LEAST(1.0, SQRT(
                  POWER(SIN(RADIANS(p.partner_latitude::float8 - %(lat)s) / 2), 2)
                  + COS(RADIANS(%(lat)s)) * COS(RADIANS(p.partner_latitude::float8))
                    * POWER(SIN(RADIANS(p.partner_longitude::float8 - %(lon)s) / 2), 2))))
                  AS distance) d
     WHERE p.active AND p.coop_is_volunteer AND p.coop_can_deliver AND p.coop_notify_consent
       AND p.partner_latitude BETWEEN %(min_lat)s AND %(max_lat)s
       AND p.partner_longitude BETWEEN %(min_lon)s AND %(max_lon)s
       AND p.id != ALL(%(exclude)s)
       AND EXISTS (SELECT 1 FROM coop_weekday_res_partner_rel r
                     JOIN coop_weekday w ON w.id = r.coop_weekday_id
                    WHERE r.res_partner_id = p.id AND w.number = %(weekday)s)
       AND d.distance <= LEAST(p.coop_radius_km, %(max_radius)s)
       AND (COALESCE(p.coop_weekly_max, 0) = 0
            OR COALESCE(week.taken, 0) < p.coop_weekly_max)
  ORDER BY d.distance, p.id
     LIMIT %(limit)s
"""


def _ranking_params(env, lat, lon, day, limit=None, exclude=(), count_week=False):
    """The ranking's parameters; ``count_week``: the week's deliveries are counted (the next
    wave does, the ranking alone is given no counts)."""
    from odoo.addons.coop_solidarity_delivery.tools.volunteer_ranking import bounding_box

    max_radius = env["res.partner"]._coop_max_radius_km()
    min_lat, max_lat, min_lon, max_lon = bounding_box(lat, lon, max_radius)
    return {
        "lat": lat,
        "lon": lon,
        "min_lat": min_lat,
        "max_lat": max_lat,
        "min_lon": min_lon,
        "max_lon": max_lon,
        "max_radius": max_radius,
        "weekday": day.weekday(),
        "monday": day - timedelta(days=day.weekday()),
        "exclude": list(exclude),
        "limit": limit,
        "count_week": count_week,
    }


def scenario_ranking(env):
    """Every volunteer who can serve a point of Lyon, nearest first, among the region's. The
    floor: one hand-written query with the same rules (bounding box, weekday, own radius,
    weekly maximum, exact distance, order)."""
    lat, lon = (LYON[0] + LYON[1]) / 2, (LYON[2] + LYON[3]) / 2
    day = date.today() + timedelta(days=3)
    params = _ranking_params(env, lat, lon, day)

    def orm():
        return env["res.partner"]._coop_rank_volunteers(lat, lon, day.weekday())

    def sql():
        env.cr.execute(RANKING_SQL, params)
        return env.cr.fetchall()

    return Scenario("volunteer ranking, one request (all qualified, region)", orm, sql)


def _wave_request(env):
    """A request searching a volunteer, for a new beneficiary at the centre of Lyon (new rows
    only: a run never holds a lock on a row another run needs)."""
    beneficiary = env["res.partner"].create(
        {
            "name": "Bench beneficiary",
            "coop_data_consent": True,
            "coop_is_beneficiary": True,
            "partner_latitude": (LYON[0] + LYON[1]) / 2,
            "partner_longitude": (LYON[2] + LYON[3]) / 2,
            "coop_geo_state": "done",
        }
    )
    return env["coop.delivery.request"].create(
        {
            "beneficiary_id": beneficiary.id,
            "channel": "phone",
            "delivery_date": date.today() + timedelta(days=3),
            "shopping_list": "Bread, milk, vegetables",
            "state": "searching",
        }
    )


def scenario_next_wave(env):
    """The next wave of a request end to end: ranking, offers, e-mails queued. The floor: the
    ranking query limited to the wave, the offers inserted in one statement, each mail's body
    formatted in Python, the messages and the mails inserted in one statement each."""
    import secrets

    request = _wave_request(env)
    size = request._wave_size()
    beneficiary = request.beneficiary_id
    lat, lon = beneficiary.partner_latitude, beneficiary.partner_longitude
    company = request.company_id.partner_id
    sender = company.email or "coop@example.com"
    day, request_id = request.delivery_date, request.id
    params = _ranking_params(env, lat, lon, day, limit=size, count_week=True)
    reset = _savepoint(env, "bench_wave")

    def orm():
        request.with_env(env)._notify_next_wave()
        env.flush_all()

    def sql():
        env.cr.execute(RANKING_SQL, params)
        wave = env.cr.fetchall()
        env.cr.execute(
            """
            INSERT INTO coop_delivery_offer (request_id, volunteer_id, distance_km, wave,
                                             search_round, state, token, date_sent,
                                             create_uid, write_uid, create_date, write_date)
            SELECT %s, v.id, v.km, 1, 0, 'sent', v.token, NOW(), 1, 1, NOW(), NOW()
              FROM unnest(%s::int[], %s::float8[], %s::varchar[]) AS v(id, km, token)
         RETURNING id
            """,
            (
                request_id,
                [row[0] for row in wave],
                [row[3] for row in wave],
                [secrets.token_urlsafe(24) for _row in wave],
            ),
        )
        bodies = [
            f"<div><p>Hello {name},</p><p>A member needs a delivery on "
            f"{day}, {km:.1f} km from you.</p>"
            f'<a href="/coop/delivery/offer/{secrets.token_urlsafe(24)}">See it</a></div>'
            for _id, name, _email, km in wave
        ]
        env.cr.execute(
            """
            INSERT INTO mail_message (subject, body, message_type, author_id, email_from,
                                      create_uid, write_uid, create_date, write_date, date)
            SELECT 'A member near you needs a delivery', b, 'email_outgoing', %s, %s,
                   1, 1, NOW(), NOW(), NOW()
              FROM unnest(%s::text[]) AS b
         RETURNING id
            """,
            (company.id, sender, bodies),
        )
        messages = [row[0] for row in env.cr.fetchall()]
        env.cr.execute(
            """
            INSERT INTO mail_mail (mail_message_id, body_html, email_to, state, auto_delete,
                                   create_uid, write_uid, create_date, write_date)
            SELECT m, b, e, 'outgoing', TRUE, 1, 1, NOW(), NOW()
              FROM unnest(%s::int[], %s::text[], %s::text[]) AS x(m, b, e)
            """,
            (messages, bodies, [row[2] for row in wave]),
        )

    return Scenario(f"next wave end to end ({size} offers and mails)", orm, sql, reset)


def scenario_ledger_pivot(env):
    """The managers' pivot; the floor is the same GROUP BY in SQL."""

    def orm():
        return env["coop.work.entry"]._read_group(
            [("state", "=", "validated")], ["partner_id", "date:month"], ["hours:sum"]
        )

    def sql():
        env.cr.execute(
            """
            SELECT partner_id, date_trunc('month', date), SUM(hours)
              FROM coop_work_entry WHERE state = 'validated'
          GROUP BY partner_id, date_trunc('month', date)
            """
        )
        return env.cr.fetchall()

    return Scenario("managers' pivot on the ledger (member x month)", orm, sql)


def _window_start():
    from odoo.addons.coop_member_shifts.tools import work_status

    try:
        from odoo.addons.coop_member_shifts.models.res_partner import WINDOW_MONTHS
    except ImportError:  # moved by a later version
        WINDOW_MONTHS = 12
    return work_status.add_months(work_status.month_start(date.today()), -WINDOW_MONTHS)


def _status_sql(env, member_ids):
    """The floor of a status: each member's validated hours by month over the window, one
    GROUP BY on the ledger."""
    env.cr.execute(
        """
        SELECT partner_id, date_trunc('month', date), SUM(hours)
          FROM coop_work_entry
         WHERE partner_id = ANY(%s) AND state = 'validated' AND date >= %s
      GROUP BY partner_id, date_trunc('month', date)
        """,
        (member_ids, _window_start()),
    )
    return env.cr.fetchall()


def _scenario_status(env, share, name):
    members = env["res.partner"].search([("name", "like", "Member ")], order="id")
    members = members[: max(1, int(len(members) * share))]

    def orm():
        return members.with_env(env).mapped("coop_work_status")

    return Scenario(name, orm, lambda: _status_sql(env, members.ids))


def scenario_status(env):
    return _scenario_status(env, 1.0, "monthly status of all members")


def scenario_status_tenth(env):
    return _scenario_status(env, 0.1, "monthly status of a tenth of the members")


def scenario_members_behind(env):
    """*Members Behind* as the web client opens it: the action's domain, its list's fields,
    the first 80 rows and the count. The floor: the bare GROUP BY of the window's ledger of
    every member, which any status computed from the ledger reads."""
    from odoo.tools.safe_eval import safe_eval

    action = env.ref("coop_member_shifts.res_partner_action_behind")
    domain = safe_eval(action.domain or "[]", {"uid": env.uid})
    partners = env["res.partner"]
    wanted = ("name", "email", "phone", "coop_work_balance", "coop_work_status")
    specification = {name: {} for name in wanted if name in partners._fields}
    members = env["res.partner"].search([("name", "like", "Member ")], order="id").ids
    NOTES.append(_status_agreement(env))

    def orm():
        return partners.with_env(env).web_search_read(
            domain, specification, limit=80, count_limit=10001
        )

    return Scenario(
        "Members Behind (web_search_read, 80 rows)", orm, lambda: _status_sql(env, members)
    )


def _status_agreement(env):
    """The search's query and the Python rule (the one the status explains) on every member."""
    partners = env["res.partner"]
    by_query = {
        pid: status
        for pid, status, _b in partners._coop_status_rows(partners._coop_members_query())
    }
    by_rule = partners._coop_statuses_by_rule(list(by_query))
    agree = sum(by_query[pid] == status for pid, (status, _b) in by_rule.items())
    env.invalidate_all()
    return (
        f"Members Behind: the status query and the Python rule agree on {agree} of "
        f"{len(by_query)} members."
    )


def scenario_shifts(env):
    """A year of shifts from the templates, each run rolled back to a savepoint; the floor is
    one SQL ``INSERT ... SELECT`` of the same shifts and the fixed teams' registrations."""
    templates = env["coop.shift.template"].search([])
    date_to = date.today() + timedelta(days=365)
    reset = _savepoint(env, "bench_shifts")

    def orm():
        templates.with_env(env)._generate_shifts(date_to=date_to)
        env.flush_all()
        env.cr.precommit.run()  # mail tracking of the new shifts, as a commit would do
        env.flush_all()

    def sql():
        env.cr.execute(SHIFTS_SQL, {"tz": TZ, "today": date.today(), "to": date_to})

    return Scenario(f"a year of shifts from {len(templates)} templates", orm, sql, reset)


def scenario_shifts_bare_create(env):
    """The ORM's own share of a year of shifts: the same shifts and fixed teams' registrations
    inserted by the ORM's ``create`` and nothing else (``BaseModel.create``: no override, no
    check, no lock), beside the same ``INSERT ... SELECT``. What the generation adds is the
    difference between this line and the one above."""
    from odoo.models import BaseModel

    templates = env["coop.shift.template"].search([])
    date_to = date.today() + timedelta(days=365)
    reset = _savepoint(env, "bench_shifts_bare")

    def orm():
        shifts = BaseModel.create(
            env["coop.shift"].with_context(tracking_disable=True),
            templates._missing_shift_values(date_to),
        )
        BaseModel.create(
            env["coop.shift.registration"],
            [
                {"shift_id": shift.id, "partner_id": partner.id}
                for shift in shifts
                for partner in shift.template_id.partner_ids
            ],
        )
        env.flush_all()

    def sql():
        env.cr.execute(SHIFTS_SQL, {"tz": TZ, "today": date.today(), "to": date_to})

    return Scenario("a year of shifts, the ORM's bare create of the rows", orm, sql, reset)


SHIFTS_SQL = """
WITH template AS (
    SELECT t.*,
           CASE t.recurrence WHEN 'every_n' THEN t.every_weeks
                             WHEN 'cycle' THEN 4 ELSE 1 END AS every,
           CASE t.recurrence WHEN 'cycle' THEN t.cycle_week::int ELSE 0 END AS offs
      FROM coop_shift_template t WHERE t.active
), occurrence AS (
    SELECT t.id AS template_id, t.task_type_id, t.seats,
           (d + make_interval(mins => round(t.start_hour * 60)::int))
               AT TIME ZONE %(tz)s AT TIME ZONE 'UTC' AS start,
           (d + make_interval(mins => round(t.end_hour * 60)::int))
               AT TIME ZONE %(tz)s AT TIME ZONE 'UTC' AS stop
      FROM template t,
           generate_series(%(today)s::timestamp, %(to)s::timestamp, '1 day') d
     WHERE EXTRACT(ISODOW FROM d) - 1 = t.weekday::int
       AND (date_trunc('week', d)::date - date_trunc('week', t.cycle_reference)::date)
           / 7 %% t.every = t.offs
), shift AS (
    INSERT INTO coop_shift (template_id, task_type_id, start, "end", seats, state,
                            company_id, create_uid, write_uid, create_date,
                            write_date)
    SELECT template_id, task_type_id, start, stop, seats, 'open', 1, 1, 1,
           NOW(), NOW()
      FROM occurrence WHERE start > NOW() AT TIME ZONE 'UTC'
 RETURNING id, template_id, start, "end"
)
INSERT INTO coop_shift_registration (shift_id, partner_id, shift_start, shift_end,
                                     state, create_uid, write_uid, create_date,
                                     write_date)
SELECT s.id, team.res_partner_id, s.start, s."end", 'registered', 1, 1, NOW(), NOW()
  FROM shift s
  JOIN coop_shift_template_res_partner_rel team
    ON team.coop_shift_template_id = s.template_id
"""


SCENARIOS = (
    scenario_availability,
    scenario_ranking,
    scenario_next_wave,
    scenario_members_behind,
    scenario_status,
    scenario_status_tenth,
    scenario_shifts,
    scenario_shifts_bare_create,
    scenario_ledger_pivot,
)


# --- checkout under concurrent HTTP load --------------------------------------------------


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


ROUTE_ID = re.compile(r"/\d+")


class OdooServer:
    """An Odoo with ``workers`` worker processes on 127.0.0.1, logging each request with its
    query count; stopped (by its process id) when the block ends."""

    def __init__(self, db, workers, smtp_port, launcher=None, extra_args=(), env=None):
        """``launcher``: the command that starts Odoo (``python -m odoo`` by default);
        ``extra_args``: more options (a replica); ``env``: more environment variables."""
        self.db, self.workers, self.smtp_port = db, workers, smtp_port
        self.launcher = launcher or [sys.executable, "-m", "odoo"]
        self.extra_args, self.env = list(extra_args), env or {}
        self.port = free_port()
        self.log = Path(tempfile.mkstemp(prefix="coop_bench_http_", suffix=".log")[1])

    def __enter__(self):
        self.output = self.log.open("a")
        self.process = subprocess.Popen(
            [
                *self.launcher,
                "-d",
                self.db,
                "--db-filter",
                f"^{self.db}$",
                "--addons-path",
                addons_path(),
                "--workers",
                str(self.workers),
                "--max-cron-threads",
                "0",
                "--http-interface",
                "127.0.0.1",
                "--http-port",
                str(self.port),
                "--gevent-port",
                str(free_port()),
                "--smtp",
                "127.0.0.1",
                "--smtp-port",
                str(self.smtp_port),
                "--log-level",
                "warn",
                "--log-handler",
                "werkzeug:INFO",
                "--logfile",
                str(self.log),
                *self.extra_args,
            ],
            env={**os.environ, "TZ": "UTC", **self.env},
            start_new_session=True,
            # The prefork server's websocket process cannot start from ``python -m odoo``:
            # its traceback goes to the log, the pages measured do not need it.
            stdout=self.output,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return self
            except OSError:
                time.sleep(0.5)
        self.__exit__()
        raise RuntimeError(f"Odoo did not start, see {self.log}")

    def __exit__(self, *exc):
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        self.output.close()

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def conflicts(self):
        """Transactions PostgreSQL refused for a concurrent update (Odoo retries them)."""
        lines = self.log.read_text(errors="replace").splitlines()
        return sum(line.startswith("ERROR: could not serialize") for line in lines)

    def offset(self):
        """Where the log ends now: the requests of a round are the lines logged after it."""
        self.output.flush()
        return self.log.stat().st_size

    def requests(self, offset):
        """(route, queries, server ms) of the requests logged since ``offset``; record ids in
        a route are replaced by ``<id>``."""
        pattern = re.compile(r'"(GET|POST) ([^ ?]+)[^"]*" \d{3} - (\d+) ([\d.]+) ([\d.]+)')
        with self.log.open(errors="replace") as log:
            log.seek(offset)
            return [
                (
                    match.group(1) + " " + ROUTE_ID.sub("/<id>", match.group(2)),
                    int(match.group(3)),
                    (float(match.group(4)) + float(match.group(5))) * 1000,
                )
                for line in log
                if (match := pattern.search(line))
            ]


class FakeSMTP:
    """A mail server on 127.0.0.1 that accepts every message and keeps none: the order
    confirmation mails of the checkout are sent, as in production, without leaving the
    machine."""

    def __init__(self):
        import socketserver

        class Handler(socketserver.StreamRequestHandler):
            def handle(self):
                self.wfile.write(b"220 bench ESMTP\r\n")
                data = False
                for line in self.rfile:
                    if data:
                        if line in (b".\r\n", b".\n"):
                            data = False
                            self.wfile.write(b"250 OK\r\n")
                        continue
                    verb = line[:4].upper()
                    if verb == b"DATA":
                        data = True
                        self.wfile.write(b"354 go on\r\n")
                    elif verb == b"QUIT":
                        self.wfile.write(b"221 bye\r\n")
                        return
                    else:
                        self.wfile.write(b"250 OK\r\n")

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def _shopper_session(server, db, login, session=None):
    import requests

    session = session or requests.Session()
    response = session.post(
        server.url("/web/session/authenticate"),
        json={"jsonrpc": "2.0", "params": {"db": db, "login": login, "password": login}},
        timeout=60,
    )
    response.raise_for_status()
    if response.json().get("error"):
        raise RuntimeError(f"{login} cannot log in: {response.json()['error']}")
    return session


class PurchaseFailed(Exception):
    pass


def _json(session, server, path, params):
    response = session.post(
        server.url(path), json={"jsonrpc": "2.0", "method": "call", "params": params}, timeout=60
    )
    if response.status_code != 200:
        raise PurchaseFailed(f"{path}: HTTP {response.status_code}")
    body = response.json()
    if body.get("error") or (isinstance(body.get("result"), dict) and body["result"].get("error")):
        raise PurchaseFailed(f"{path}: {body.get('error') or body['result']['error']}")
    return body.get("result")


def _payment_page(session, server, carts):
    """The payment page; the cart it offers to pay (its id), when it shows the payment form."""
    response = session.get(server.url("/shop/payment"), timeout=60, allow_redirects=False)
    if response.status_code != 200:
        raise PurchaseFailed(f"/shop/payment: HTTP {response.status_code}")
    match = re.search(r"/shop/payment/transaction/(\d+)", response.text)
    return int(match.group(1)) if match and int(match.group(1)) in carts else None


def _slot_days(session, server):
    """The picker's slots, as its script fetches them after the payment page."""
    response = session.get(server.url("/shop/coop_slot/days"), timeout=60)
    if response.status_code != 200 or 'name="coop_slot"' not in response.text:
        raise PurchaseFailed(f"/shop/coop_slot/days: HTTP {response.status_code}, no slot")
    return response


def _purchase(session, server, carts, payment, slot_id, next_cart, reload=True):
    """One whole purchase of the cart the shop serves: the checkout step (where the shop notes
    the order paid next), the payment page and the picker's slots fetched after it, the slot
    (when ``slot_id``: the picker then reloads the page, as its script did, when ``reload``
    is on), the payment on site (the transaction and the seat's row lock), the confirmation of
    the order, its page.
    ``next_cart`` is the cart the shop serves next to this shopper, used when no page shows it.
    """
    response = session.get(server.url("/shop/checkout"), timeout=60, allow_redirects=False)
    if response.status_code not in (200, 302, 303):
        raise PurchaseFailed(f"/shop/checkout: HTTP {response.status_code}")
    order_id = _payment_page(session, server, carts)
    if slot_id:
        _slot_days(session, server)
        _json(session, server, "/shop/coop_slot/set", {"slot_id": slot_id})
        order_id = _payment_page(session, server, carts) if reload else next_cart
    if not order_id:
        raise PurchaseFailed("/shop/payment: no payment form for a known cart")
    token, amount, _shopper = carts[order_id]
    processing = _json(
        session,
        server,
        f"/shop/payment/transaction/{order_id}",
        {
            "access_token": token,
            "provider_id": payment[0],
            "payment_method_id": payment[1],
            "token_id": None,
            "amount": amount,
            "flow": "redirect",
            "tokenization_requested": False,
            "landing_route": "/shop/payment/validate",
            "is_validation": False,
        },
    )
    response = session.post(
        server.url("/payment/custom/process"),
        data={"reference": processing["reference"]},
        timeout=60,
        allow_redirects=False,
    )
    if response.status_code not in (302, 303):
        raise PurchaseFailed(f"/payment/custom/process: HTTP {response.status_code}")
    for attempt in range(POLL_ATTEMPTS):  # the status page polls until the order is done
        try:
            _json(session, server, "/payment/status/poll", {})
            break
        except PurchaseFailed:
            if attempt == POLL_ATTEMPTS - 1:
                raise
    response = session.get(server.url("/shop/payment/validate"), timeout=60, allow_redirects=True)
    if response.status_code != 200 or "/shop/confirmation" not in response.url:
        raise PurchaseFailed(f"/shop/payment/validate: {response.status_code} {response.url}")


def _round(server, sessions, carts, payment, slots, purchases, deadline, rng):
    """``purchases`` whole purchases by each shopper, all shoppers at once (one thread each).

    Returns (seconds, latencies of the purchases in ms, failures): a failed purchase (a
    refused slot, an HTTP 500 once Odoo has given up retrying) is counted, not a crash."""
    latencies, failures = [], []
    lock = threading.Lock()
    choices = [
        (slots[0] if rng.random() < HOT_SHARE else rng.choice(slots[1:] or slots)) if slots else 0
        for _i in range(purchases * len(sessions))
    ]

    def client(index, session):
        for number in range(purchases):
            if time.monotonic() > deadline:
                return
            with lock:  # the shop serves a shopper's carts from the first made
                next_cart = min(
                    order for order, (*_v, shopper) in carts.items() if shopper == index
                )
            start = time.perf_counter()
            try:
                _purchase(
                    session,
                    server,
                    carts,
                    payment,
                    choices[index * purchases + number],
                    next_cart,
                    reload=PICKER_RELOAD,
                )
            except (PurchaseFailed, KeyError, ValueError) as error:
                with lock:
                    failures.append(str(error))
                continue
            finally:
                with lock:
                    carts.pop(next_cart, None)
            with lock:
                latencies.append((time.perf_counter() - start) * 1000)

    threads = [
        threading.Thread(target=client, args=(index, session))
        for index, session in enumerate(sessions)
    ]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - start, latencies, failures


def _payment_page_ab(server, sessions, repeat):
    """The payment page alone, one request at a time, a drive shopper's (with the slot
    picker) and a shopper's without slots alternated (A/B, then B/A): ``{kind: [(ms,
    queries)]}``, the time as the client waited for it (on 127.0.0.1) and the queries from
    the server's log."""
    times = {kind: [] for kind in (*KINDS, "days")}
    for index in range(repeat):
        for kind in ("drive", "plain") if index % 2 == 0 else ("plain", "drive"):
            times[kind].append(_timed_get(server, sessions[kind][0], "/shop/payment"))
            if kind == "drive":  # the picker's slots, which its script fetches after the page
                times["days"].append(_timed_get(server, sessions[kind][0], "/shop/coop_slot/days"))
    return times


def _timed_get(server, session, path):
    """(ms the client waited for ``path``, the queries of its request in the server's log)."""
    offset = server.offset()
    start = time.perf_counter()
    response = session.get(server.url(path), timeout=60)
    elapsed = (time.perf_counter() - start) * 1000
    if response.status_code != 200:
        raise RuntimeError(f"{path}: HTTP {response.status_code}")
    time.sleep(0.05)  # the worker logs the request after its answer
    logged = [q for route, q, _ms in server.requests(offset) if route == f"GET {path}"]
    return elapsed, logged[0] if logged else 0


def scenario_checkout(env, db, args):
    """Whole purchases by drive shoppers (payment page, slot choice spread over several slots
    and one hot slot, payment, confirmation) and by the same shoppers' twins picked up
    without slots, in alternate rounds, concurrently within a round."""
    rng = random.Random(args.seed)
    rounds, purchases = args.checkout_rounds, args.purchases
    if not shutil.which("wkhtmltopdf"):
        # Without it the order's PDF cannot be attached to its mails, and the confirmation
        # fails: the mails go without the PDF, for both kinds of purchase alike.
        env["mail.template"].search([("model", "=", "sale.order")]).report_template_ids = [(5,)]
    slots = _checkout_slots(env).ids
    provider = env.ref("website_sale_collect.payment_provider_on_site")
    payment = (provider.id, env.ref("website_sale_collect.payment_method_pay_on_site").id)
    kinds = KINDS
    carts = {kind: _new_carts(env, kind, (rounds + 1) * purchases) for kind in kinds}
    deadline = time.monotonic() + args.time_limit
    smtp = FakeSMTP()
    result = {
        kind: {
            "per_purchase": [],
            "latency": [],
            "failed": [],
            "queries": [],
            "requests": 0,
            "routes": {},
        }
        for kind in kinds
    }
    try:
        with OdooServer(db, args.workers, smtp.port) as server:
            sessions = {
                kind: [_shopper_session(server, db, f"bench_{kind}_{i}") for i in range(SHOPPERS)]
                for kind in kinds
            }
            for kind in kinds:  # warm the workers' caches: one purchase each
                _round(
                    server,
                    sessions[kind],
                    carts[kind],
                    payment,
                    slots if kind == "drive" else [],
                    1,
                    deadline,
                    rng,
                )
            result["payment_page"] = _payment_page_ab(server, sessions, args.repeat * 2)
            for index in range(rounds):
                for kind in kinds if index % 2 == 0 else reversed(kinds):
                    offset = server.offset()
                    seconds, latencies, failures = _round(
                        server,
                        sessions[kind],
                        carts[kind],
                        payment,
                        slots if kind == "drive" else [],
                        purchases,
                        deadline,
                        rng,
                    )
                    done = max(len(latencies), 1)
                    logged = server.requests(offset)
                    counts = [queries for _route, queries, _ms in logged]
                    side = result[kind]
                    for route, queries, ms in logged:
                        side["routes"].setdefault(route, []).append((queries, ms))
                    side["per_purchase"].append(seconds * 1000 / done)
                    side["latency"] += latencies
                    side["failed"] += failures
                    side["queries"].append(sum(counts) / done)
                    side["requests"] += len(counts)
            if time.monotonic() > deadline:
                print(f"checkout stopped at the time limit ({args.time_limit} s)", file=sys.stderr)
            conflicts = server.conflicts()
    finally:
        smtp.close()
    return result, conflicts, len(slots)


def machine():
    cpu = platform.processor() or platform.machine()
    try:
        model = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
        cpu = model
    except (OSError, StopIteration):
        pass
    return f"{os.cpu_count()} cores, {cpu}, Python {platform.python_version()}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", default="coop_bench")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument(
        "--members", type=int, help="members of the database built (default: 5,000 x scale)"
    )
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--workers", type=int, default=2, help="Odoo workers for the checkout")
    parser.add_argument(
        "--checkout-rounds", type=int, default=6, help="checkout rounds of each kind, alternated"
    )
    parser.add_argument(
        "--purchases", type=int, default=3, help="whole purchases per shopper and round"
    )
    parser.add_argument(
        "--time-limit", type=int, default=900, help="seconds allowed to the checkout load"
    )
    parser.add_argument("--skip-http", action="store_true", help="no checkout load")
    parser.add_argument(
        "--picker-reload",
        action="store_true",
        help="drive purchases with a reload of the payment page after the slot choice (the "
        "picker before it updated the page in place)",
    )
    parser.add_argument(
        "--only",
        help="comma-separated parts of scenario names to run (e.g. wave,checkout)",
    )
    parser.add_argument(
        "--jit", action="store_true", help="keep PostgreSQL's JIT compilation (off by default)"
    )
    args = parser.parse_args()
    global PICKER_RELOAD
    PICKER_RELOAD = args.picker_reload
    if not args.jit:
        # Compiling a query costs about 18 ms here, more than the queries measured, and
        # PostgreSQL decides it from cost estimates that flip between runs.
        os.environ["PGOPTIONS"] = f"{os.environ.get('PGOPTIONS', '')} -c jit=off".strip()

    import odoo
    from odoo import SUPERUSER_ID, api

    generation = None
    rebuild = args.rebuild or not database_exists(args.db)
    if rebuild:
        start = time.perf_counter()
        create_database(args.db)
        install = time.perf_counter() - start
    odoo.tools.config.parse_config(["--addons-path", addons_path(), "-d", args.db])
    if rebuild:
        with odoo.modules.registry.Registry(args.db).cursor() as cr:
            sizes, timings = generate(
                api.Environment(cr, SUPERUSER_ID, {}), args.scale, args.seed, args.members
            )
        generation = (install, sizes, timings)
    registry = odoo.modules.registry.Registry(args.db)

    lines = [
        f"# Benchmark {datetime.now():%Y-%m-%d %H:%M}",
        "",
        f"Machine: {machine()}.",
        (
            f"Scale {args.scale} (seed {args.seed}), {args.repeat} runs per measure, "
            f"PostgreSQL JIT {'on' if args.jit else 'off'}."
        ),
        "",
    ]
    if generation:
        install, sizes, timings = generation
        lines.append(
            f"Database built in {install + sum(timings.values()):.0f} s "
            f"(install {install:.0f} s; "
            + ", ".join(f"{k} {sizes.get(k, '')} in {v:.1f} s" for k, v in timings.items())
            + ")."
        )
        lines.append("")
    lines += [
        (
            "| scenario | ORM median (ms) | ORM p90 | baseline median (ms) | baseline p90 "
            "| ratio | queries (ORM / baseline) |"
        ),
        "|---|---|---|---|---|---|---|",
    ]
    notes = []
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        only = [part.strip() for part in (args.only or "").split(",") if part.strip()]
        for make in SCENARIOS:
            if only and not any(part in make.__name__ for part in only):
                continue
            scenario = make(env)
            m = measure(env, scenario, args.repeat)
            lines.append(
                f"| {scenario.name} | {m.orm_median:.1f} | {m.orm_p90:.1f} | {m.sql_median:.1f} "
                f"| {m.sql_p90:.1f} | {m.orm_median / m.sql_median:.2f}x "
                f"| {m.orm_queries} / {m.sql_queries} |"
            )
            print(lines[-1], file=sys.stderr, flush=True)
        cr.rollback()
        if not args.skip_http and (not only or "checkout" in only):
            result, conflicts, slot_count = scenario_checkout(env, args.db, args)
            lines.append(_payment_page_line(result))
            lines.append(_slot_days_line(result))
            lines.append(_checkout_line(result, args))
            notes.append(_checkout_note(result, conflicts, slot_count, args))
            notes += ["", _checkout_routes(result)]
    print("\n".join(lines + [""] + NOTES + notes))


def _checkout_line(result, args):
    drive, plain = result["drive"], result["plain"]
    d_median, d_p90 = percentiles(drive["per_purchase"])
    p_median, p_p90 = percentiles(plain["per_purchase"])
    return (
        f"| whole drive purchase{' (page reloaded after the slot)' if PICKER_RELOAD else ''}, "
        f"{SHOPPERS} shoppers, {args.workers} workers (ms per purchase) "
        f"| {d_median:.1f} | {d_p90:.1f} | {p_median:.1f} (without slots) | {p_p90:.1f} "
        f"| {d_median / p_median:.2f}x ({100 * (d_median / p_median - 1):+.1f} %) "
        f"| {statistics.median(drive['queries']):.0f} / {statistics.median(plain['queries']):.0f} |"
    )


def _slot_days_line(result):
    """The picker's slots, fetched after the page; the page and the slots one after the other
    beside the page without slots (what a member waits for when nothing runs in parallel)."""
    pages = result["payment_page"]
    days = [ms for ms, _q in pages["days"]]
    both = [page + slots for (page, _q), slots in zip(pages["drive"], days, strict=True)]
    b_median, b_p90 = percentiles(both)
    p_median, p_p90 = percentiles([ms for ms, _q in pages["plain"]])
    d_median, d_p90 = percentiles(days)
    queries = statistics.median(q for _ms, q in pages["days"])
    return (
        f"| the picker's slots, fetched after the page (`GET /shop/coop_slot/days`, read-only): "
        f"{d_median:.1f} ms (p90 {d_p90:.1f}), {queries:.0f} queries; the page then the slots "
        f"| {b_median:.1f} | {b_p90:.1f} | {p_median:.1f} (without slots) | {p_p90:.1f} "
        f"| {b_median / p_median:.2f}x ({100 * (b_median / p_median - 1):+.1f} %) | - |"
    )


def _payment_page_line(result):
    """The payment page with the picker beside the same page without it."""
    drive = [ms for ms, _q in result["payment_page"]["drive"]]
    plain = [ms for ms, _q in result["payment_page"]["plain"]]
    d_median, d_p90 = percentiles(drive)
    p_median, p_p90 = percentiles(plain)
    queries = [statistics.median(q for _ms, q in result["payment_page"][k]) for k in KINDS]
    return (
        f"| payment page alone, one request at a time ({len(drive)} each, ms) "
        f"| {d_median:.1f} | {d_p90:.1f} | {p_median:.1f} (without slots) | {p_p90:.1f} "
        f"| {d_median / p_median:.2f}x ({100 * (d_median / p_median - 1):+.1f} %) "
        f"| {queries[0]:.0f} / {queries[1]:.0f} |"
    )


def _checkout_routes(result):
    """Per route: requests per purchase, median queries and median server ms, both kinds."""
    lines = [
        (
            "| route | with slots: per purchase | queries | server ms | without: per purchase "
            "| queries | server ms |"
        ),
        "|---|---|---|---|---|---|---|",
    ]
    purchases = {kind: max(len(result[kind]["latency"]), 1) for kind in ("drive", "plain")}
    routes = sorted(set(result["drive"]["routes"]) | set(result["plain"]["routes"]))
    for route in routes:
        cells = []
        for kind in ("drive", "plain"):
            logged = result[kind]["routes"].get(route, [])
            if logged:
                cells += [
                    f"{len(logged) / purchases[kind]:.1f}",
                    f"{statistics.median(q for q, _ms in logged):.0f}",
                    f"{statistics.median(ms for _q, ms in logged):.0f}",
                ]
            else:
                cells += ["-", "-", "-"]
        lines.append(f"| `{route}` | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _checkout_note(result, conflicts, slot_count, args):
    drive, plain = result["drive"], result["plain"]
    failed = ", ".join(sorted(set(drive["failed"] + plain["failed"])))[:300]
    return (
        f"Checkout: {args.checkout_rounds} rounds of each kind, alternated, {args.purchases} whole "
        f"purchases per shopper and round, {SHOPPERS} shoppers at once; drive purchases over "
        f"{slot_count} slots, {HOT_SHARE:.0%} of them on one hot slot. Time per purchase = the "
        f"round's wall time / purchases (the inverse of the throughput): "
        f"{1000 / percentiles(drive['per_purchase'])[0]:.2f} purchases/s with slots, "
        f"{1000 / percentiles(plain['per_purchase'])[0]:.2f} without. Latency of a purchase, "
        f"median: {percentiles(drive['latency'] or [0])[0]:.0f} ms with slots, "
        f"{percentiles(plain['latency'] or [0])[0]:.0f} ms without. Queries per purchase from "
        f"the server's request log ({drive['requests']} and {plain['requests']} requests). "
        f"Failed purchases: {len(drive['failed'])} of "
        f"{len(drive['failed']) + len(drive['latency'])} with slots, {len(plain['failed'])} of "
        f"{len(plain['failed']) + len(plain['latency'])} without"
        + (f" ({failed})" if failed else "")
        + f"; {conflicts} serialization conflicts in the server's log (retried by Odoo)."
    )


if __name__ == "__main__":
    main()
