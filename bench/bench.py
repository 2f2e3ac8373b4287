#!/usr/bin/env python3
"""Benchmarks at coop-federation scale: each scenario beside its physical floor.

    python3 bench/bench.py                 # build the database if missing, then measure
    python3 bench/bench.py --scale 0.1     # a tenth of the data, for a quick look
    python3 bench/bench.py --rebuild       # drop and build the database again

The database (both addons, no demo data) is filled by a seeded generator: 5,000 members,
10,000 volunteers with coordinates over the Lyon metropolitan area, 200,000 ledger lines,
20,000 drive orders over a store's slots, 2,000 delivery requests (times --scale), and the
50 shift templates of a store's year (not scaled: one store's schedule). Each scenario runs
--repeat times through the ORM and through its baseline in the same process; the table gives
medians, the p10-p90 spread, the ratio and the ORM's query count. The checkout scenario
starts an Odoo server with --workers on 127.0.0.1 and loads it with a bounded client.
"""

import argparse
import json
import os
import platform
import random
import re
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
SIZES = {"members": 5000, "volunteers": 10000, "ledger": 200000, "orders": 20000, "requests": 2000}
TEMPLATES = 50  # one store's weekly schedule, whatever the scale
SHOPPERS = 4  # web-shop members per checkout page, one per concurrent client
TZ = "Europe/Paris"

Scenario = namedtuple("Scenario", "name orm sql reset", defaults=(None,))


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


