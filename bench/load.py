#!/usr/bin/env python3
"""Load at a large coop's scale: members browsing their pages and buying at the drive, at once.

    python3 bench/bench.py --db coop_load --scale 2 --members 20000 --only none --skip-http
    python3 bench/load.py --db coop_load                 # 50 members, 5 minutes a run
    python3 bench/load.py --db coop_load --users 10 --duration 60 --modes replica

Each run starts Odoo with ``--workers`` HTTP workers (no cron) on 127.0.0.1, with or without a
hot-standby read replica of the local cluster (``tests/replica_walk.py`` makes it), and lets
``--users`` members work at once for ``--duration`` seconds. A member's loop: their pages (home,
shifts, events, board, directory, suggestions, orders, the shop), each after a short think
time, then a whole drive purchase (checkout, payment page, pickup slot, payment on site,
confirmation). Prints a markdown table: each page's requests, median and p95 as the members
saw them, errors, for each mode side by side; then purchases per second, failed purchases,
server errors and the share of the requests the replica served.
"""

import argparse
import contextlib
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

import requests

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))
import replica_walk

import bench

PAGES = (
    "/my",
    "/my/shifts",
    "/my/events",
    "/my/board",
    "/my/directory",
    "/my/suggestions",
    "/my/orders",
    "/shop",
)
LOGIN = "load_member_{}"
PRODUCTS = 300
ROUTE_ID = re.compile(r"/\d+")
ENTRY_RE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ ")
MODE_RE = re.compile(
    r'werkzeug: .*"(GET|POST) (\S+) [^"]*" \d{3} - \S+ \S+ \S+ (ro->rw|ro|rw|-)\s*$'
)


class Recorder:
    """The requests the members made: (route, milliseconds, HTTP status)."""

    def __init__(self):
        self.rows, self.lock = [], threading.Lock()

    def add(self, method, url, ms, status):
        path = ROUTE_ID.sub("/<id>", urlsplit(url).path)
        with self.lock:
            self.rows.append((f"{method} {path}", ms, status))


class TimedSession(requests.Session):
    """A browser's session that records every request it makes (redirects included)."""

    def __init__(self, recorder):
        super().__init__()
        self.recorder = recorder

    def request(self, method, url, *args, **kwargs):
        start = time.perf_counter()
        response = super().request(method, url, *args, **kwargs)
        self.recorder.add(method, url, (time.perf_counter() - start) * 1000, response.status_code)
        return response


# --- preparation (ORM, committed) -----------------------------------------------------------


def prepare(registry, users, carts_per_user):
    """The members who log in (the first ``users`` members of the generated database get a
    portal login and an address) and their drive carts. Returns (carts, slot ids, payment)."""
    from odoo import SUPERUSER_ID, api

    with registry.cursor() as cr:
        env = api.Environment(
            cr, SUPERUSER_ID, {"tracking_disable": True, "no_reset_password": True}
        )
        logins = _member_logins(env, users)
        if not shutil.which("wkhtmltopdf"):  # as in bench.py's checkout
            env["mail.template"].search([("model", "=", "sale.order")]).report_template_ids = [(5,)]
        slots = bench._checkout_slots(env).ids
        provider = env.ref("website_sale_collect.payment_provider_on_site")
        payment = (provider.id, env.ref("website_sale_collect.payment_method_pay_on_site").id)
        cr.commit()
        products = _products(env)
        cr.commit()
        carts = bench._new_carts(
            env, "drive", carts_per_user, logins=logins, products=products, rng=random.Random(42)
        )
        cr.commit()
    return logins, carts, slots, payment


def _products(env, count=PRODUCTS):
    """The shop's products the members buy (each in stock): a real basket mixes products, and
    one product for all would make its stock the one row every confirmation waits for."""
    products = env["product.product"].search([("name", "=like", "Load product %")], order="id")
    warehouse = env["stock.warehouse"].search([], limit=1)
    for index in range(len(products), count):
        product = env["product.product"].create(
            {
                "name": f"Load product {index}",
                "type": "consu",
                "is_storable": True,
                "list_price": 2.0 + index % 7,
                "sale_ok": True,
                "website_published": True,
            }
        )
        env["stock.quant"]._update_available_quantity(product, warehouse.lot_stock_id, 1000000)
        products |= product
    return list(products)


