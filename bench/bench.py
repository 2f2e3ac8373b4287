#!/usr/bin/env python3
"""Benchmarks at coop-federation scale: each scenario beside its physical floor.

    python3 bench/bench.py                 # build the database if missing, then measure
    python3 bench/bench.py --scale 0.1     # a tenth of the data, for a quick look
    python3 bench/bench.py --rebuild       # drop and build the database again

The database (both addons, no demo data) is filled by a seeded generator: 5,000 members,
10,000 volunteers with coordinates over the Lyon metropolitan area, 200,000 ledger lines,
20,000 drive orders over a store's slots, 2,000 delivery requests (times --scale). Each
scenario runs --repeat times through the ORM and through its bare-SQL baseline in the same
process; the table gives medians, the p10-p90 spread, the ratio and the ORM's query count.
"""

import argparse
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ADDONS = "coop_member_shifts,coop_solidarity_delivery"
LYON = (45.70, 45.82, 4.78, 4.93)  # lat min, lat max, lon min, lon max
SIZES = {"members": 5000, "volunteers": 10000, "ledger": 200000, "orders": 20000, "requests": 2000}


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
    for step in (_members, _volunteers, _ledger, _orders, _requests):
        start = time.perf_counter()
        step(quiet, rng, sizes)
        env.cr.commit()
        timings[step.__name__.strip("_")] = time.perf_counter() - start
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
               (SELECT array_agg(id) AS ids FROM res_partner WHERE name LIKE 'Member %%') m
        """,
        (sizes["ledger"],),
    )


def _orders(env, rng, sizes):
    """A store with weekly rules, a year of slots before and after today, orders in bulk SQL."""
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
    env.cr.execute("SELECT array_agg(id) FROM coop_slot")
    (slot_ids,) = env.cr.fetchone()
    env.cr.execute("SELECT array_agg(id) FROM res_partner WHERE name LIKE 'Member %%'")
    (member_ids,) = env.cr.fetchone()
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


# --- scenarios ------------------------------------------------------------------------------


def measure(env, func, repeat):
    """Median and p10-p90 of ``func`` in ms, and the queries of one run."""
    times = []
    queries = 0
    for _i in range(repeat):
        env.invalidate_all()
        before = env.cr.sql_log_count
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
        queries = env.cr.sql_log_count - before
    times.sort()
    p10 = times[max(0, int(len(times) * 0.1))]
    p90 = times[min(len(times) - 1, int(len(times) * 0.9))]
    return statistics.median(times), p10, p90, queries


def scenario_availability(env):
    slot = env["coop.slot"].search([], limit=1)

    def orm():
        slots = env["coop.slot"]._get_bookable_slots(slot.carrier_id, slot.warehouse_id, days=14)
        return slots.mapped("seats_left")

    def sql():
        env.cr.execute(
            """
            SELECT s.id, s.capacity - COUNT(o.id)
              FROM coop_slot s
         LEFT JOIN sale_order o ON o.coop_slot_id = s.id AND o.state = 'sale'
             WHERE s.carrier_id = %s AND s.warehouse_id = %s AND s.state = 'open'
               AND s.start > NOW() AT TIME ZONE 'UTC'
               AND s.start < NOW() AT TIME ZONE 'UTC' + INTERVAL '14 days'
          GROUP BY s.id
            """,
            (slot.carrier_id.id, slot.warehouse_id.id),
        )
        return env.cr.fetchall()

    return "slot availability, 14 days of one store", orm, sql


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

    return "volunteer ranking, one request", orm, sql


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

    return "managers' pivot on the ledger (member x month)", orm, sql


SCENARIOS = (scenario_availability, scenario_ranking, scenario_ledger_pivot)


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
    args = parser.parse_args()

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
        f"Scale {args.scale} (seed {args.seed}), {args.repeat} runs per measure.",
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
        "| scenario | ORM median (ms) | p10-p90 | SQL baseline (ms) | ratio | queries |",
        "|---|---|---|---|---|---|",
    ]
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        for scenario in SCENARIOS:
            name, orm, sql = scenario(env)
            orm_median, p10, p90, queries = measure(env, orm, args.repeat)
            sql_median, _p10, _p90, _q = measure(env, sql, args.repeat)
            lines.append(
                f"| {name} | {orm_median:.1f} | {p10:.1f}-{p90:.1f} | {sql_median:.1f} "
                f"| {orm_median / sql_median:.1f}x | {queries} |"
            )
    print("\n".join(lines))


if __name__ == "__main__":
    main()