def generate(env, scale, seed):
    rng = random.Random(seed)
    sizes = {name: max(1, int(count * scale)) for name, count in SIZES.items()}
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
                    "partner_latitude": rng.uniform(LYON[0], LYON[1]),
                    "partner_longitude": rng.uniform(LYON[2], LYON[3]),
                    "coop_geo_state": "done",
                }
                for i in range(batch, min(batch + 1000, sizes["volunteers"]))
            ]
        )


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
    """A store with weekly rules, its slots of the next 60 days, orders on them in bulk SQL."""
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
                "capacity": 40,
                "cutoff_hours": 2,
                "horizon_days": 60,
                "tz": "Europe/Paris",
            }
            for day in range(6)
            for start in (10.0, 17.0)
        ]
    )
    rules.action_generate_slots()
    env.cr.execute("SELECT array_agg(id ORDER BY id) FROM coop_slot")
    (slot_ids,) = env.cr.fetchone()
    env.cr.execute("SELECT array_agg(id ORDER BY id) FROM res_partner WHERE name LIKE 'Member %%'")
    (member_ids,) = env.cr.fetchone()
    env.cr.execute("SELECT setseed(%s)", (rng.uniform(-1, 1),))
    env.cr.execute(
        """
        INSERT INTO sale_order (name, partner_id, partner_invoice_id, partner_shipping_id,
                                company_id, date_order, state, coop_slot_id, carrier_id,
                                warehouse_id, coop_drive_state, picking_policy,
                                create_uid, write_uid, create_date, write_date)
        SELECT 'BENCH/' || g, p, p, p, 1, NOW(), 'sale',
               (%(slots)s::int[])[1 + floor(random() * array_length(%(slots)s::int[], 1))::int],
               %(carrier)s, %(warehouse)s, 'to_prepare', 'direct', 1, 1, NOW(), NOW()
          FROM (SELECT g,
                       (%(members)s::int[])
                           [1 + floor(random() * array_length(%(members)s::int[], 1))::int] AS p
                  FROM generate_series(1, %(count)s) g) o
        """,
        {
            "slots": slot_ids,
            "members": member_ids,
            "carrier": carrier.id,
            "warehouse": warehouse.id,
            "count": sizes["orders"],
        },
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
    """Web-shop members with a cart ready to pay, picked up at the store: half with the drive
    (the payment page shows the slot picker), half with a click & collect method that has no
    slot rule (the same page without the picker)."""
    website = env["website"].search([], limit=1)
    warehouse = env["stock.warehouse"].search([], limit=1)
    drive = env["delivery.carrier"].search([("delivery_type", "=", "in_store")], limit=1)
    drive.is_published = True
    plain = env["delivery.carrier"].create(
        {
            "name": "Pick up in store, any time",
            "delivery_type": "in_store",
            "product_id": drive.product_id.id,
            "warehouse_ids": [(6, 0, warehouse.ids)],
            "is_published": True,
        }
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
    env["stock.quant"]._update_available_quantity(product, warehouse.lot_stock_id, 100000)
    slot = env["coop.slot"]._get_bookable_slots(drive, warehouse)[:1]
    slot.capacity = 10000  # the seed filled the slots; this cart's slot stays bookable
    portal = env.ref("base.group_portal")
    for kind, carrier in (("drive", drive), ("plain", plain)):
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
            order = env["sale.order"].create(
                {
                    "partner_id": user.partner_id.id,
                    "website_id": website.id,
                    "order_line": [(0, 0, {"product_id": product.id, "product_uom_qty": 2})],
                }
            )
            order._set_delivery_method(carrier)
            order._set_pickup_location(json.dumps(_pickup_location(warehouse)))
            if kind == "drive":
                order._coop_set_slot(slot)


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


def measure(env, func, repeat, reset=None):
    """Median and p10-p90 of ``func`` in ms, and the queries of one run; ``reset`` runs
    untimed after each run (to undo what the run wrote)."""
    times = []
    queries = 0
    for _i in range(repeat):
        env.invalidate_all()
        before = env.cr.sql_log_count
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
        queries = env.cr.sql_log_count - before
        if reset:
            reset()
    return (*spread(times), queries)


def spread(values):
    """Median, p10 and p90 of a list of numbers."""
    values = sorted(values)
    p10 = values[max(0, int(len(values) * 0.1))]
    p90 = values[min(len(values) - 1, int(len(values) * 0.9))]
    return statistics.median(values), p10, p90


def scenario_availability(env):
    """Seats left of the next 14 days' slots; the baseline counts the same seat-taking
    orders (confirmed, or held by a payment under way) in one query."""
    from odoo import fields

    slot = env["coop.slot"].search([], limit=1)
    carrier, warehouse = slot.carrier_id, slot.warehouse_id

    def orm():
        slots = env["coop.slot"]._get_bookable_slots(carrier, warehouse, days=14)
        return slots.mapped("seats_left")

    def sql():
        env.cr.execute(
            """
            SELECT s.id, s.capacity - COUNT(o.id)
              FROM coop_slot s
         LEFT JOIN sale_order o
                ON o.coop_slot_id = s.id AND o.state != 'cancel'
               AND (o.state = 'sale' OR EXISTS (
                       SELECT 1 FROM sale_order_transaction_rel r
                         JOIN payment_transaction t ON t.id = r.transaction_id
                        WHERE r.sale_order_id = o.id
                          AND (t.state IN ('pending', 'authorized', 'done')
                               OR t.state = 'draft' AND t.create_date >= %s)))
             WHERE s.carrier_id = %s AND s.warehouse_id = %s AND s.state = 'open'
               AND s.start > NOW() AT TIME ZONE 'UTC'
               AND s.start < NOW() AT TIME ZONE 'UTC' + INTERVAL '14 days'
          GROUP BY s.id
            """,
            (fields.Datetime.now() - timedelta(minutes=30), carrier.id, warehouse.id),
        )
        return env.cr.fetchall()

    return Scenario("slot availability, 14 days of one store", orm, sql)


def scenario_ranking(env):
    from odoo.addons.coop_solidarity_delivery.tools.volunteer_ranking import bounding_box

    lat, lon = (LYON[0] + LYON[1]) / 2, (LYON[2] + LYON[3]) / 2
    weekday = date.today().weekday()

    def orm():
        return env["res.partner"]._coop_rank_volunteers(lat, lon, weekday)

    def sql():
        min_lat, max_lat, min_lon, max_lon = bounding_box(lat, lon, 15)
        env.cr.execute(
            """
            SELECT p.id, p.partner_latitude, p.partner_longitude, p.coop_radius_km
              FROM res_partner p
              JOIN coop_weekday_res_partner_rel r ON r.res_partner_id = p.id
              JOIN coop_weekday w ON w.id = r.coop_weekday_id AND w.number = %s
             WHERE p.coop_is_volunteer AND p.coop_can_deliver AND p.coop_notify_consent
               AND p.partner_latitude BETWEEN %s AND %s
               AND p.partner_longitude BETWEEN %s AND %s
            """,
            (weekday, min_lat, max_lat, min_lon, max_lon),
        )
        return env.cr.fetchall()

    return Scenario("volunteer ranking, one request (all qualified)", orm, sql)


def scenario_ranking_wave(env):
    """The next wave of a request: the 5 nearest, the first 5 asked already."""
    lat, lon = (LYON[0] + LYON[1]) / 2, (LYON[2] + LYON[3]) / 2
    weekday = date.today().weekday()
    partners = env["res.partner"]
    asked = [
        partner.id for partner, _km in partners._coop_rank_volunteers(lat, lon, weekday, limit=5)
    ]
    ranking = scenario_ranking(env)

    def orm():
        return partners._coop_rank_volunteers(lat, lon, weekday, limit=5, exclude_ids=asked)

    return Scenario("volunteer ranking, next wave of 5", orm, ranking.sql)


def scenario_ledger_pivot(env):
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


def _scenario_status(env, share, name):
    from odoo.addons.coop_member_shifts.models.res_partner import WINDOW_MONTHS
    from odoo.addons.coop_member_shifts.tools import work_status

    members = env["res.partner"].search([("name", "like", "Member ")], order="id")
    members = members[: max(1, int(len(members) * share))]
    since = work_status.add_months(work_status.month_start(date.today()), -WINDOW_MONTHS)

    def orm():
        return members.with_env(env).mapped("coop_work_status")

    def sql():
        env.cr.execute(
            """
            SELECT partner_id, date_trunc('month', date), SUM(hours)
              FROM coop_work_entry
             WHERE partner_id = ANY(%s) AND state = 'validated' AND date >= %s
          GROUP BY partner_id, date_trunc('month', date)
            """,
            (members.ids, since),
        )
        return env.cr.fetchall()

    return Scenario(name, orm, sql)


def scenario_status(env):
    return _scenario_status(env, 1.0, "monthly status of all members")


def scenario_status_tenth(env):
    return _scenario_status(env, 0.1, "monthly status of a tenth of the members")


def scenario_shifts(env):
    """A year of shifts from the templates, each run rolled back to a savepoint."""
    templates = env["coop.shift.template"].search([])
    date_to = date.today() + timedelta(days=365)
    env.cr.execute("SAVEPOINT bench_shifts")

    def orm():
        templates.with_env(env)._generate_shifts(date_to=date_to)
        env.flush_all()
        env.cr.precommit.run()  # mail tracking of the new shifts, as a commit would do
        env.flush_all()

    def sql():
        env.cr.execute(
            """
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
            """,
            {"tz": TZ, "today": date.today(), "to": date_to},
        )

    def reset():
        env.cr.execute("ROLLBACK TO SAVEPOINT bench_shifts")
        env.transaction.clear()

    return Scenario(f"a year of shifts from {len(templates)} templates", orm, sql, reset)


SCENARIOS = (
    scenario_availability,
    scenario_ranking,
    scenario_ranking_wave,
    scenario_status,
    scenario_status_tenth,
    scenario_shifts,
    scenario_ledger_pivot,
)


# --- checkout under concurrent HTTP load --------------------------------------------------


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class OdooServer:
    """An Odoo with ``workers`` worker processes on 127.0.0.1, logging each request with its
    query count; stopped (by its process id) when the block ends."""

    def __init__(self, db, workers):
        self.db, self.workers = db, workers
        self.port = free_port()
        self.log = Path(tempfile.mkstemp(prefix="coop_bench_http_", suffix=".log")[1])

    def __enter__(self):
        self.output = self.log.open("a")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "odoo",
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
                "--log-level",
                "warn",
                "--log-handler",
                "werkzeug:INFO",
                "--logfile",
                str(self.log),
            ],
            env={**os.environ, "TZ": "UTC"},
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

    def queries(self, marker):
        """Median query count of the logged requests whose URL contains ``marker``."""
        counts = [
            int(match.group(1))
            for line in self.log.read_text(errors="replace").splitlines()
            if marker in line and (match := re.search(r'" 200 - (\d+) ', line))
        ]
        return int(statistics.median(counts)) if counts else 0


def _shopper_session(server, db, login):
    import requests

    session = requests.Session()
    response = session.post(
        server.url("/web/session/authenticate"),
        json={"jsonrpc": "2.0", "params": {"db": db, "login": login, "password": login}},
        timeout=60,
    )
    response.raise_for_status()
    if response.json().get("error"):
        raise RuntimeError(f"{login} cannot log in: {response.json()['error']}")
    return session


def _load(server, sessions, path, count, deadline):
    """``count`` GETs of ``path`` shared by one thread per session.

    Returns (seconds, latencies in ms, failed requests): a failed request (HTTP 500 after
    Odoo's retries, say) is a result of the measure, counted, not a crash of the benchmark.
    """
    latencies, failures = [], []
    todo = iter(range(count))
    lock = threading.Lock()

    def client(session):
        while time.monotonic() < deadline:
            with lock:
                if next(todo, None) is None:
                    return
            start = time.perf_counter()
            response = session.get(server.url(path), timeout=60, allow_redirects=False)
            elapsed = time.perf_counter() - start
            with lock:
                latencies.append(elapsed * 1000)
                if response.status_code != 200:
                    failures.append(response.status_code)

    threads = [threading.Thread(target=client, args=(session,)) for session in sessions]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - start, latencies, len(failures)


def scenario_checkout(db, repeat, workers, requests_per_round, time_limit):
    """The payment page of drive carts (with the slot picker) and of the same carts picked up
    without slots, loaded in alternate rounds by one client per shopper."""
    deadline = time.monotonic() + time_limit
    pages = {"drive": "/shop/payment?bench=drive", "plain": "/shop/payment?bench=plain"}
    with OdooServer(db, workers) as server:
        sessions = {
            kind: [_shopper_session(server, db, f"bench_{kind}_{i}") for i in range(SHOPPERS)]
            for kind in pages
        }
        for kind, path in pages.items():  # warm the workers' caches
            _load(server, sessions[kind], path, 4 * workers, deadline)
        per_request = {kind: [] for kind in pages}
        latencies = {kind: [] for kind in pages}
        failed = dict.fromkeys(pages, 0)
        for _round in range(repeat):
            for kind, path in pages.items():
                seconds, times, failures = _load(
                    server, sessions[kind], path, requests_per_round, deadline
                )
                per_request[kind].append(seconds * 1000 / max(len(times), 1))
                latencies[kind] += times
                failed[kind] += failures
        if time.monotonic() > deadline:
            print(f"checkout load stopped at the time limit ({time_limit} s)", file=sys.stderr)
        queries = {kind: server.queries(f"bench={kind}") for kind in pages}
        conflicts = server.conflicts()
    return per_request, latencies, queries, failed, conflicts


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
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--workers", type=int, default=2, help="Odoo workers for the checkout")
    parser.add_argument(
        "--requests", type=int, default=40, help="checkout requests per page and round"
    )
    parser.add_argument(
        "--time-limit", type=int, default=600, help="seconds allowed to the checkout load"
    )
    parser.add_argument("--skip-http", action="store_true", help="no checkout load")
    parser.add_argument(
        "--jit", action="store_true", help="keep PostgreSQL's JIT compilation (off by default)"
    )
    args = parser.parse_args()
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
            sizes, timings = generate(api.Environment(cr, SUPERUSER_ID, {}), args.scale, args.seed)
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
        "| scenario | ORM median (ms) | p10-p90 | baseline (ms) | ratio | queries |",
        "|---|---|---|---|---|---|",
    ]
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        for make in SCENARIOS:
            scenario = make(env)
            orm_median, p10, p90, queries = measure(env, scenario.orm, args.repeat, scenario.reset)
            sql_median, _p10, _p90, _q = measure(env, scenario.sql, args.repeat, scenario.reset)
            lines.append(
                f"| {scenario.name} | {orm_median:.1f} | {p10:.1f}-{p90:.1f} "
                f"| {sql_median:.1f} (SQL) | {orm_median / sql_median:.1f}x | {queries} |"
            )
            print(lines[-1], file=sys.stderr, flush=True)
        cr.rollback()
    notes = []
    if not args.skip_http:
        per_request, latencies, queries, failed, conflicts = scenario_checkout(
            args.db, args.repeat, args.workers, args.requests, args.time_limit
        )
        drive, d10, d90 = spread(per_request["drive"])
        plain = spread(per_request["plain"])[0]
        lines.append(
            f"| checkout page with the slot picker, {SHOPPERS} clients, {args.workers} workers "
            f"(ms per request) | {drive:.1f} | {d10:.1f}-{d90:.1f} | {plain:.1f} (without "
            f"picker) | {drive / plain:.2f}x | {queries['drive']} ({queries['plain']} plain) |"
        )
        notes.append(
            f"Checkout throughput: {1000 / drive:.1f} requests/s with the slot picker, "
            f"{1000 / plain:.1f} requests/s plain ({100 * (plain / drive - 1):+.1f} %); "
            f"latency median {spread(latencies['drive'])[0]:.0f} ms with the picker, "
            f"{spread(latencies['plain'])[0]:.0f} ms plain; {args.requests} requests per page "
            f"and round, rounds alternated. Failed requests: {failed['drive']} of "
            f"{len(latencies['drive'])} with the picker, {failed['plain']} of "
            f"{len(latencies['plain'])} plain; {conflicts} serialization conflicts in the "
            f"server's log."
        )
    print("\n".join(lines + [""] + notes))


if __name__ == "__main__":
    main()