def _member_logins(env, count):
    members = env["res.partner"].search(
        [("name", "=like", "Member %"), ("user_ids", "=", False)], order="id", limit=count
    )
    existing = env["res.users"].search([("login", "=like", LOGIN.format("%"))], order="id")
    portal = env.ref("base.group_portal")
    france = env.ref("base.fr")
    for index, member in enumerate(members[: max(0, count - len(existing))], len(existing)):
        login = LOGIN.format(index)
        member.write(
            {
                "street": f"{index + 1} rue Garibaldi",
                "city": "Lyon",
                "zip": "69003",
                "country_id": france.id,
                "email": f"{login}@example.com",
                "phone": "+33 4 00 00 00 00",
            }
        )
        env["res.users"].create(
            {
                "login": login,
                "password": login,
                "partner_id": member.id,
                "groups_id": [(6, 0, portal.ids)],
            }
        )
    return [LOGIN.format(index) for index in range(count)]


# --- one run -------------------------------------------------------------------------------


def run(db, mode, args, logins, carts, slots, payment):
    """One run of ``args.duration`` seconds; returns its figures."""
    recorder = Recorder()
    smtp = bench.FakeSMTP()
    with contextlib.ExitStack() as stack:
        extra, env = [], {}
        socket_dir = None
        if mode == "replica":
            replica_port = bench.free_port()
            socket_dir = stack.enter_context(replica_walk.standby(replica_port))
            extra = ["--db_replica_host", str(socket_dir), "--db_replica_port", str(replica_port)]
        folder = Path(tempfile.mkdtemp(prefix="coop_load_"))
        if shim := replica_walk.gevent_metadata_shim(folder):
            env["PYTHONPATH"] = os.pathsep.join(
                filter(None, [str(shim), os.environ.get("PYTHONPATH")])
            )
        server = stack.enter_context(
            bench.OdooServer(
                db,
                args.workers,
                smtp.port,
                launcher=replica_walk.odoo_command(),
                extra_args=extra,
                env=env,
            )
        )
        stack.callback(smtp.close)
        sessions = []
        for login in logins:  # logged in before the clock starts, each page seen once
            session = TimedSession(Recorder())
            bench._shopper_session(server, db, login, session=session)
            for page in PAGES:
                session.get(server.url(page), timeout=120)
            session.recorder = recorder
            sessions.append(session)
        before = (
            replica_walk.replica_transactions(socket_dir, replica_port, db) if socket_dir else 0
        )
        offset = server.offset()
        purchases, failures = [], []
        lock = threading.Lock()
        deadline = time.monotonic() + args.duration

        def member(index, session):
            own = sorted(order for order, (*_v, shopper) in carts.items() if shopper == index)
            local = random.Random(args.seed * 1000 + index)
            # Members arrive one after the other over a loop's think time, not all at once.
            time.sleep(local.uniform(0, len(PAGES) * args.think))
            while time.monotonic() < deadline:
                for page in PAGES:
                    time.sleep(local.uniform(0.5, 1.5) * args.think)
                    if time.monotonic() >= deadline:
                        return
                    session.get(server.url(page), timeout=120)
                if not own:
                    continue
                cart = own.pop(0)
                slot = slots[0] if local.random() < bench.HOT_SHARE else local.choice(slots[1:])
                start = time.perf_counter()
                try:
                    bench._purchase(session, server, carts, payment, slot, cart, reload=False)
                except (bench.PurchaseFailed, KeyError, ValueError, requests.RequestException) as e:
                    with lock:
                        failures.append(str(e))
                    continue
                with lock:
                    purchases.append((time.perf_counter() - start) * 1000)

        threads = [
            threading.Thread(target=member, args=(index, session))
            for index, session in enumerate(sessions)
        ]
        start = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - start
        log = server.log.read_bytes()[offset:].decode(errors="replace")
        replica_served = (
            replica_walk.replica_transactions(socket_dir, replica_port, db) - before
            if socket_dir
            else 0
        )
    modes, route_modes = {}, {}
    for line in log.splitlines():
        if match := MODE_RE.search(line):
            modes[match.group(3)] = modes.get(match.group(3), 0) + 1
            route = f"{match.group(1)} {ROUTE_ID.sub('/<id>', urlsplit(match.group(2)).path)}"
            route_modes.setdefault(route, set()).add(match.group(3))
    return {
        "mode": mode,
        "elapsed": elapsed,
        "rows": recorder.rows,
        "purchases": purchases,
        "failures": failures,
        "errors": _error_entries(log),
        "conflicts": sum(
            line.startswith("ERROR: could not serialize") for line in log.splitlines()
        ),
        "modes": modes,
        "route_modes": route_modes,
        "replica_transactions": replica_served,
    }


def _error_entries(log):
    """The ERROR and CRITICAL entries of Odoo's log (a line and its traceback each)."""
    entries = []
    for line in log.splitlines():
        if ENTRY_RE.match(line):
            entries.append([line])
        elif entries:
            entries[-1].append(line)
    return ["\n".join(entry) for entry in entries if replica_walk.PROBLEM_RE.match(entry[0])]


def _serialization(entry):
    return "could not serialize access" in entry


# --- report --------------------------------------------------------------------------------


def p95(values):
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=20)[-1]


def report(results, args, db_size):
    lines = [
        f"# Load run {datetime.now():%Y-%m-%d %H:%M}",
        "",
        f"Machine: {bench.machine()}.",
        (
            f"Database `{args.db}`: {db_size}. {args.users} members "
            f"at once for {args.duration} s a run, think time {args.think:.1f} s on average "
            f"between pages, Odoo `--workers {args.workers}`, no cron."
        ),
        "",
    ]
    head = "| route | cursor (replica run) |" + "".join(
        f" {r['mode']}: requests | median ms | p95 ms | errors |" for r in results
    )
    lines += [head, "|---|---|" + "---|---|---|---|" * len(results)]
    route_modes = {}
    for r in results:
        for route, found in r["route_modes"].items():
            route_modes.setdefault(route, set()).update(found)
    routes = sorted({row[0] for r in results for row in r["rows"]})
    for route in routes:
        cells = []
        for r in results:
            rows = [row for row in r["rows"] if row[0] == route]
            times = [ms for _route, ms, _status in rows]
            errors = sum(status >= 500 for _route, _ms, status in rows)
            cells.append(
                f" {len(rows)} | {statistics.median(times) if times else 0:.0f} "
                f"| {p95(times):.0f} | {errors} |"
            )
        mode = ", ".join(sorted(route_modes.get(route, ()))) or "-"
        lines.append(f"| {route} | {mode} |" + "".join(cells))
    lines.append("")
    for r in results:
        total = len(r["rows"])
        served = r["modes"]
        ro = served.get("ro", 0)
        lines.append(
            f"- **{r['mode']}**: {len(r['purchases'])} purchases in {r['elapsed']:.0f} s "
            f"({len(r['purchases']) / r['elapsed']:.2f} a second; a purchase's median "
            f"{statistics.median(r['purchases']) if r['purchases'] else 0:.0f} ms, p95 "
            f"{p95(r['purchases']):.0f} ms), {len(r['failures'])} failed; {total} requests "
            f"({total / r['elapsed']:.1f} a second), "
            f"{sum(status >= 500 for *_x, status in r['rows'])} HTTP 5xx, "
            f"{len(r['errors'])} ERROR entries in Odoo's log ("
            f"{sum(map(_serialization, r['errors']))} of them a serialization failure Odoo's "
            f"payment status page polls again), {r['conflicts']} serialization conflicts"
            + (
                "; cursors: " + ", ".join(f"{k} {v}" for k, v in sorted(served.items()))
                if served
                else ""
            )
            + (
                f"; read-only requests: {ro / max(sum(served.values()), 1):.0%}, "
                f"replica transactions {r['replica_transactions']}"
                if r["mode"] == "replica"
                else ""
            )
        )
        for failure in sorted(set(r["failures"]))[:5]:
            lines.append(f"  - failed: {failure}")
        for error in [e for e in r["errors"] if not _serialization(e)][:5]:
            lines.append(f"  - log: {error.splitlines()[0][:200]}")
    return "\n".join(lines)


def database_size(db):
    return subprocess.check_output(
        [
            "psql",
            "-d",
            db,
            "-Atc",
            "SELECT (SELECT count(*) FROM res_partner WHERE name LIKE 'Member %%') || ' members, '"
            " || (SELECT count(*) FROM coop_work_entry) || ' ledger lines, '"
            " || (SELECT count(*) FROM sale_order) || ' orders'".replace("%%", "%"),
        ],
        text=True,
    ).strip()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", default="coop_load")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=int, default=300, help="seconds of each run")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--think", type=float, default=1.0, help="mean seconds between pages")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument(
        "--modes", default="primary,replica", help="runs in this order: primary, replica"
    )
    parser.add_argument("--carts", type=int, default=12, help="drive carts per member and run")
    args = parser.parse_args()
    os.environ["PGOPTIONS"] = f"{os.environ.get('PGOPTIONS', '')} -c jit=off".strip()
    if not bench.database_exists(args.db):
        sys.exit(f"{args.db} is missing: build it first (see this script's docstring)")
    import odoo

    odoo.tools.config.parse_config(["--addons-path", bench.addons_path(), "-d", args.db])
    registry = odoo.modules.registry.Registry(args.db)
    results = []
    for mode in args.modes.split(","):
        logins, carts, slots, payment = prepare(registry, args.users, args.carts)
        results.append(run(args.db, mode, args, logins, carts, slots, payment))
        print(report(results, args, "..."), file=sys.stderr, flush=True)
    print(report(results, args, database_size(args.db)))


if __name__ == "__main__":
    main()
