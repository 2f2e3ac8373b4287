#!/usr/bin/env python3
"""Walk the site against Odoo with two HTTP workers and a hot-standby read replica.

1. A hot standby of the local PostgreSQL cluster is made in a temporary directory
   (``pg_basebackup -R``, streaming replication) and started on its own port and socket.
2. Odoo runs on a database with demo data with ``--workers 2`` and
   ``--db_replica_host``/``--db_replica_port`` pointing at the standby.
3. Over HTTP: a visitor's pages, a member's, a beneficiary's, a volunteer's, the shop staff's
   drive board (JSON-RPC reads), and a drive purchase (cart, pickup store, pickup slot, "pay on
   site", confirmation).
4. Checks: no HTTP 5xx and no unexpected answer, no ERROR/CRITICAL line in Odoo's log, no
   route retried on the primary after a write on the replica ('ro->rw'), and the replica did
   serve the read-only requests (Odoo's request log gives each request's cursor mode; the
   standby's own transaction count must grow too). Prints the share the replica served.
5. Stops Odoo and the standby and removes the temporary directory, whatever happened.

The primary needs ``wal_level`` replica (PostgreSQL's default), WAL senders, and a
``replication`` line in pg_hba.conf for local connections (Debian's default; ``.ci/run``
checks them). Run as root (the cluster's commands then run as ``postgres``) or as the
cluster's owner::

    python3 tests/replica_walk.py --db coop_test

Exit code 0 when every check holds; the last line says ``replica walk: passed`` or
``replica walk: FAILED``.
"""

import argparse
import contextlib
import json
import os
import pwd
import re
import shutil
import subprocess
import sys
import tempfile
import time
import xmlrpc.client
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run_tests import free_port, odoo_addons_path

# Settings of a hot standby that must be at least the primary's (PostgreSQL refuses to start
# the standby otherwise).
AT_LEAST_PRIMARY = (
    "max_connections",
    "max_worker_processes",
    "max_wal_senders",
    "max_prepared_transactions",
    "max_locks_per_transaction",
)
# A request line of Odoo's log with a replica configured: "GET /path HTTP/1.1" 200 - then
# query count, query time, other time and the cursor mode ('ro', 'rw', 'ro->rw' or '-').
REQUEST_RE = re.compile(
    r'werkzeug: \S+ - - \[[^\]]+\] "(\w+) (\S+) [^"]*" (\d{3}) - \S+ \S+ \S+ (ro->rw|ro|rw|-)\s*$'
)
PROBLEM_RE = re.compile(r"^\S+ \S+ \d+ (ERROR|CRITICAL) ")
REPLICA_WARNINGS = ("retrying with a read/write cursor", "Failed to open a readonly cursor")
CSRF_RE = re.compile(r'name="csrf_token"\s+value="([^"]+)"')
PAYMENT_FORM_RE = re.compile(r'data-(amount|transaction-route|access-token)="([^"]*)"')


class WalkError(Exception):
    """A check of the walk failed."""


# === POSTGRESQL: THE STANDBY ===#


def as_cluster_owner(cmd):
    """``cmd`` run as ``postgres`` when we are root (PostgreSQL refuses to run as root)."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


def psql(sql, host=None, port=None, db="postgres"):
    cmd = ["psql", "-X", "-At", "-d", db, "-c", sql]
    if host:
        cmd += ["-h", str(host)]
    if port:
        cmd += ["-p", str(port)]
    return subprocess.check_output(cmd, text=True).strip()


def pg_bindir():
    """The binaries of the running server's major version (Debian keeps them off PATH)."""
    major = int(psql("SHOW server_version_num")) // 10000
    candidate = Path(f"/usr/lib/postgresql/{major}/bin")
    return candidate if (candidate / "pg_ctl").exists() else None


def pg_tool(name):
    bindir = pg_bindir()
    return str(bindir / name) if bindir else shutil.which(name) or name


@contextlib.contextmanager
def standby(port):
    """A hot standby of the local cluster on ``port``; yields its socket directory."""
    wal_level = psql("SHOW wal_level")
    if wal_level not in ("replica", "logical"):
        raise WalkError(f"the primary has wal_level={wal_level}: replica is needed (.ci/run)")
    if int(psql("SHOW max_wal_senders")) < 1:
        raise WalkError("the primary has max_wal_senders=0: streaming replication is off")
    primary_socket = psql("SHOW unix_socket_directories").split(",")[0].strip()
    primary_port = psql("SHOW port")
    root = Path(tempfile.mkdtemp(prefix="coop_replica_"))
    if os.geteuid() == 0:
        owner = pwd.getpwnam("postgres")
        os.chown(root, owner.pw_uid, owner.pw_gid)
    root.chmod(0o700)
    data = root / "data"
    started = False
    try:
        t0 = time.monotonic()
        run(
            as_cluster_owner(
                [
                    pg_tool("pg_basebackup"),
                    *("-h", primary_socket, "-p", primary_port),
                    *("-D", str(data), "-R", "-X", "stream", "-c", "fast"),
                ]
            ),
            "pg_basebackup (is there a 'local replication' line in pg_hba.conf?)",
        )
        print(f"replica: base backup in {time.monotonic() - t0:.0f} s", flush=True)
        write_standby_config(root, data, port)
        run(
            as_cluster_owner(
                [
                    pg_tool("pg_ctl"),
                    *("-D", str(data), "-l", str(root / "standby.log")),
                    *("-o", f"-c config_file={root / 'standby.conf'}"),
                    *("-w", "-t", "120", "start"),
                ]
            ),
            "starting the standby",
        )
        started = True
        if psql("SELECT pg_is_in_recovery()", host=root, port=port) != "t":
            raise WalkError("the standby is not in recovery: it is not a replica")
        yield root
    finally:
        if started:
            subprocess.call(
                as_cluster_owner([pg_tool("pg_ctl"), "-D", str(data), "-m", "fast", "stop"]),
                stdout=subprocess.DEVNULL,
            )
        log = root / "standby.log"
        if log.exists() and os.environ.get("COOP_WALK_VERBOSE"):
            print(log.read_text(errors="replace")[-3000:])
        shutil.rmtree(root, ignore_errors=True)


def write_standby_config(root, data, port):
    """The standby's own configuration, outside its data directory (a Debian cluster keeps
    its postgresql.conf in /etc; the base backup has none)."""
    values = {name: psql(f"SHOW {name}") for name in AT_LEAST_PRIMARY}
    lines = [
        f"data_directory = '{data}'",
        f"hba_file = '{root / 'pg_hba.conf'}'",
        f"ident_file = '{root / 'pg_ident.conf'}'",
        f"port = {port}",
        "listen_addresses = ''",
        f"unix_socket_directories = '{root}'",
        "hot_standby = on",
        "shared_buffers = 64MB",
        "logging_collector = off",
        *(f"{name} = {value}" for name, value in values.items()),
    ]
    (root / "standby.conf").write_text("\n".join(lines) + "\n")
    (root / "pg_hba.conf").write_text("local all all peer\n")
    (root / "pg_ident.conf").write_text("")
    if os.geteuid() == 0:
        owner = pwd.getpwnam("postgres")
        for name in ("standby.conf", "pg_hba.conf", "pg_ident.conf"):
            os.chown(root / name, owner.pw_uid, owner.pw_gid)


def replica_transactions(socket_dir, port, db):
    """Transactions the standby has run in ``db`` (its own statistics)."""
    return int(
        psql(
            f"SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = '{db}'",
            host=socket_dir,
            port=port,
        )
        or 0
    )


def run(cmd, what):
    result = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if result.returncode:
        raise WalkError(f"{what} failed:\n{result.stdout}\n{result.stderr}")


# === ODOO ===#


@contextlib.contextmanager
def odoo_server(db, socket_dir, replica_port, log_path):
    """Odoo with two HTTP workers on ``db``, its read-only cursors on the standby."""
    port = free_port()
    cmd = [
        *odoo_command(),
        *("--database", db, "--db-filter", f"^{db}$"),
        *("--addons-path", odoo_addons_path()),
        *("--workers", "2", "--max-cron-threads", "0"),
        *("--http-port", str(port), "--gevent-port", str(free_port())),
        *("--db_replica_host", str(socket_dir), "--db_replica_port", str(replica_port)),
        *("--logfile", str(log_path), "--log-level", "info"),
    ]
    env = {**os.environ, "TZ": "UTC"}
    if shim := gevent_metadata_shim(log_path.parent):
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(shim), env.get("PYTHONPATH")]))
    process = subprocess.Popen(cmd, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            with contextlib.suppress(requests.RequestException):
                if requests.get(f"{url}/web/health", timeout=5).status_code == 200:
                    break
            if process.poll() is not None or time.monotonic() > deadline:
                raise WalkError(f"Odoo did not start (see {log_path})")
            time.sleep(1)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()


def odoo_command():
    """Odoo's launcher. Not ``python -m odoo``: with workers, Odoo starts its websocket
    (gevent) process again from ``sys.argv[0]``, which must be a script."""
    package = subprocess.check_output(
        [sys.executable, "-c", "import odoo, os; print(os.path.dirname(odoo.__file__))"],
        text=True,
        cwd=tempfile.gettempdir(),
    ).strip()
    script = Path(package).parent / "odoo-bin"
    if script.exists():
        return [sys.executable, str(script)]
    if found := shutil.which("odoo"):
        return [found]
    raise WalkError("no odoo-bin beside the odoo package, and no odoo command on PATH")


def gevent_metadata_shim(folder):
    """A folder of metadata aliases when gevent cannot start, or None.

    With workers, Odoo runs its websocket server in a gevent process, restarted as soon as it
    dies. gevent loads its plugins through ``pkg_resources``, and the ``pkg_resources`` of
    setuptools < 70 cannot find the metadata of zope.interface 8 and zope.event 6 (named
    ``zope_interface-*.dist-info``): the process dies at once, again and again, and takes a
    CPU with it. Upgrading setuptools fixes it for good; the walk gives it the old names."""
    probe = "import pkg_resources; pkg_resources.require('gevent')"
    check = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, check=False, cwd=folder
    )
    if check.returncode == 0:
        return None
    from importlib import metadata

    shim = Path(folder) / "gevent_metadata"
    shim.mkdir(exist_ok=True)
    for name in ("zope.interface", "zope.event"):
        with contextlib.suppress(metadata.PackageNotFoundError):
            version = metadata.version(name)
            (shim / f"{name}-{version}.egg-info").write_text(
                f"Metadata-Version: 1.0\nName: {name}\nVersion: {version}\n"
            )
    print("replica walk: old setuptools, gevent's metadata aliased for Odoo's websocket process")
    return shim


def read_log(log_path):
    return Path(log_path).read_text(errors="replace") if Path(log_path).exists() else ""


def log_report(log):
    """(requests by cursor mode, problem lines) of Odoo's log."""
    modes = {}
    for line in log.splitlines():
        if match := REQUEST_RE.search(line):
            modes.setdefault(match.group(4), []).append(f"{match.group(1)} {match.group(2)}")
    problems = [
        line
        for line in log.splitlines()
        if PROBLEM_RE.match(line) or any(text in line for text in REPLICA_WARNINGS)
    ]
    return modes, problems


# === THE WALK ===#


class Browser:
    """A visitor's or a user's session; every answer is checked."""

    def __init__(self, url, who="visitor"):
        self.url, self.who = url, who
        self.session = requests.Session()
        self.count = 0

    def get(self, path, expect=200):
        """GET ``path``, following redirects (a member's language prefix, a product's
        canonical URL); every answer on the way is checked."""
        response = self.session.get(self.url + path, timeout=60)
        for hop in response.history:
            self.check(hop, "GET", hop.url, (301, 302, 303, 307, 308))
        return self.check(response, "GET", path, expect)

    def post(self, path, data, expect=(200, 303), follow=False):
        response = self.session.post(self.url + path, data=data, timeout=60, allow_redirects=follow)
        return self.check(response, "POST", path, expect)

    def check(self, response, method, path, expect):
        self.count += 1
        expected = expect if isinstance(expect, tuple) else (expect,)
        if response.status_code >= 500 or response.status_code not in expected:
            raise WalkError(
                f"{self.who}: {method} {path} answered {response.status_code}, "
                f"expected {expected}:\n{response.text[:1500]}"
            )
        return response

    def rpc(self, path, **params):
        """A JSON-RPC call of a website or web client route; its result."""
        response = self.session.post(
            self.url + path,
            json={"jsonrpc": "2.0", "method": "call", "params": params},
            timeout=60,
        )
        self.check(response, "JSON", path, 200)
        body = response.json()
        if body.get("error"):
            raise WalkError(f"{self.who}: {path} {params} gave an error: {body['error']}")
        return body.get("result")

    def csrf(self, path="/web/login"):
        match = CSRF_RE.search(self.get(path).text)
        if not match:
            raise WalkError(f"{self.who}: no CSRF token on {path}")
        return match.group(1)

    def login(self, login):
        self.who = login
        token = self.csrf()
        response = self.post(
            "/web/login",
            {"login": login, "password": login, "csrf_token": token, "redirect": "/my"},
            expect=(200, 303),
        )
        if response.status_code != 303 or "/web/login" in response.headers.get("Location", ""):
            raise WalkError(f"{login} could not log in (demo password = login)")
        return self


class Admin:
    """The demo's administrator over XML-RPC: finds the demo records the walk needs."""

    def __init__(self, url, db):
        self.db = db
        common = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common", allow_none=True)
        self.uid = common.authenticate(db, "admin", "admin", {})
        if not self.uid:
            raise WalkError("the demo administrator (admin/admin) could not log in")
        self.models = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/object", allow_none=True)

    def call(self, model, method, *args, **kwargs):
        return self.models.execute_kw(self.db, self.uid, "admin", model, method, args, kwargs)

    def first(self, model, domain, fields=("id",), what=None):
        found = self.call(model, "search_read", domain, list(fields), limit=1)
        if not found:
            raise WalkError(f"the demo data has no {what or model} ({domain})")
        return found[0]


def prepare(admin):
    """The demo records the walk reads, and a volunteer with a login (the demo's portal
    user)."""
    portal = admin.first("res.users", [("login", "=", "portal")], ["partner_id"])
    weekdays = admin.call("coop.weekday", "search", [])
    admin.call(
        "res.partner",
        "write",
        [portal["partner_id"][0]],
        {
            "coop_is_volunteer": True,
            "coop_can_deliver": True,
            "coop_notify_consent": True,
            "coop_radius_km": 3.0,
            "coop_weekday_ids": [(6, 0, weekdays)],
        },
    )
    if not shutil.which("wkhtmltopdf"):
        # Odoo attaches the order's PDF to the confirmation e-mail sent when the payment is
        # processed; without wkhtmltopdf (the official Odoo image has it) that fails.
        print("replica walk: no wkhtmltopdf, the walk's order e-mails go without their PDF")
        templates = admin.call(
            "mail.template",
            "search",
            [("model", "=", "sale.order"), ("report_template_ids", "!=", False)],
        )
        admin.call("mail.template", "write", templates, {"report_template_ids": [(5, 0, 0)]})
    drive = admin.first(
        "delivery.carrier",
        [("delivery_type", "=", "in_store"), ("is_published", "=", True)],
        ["id"],
        "published pickup method",
    )
    return {
        "offer": admin.first("coop.delivery.offer", [("state", "=", "sent")], ["token"]),
        "signup": admin.first(
            "coop.volunteer.signup", [("state", "=", "to_confirm")], ["token"], "sign-up"
        ),
        "standing": admin.first(
            "coop.standing.order", [("partner_id.user_ids.login", "=", "amelie")]
        ),
        "delivery": admin.first(
            "coop.delivery.request", [("beneficiary_id.user_ids.login", "=", "fatou")]
        ),
        "product": admin.first(
            "product.product",
            [
                ("is_published", "=", True),
                ("sale_ok", "=", True),
                ("type", "=", "consu"),
                ("list_price", ">", 0),
            ],
            ["id", "product_tmpl_id"],
            "published grocery product",
        ),
        "drive": drive["id"],
        "provider": admin.first(
            "payment.provider",
            [("code", "=", "custom"), ("custom_mode", "=", "on_site"), ("state", "=", "enabled")],
            what="pay-on-site provider",
        )["id"],
        "pay_on_site": admin.first(
            "payment.method", [("code", "=", "pay_on_site")], ["id"], "pay-on-site method"
        )["id"],
    }


def walk_visitor(url, demo):
    visitor = Browser(url)
    for path in (
        "/",
        "/shop",
        f"/shop/{demo['product']['product_tmpl_id'][0]}",
        "/volunteer",
        "/volunteer/thanks",
        f"/coop/delivery/offer/{demo['offer']['token']}",
        f"/volunteer/confirm/{demo['signup']['token']}",
        "/web/login",
    ):
        visitor.get(path)
    return visitor.count


def walk_member(url, demo):
    member = Browser(url).login("amelie")
    for path in (
        "/my",
        "/my/shifts",
        "/my/board",
        "/my/board/page/1",
        "/my/directory",
        "/my/directory/profile",
        "/my/income",
        "/my/income?income=1500&household_shares=2",
        "/my/data",
        "/my/data/export",
        "/my/skills",
        "/my/standing-orders",
        f"/my/standing-orders/{demo['standing']['id']}",
        "/my/orders",
    ):
        member.get(path)
    member.rpc("/my/counters", counters=["coop_standing_count", "order_count"])
    beneficiary = Browser(url).login("fatou")
    beneficiary.get("/my/deliveries")
    beneficiary.get(f"/my/deliveries/{demo['delivery']['id']}")
    return member.count + beneficiary.count


def walk_volunteer(url, demo):
    volunteer = Browser(url).login("portal")
    volunteer.get("/my/volunteer")
    volunteer.get(f"/coop/delivery/offer/{demo['offer']['token']}")
    return volunteer.count


def walk_staff(url):
    staff = Browser(url).login("staff")
    staff.get("/odoo/drive-board")
    staff.rpc(
        "/web/action/load", action_id="coop_solidarity_delivery.sale_order_action_coop_drive_board"
    )
    board = [("coop_slot_id", "!=", False), ("state", "=", "sale")]
    kwargs = {"context": {"lang": "en_US"}}
    staff.rpc(
        "/web/dataset/call_kw/sale.order/get_views",
        model="sale.order",
        method="get_views",
        args=[[[False, "kanban"], [False, "list"]]],
        kwargs={**kwargs, "options": {"load_filters": True}},
    )
    for model, domain, spec in (
        ("sale.order", board, {"name": {}, "state": {}, "coop_slot_id": {}}),
        ("coop.slot", [], {"display_name": {}, "capacity": {}}),
    ):
        staff.rpc(
            f"/web/dataset/call_kw/{model}/web_search_read",
            model=model,
            method="web_search_read",
            args=[],
            kwargs={**kwargs, "domain": domain, "specification": spec, "limit": 40},
        )
    return staff.count


def drive_purchase(url, demo):
    """A member buys, picks up at the store on a slot, pays on site; the order is confirmed
    with its slot."""
    buyer = Browser(url).login("amelie")
    buyer.rpc("/shop/cart/update_json", product_id=demo["product"]["id"], add_qty=1)
    buyer.get("/shop/cart")
    buyer.session.get(url + "/shop/checkout?try_skip_step=true", timeout=60)
    buyer.rpc("/shop/set_delivery_method", dm_id=demo["drive"])
    locations = buyer.rpc("/website_sale/get_pickup_locations") or {}
    if locations.get("pickup_locations"):
        location = json.dumps(locations["pickup_locations"][0])
        buyer.rpc("/website_sale/set_pickup_location", pickup_location_data=location)
    page = buyer.get("/shop/payment").text
    # The picker's slots, as its script fetches them after the page (a read-only route).
    days = buyer.get("/shop/coop_slot/days").text
    slots = [
        re.search(r'value="(\d+)"', tag).group(1)
        for tag in re.findall(r'<input[^>]*name="coop_slot"[^>]*>', days)
        if "disabled" not in tag and 'value="' in tag
    ]
    form = {
        name: value
        for name, value in re.findall(
            r'data-(amount|transaction-route|access-token)="([^"]*)"', page
        )
    }
    if not slots or len(form) < 3:
        dump = Path(tempfile.gettempdir()) / "coop_walk_payment.html"
        dump.write_text(page)
        raise WalkError(f"no bookable slot or no payment form on the payment page ({dump})")
    result = buyer.rpc("/shop/coop_slot/set", slot_id=int(slots[0]))
    if "error" in (result or {}):
        raise WalkError(f"the slot was refused: {result}")
    processing = buyer.rpc(
        form["transaction-route"],
        provider_id=demo["provider"],
        payment_method_id=demo["pay_on_site"],
        token_id=None,
        amount=float(form["amount"]),
        flow="redirect",
        tokenization_requested=False,
        landing_route="/shop/payment/validate",
        is_validation=False,
        access_token=form["access-token"],
        csrf_token=buyer.csrf("/shop/payment"),
    )
    redirect = processing.get("redirect_form_html") or ""
    action = re.search(r'action="([^"]+)"', redirect)
    inputs = dict(re.findall(r'name="([^"]+)"\s+type="hidden"\s+value="([^"]*)"', redirect))
    inputs.update(re.findall(r'type="hidden"\s+name="([^"]+)"\s+value="([^"]*)"', redirect))
    if not action:
        raise WalkError(f"no payment form to post: {processing}")
    buyer.post(action.group(1).replace(url, ""), inputs, expect=(200, 303))
    buyer.rpc("/payment/status/poll")
    buyer.get("/shop/payment/validate")
    order_id = int(form["transaction-route"].rstrip("/").rsplit("/", 1)[1])
    return buyer.count, order_id, int(slots[0])


def check_order(admin, order_id, slot_id):
    order = admin.call("sale.order", "read", [order_id], ["state", "coop_slot_id"])[0]
    if order["state"] != "sale" or (order["coop_slot_id"] or [None])[0] != slot_id:
        raise WalkError(f"the drive order is not confirmed on its slot: {order}")
    print(f"drive purchase: order {order_id} confirmed on slot {order['coop_slot_id'][1]}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default=os.environ.get("COOP_WALK_DB", "coop_test"))
    parser.add_argument("--replica-port", type=int, default=5433)
    args = parser.parse_args(argv)
    log_path = Path(tempfile.mkdtemp(prefix="coop_walk_log_")) / "odoo.log"
    t0 = time.monotonic()
    try:
        with (
            standby(args.replica_port) as socket_dir,
            odoo_server(args.db, socket_dir, args.replica_port, log_path) as url,
        ):
            admin = Admin(url, args.db)
            demo = prepare(admin)
            before = replica_transactions(socket_dir, args.replica_port, args.db)
            start = len(read_log(log_path))
            walked = walk_visitor(url, demo)
            walked += walk_member(url, demo)
            walked += walk_volunteer(url, demo)
            walked += walk_staff(url)
            bought, order_id, slot_id = drive_purchase(url, demo)
            walked += bought
            time.sleep(1)  # the last request's log line
            # Only the walk's requests: the administrator's XML-RPC calls open their own cursors.
            modes, _problems = log_report(read_log(log_path)[start:])
            on_replica = replica_transactions(socket_dir, args.replica_port, args.db) - before
            check_order(admin, order_id, slot_id)
        problems = log_report(read_log(log_path))[1]
    except WalkError as error:
        print(f"replica walk: {error}\nOdoo's log: {log_path}")
        print_tail(log_path)
        print("replica walk: FAILED")
        return 1
    total = sum(len(lines) for lines in modes.values())
    served = len(modes.get("ro", []))
    print(f"replica walk: {walked} requests checked in {time.monotonic() - t0:.0f} s")
    print(
        "requests by cursor: "
        + ", ".join(f"{mode}: {len(lines)}" for mode, lines in sorted(modes.items()))
    )
    print(f"replica transactions in {args.db} during the walk: {on_replica}")
    # '-': answered before any cursor was opened (the redirects to a member's language).
    used = total - len(modes.get("-", []))
    share = 100.0 * served / used if used else 0.0
    print(
        f"replica share: {served} of the {used} requests that used the database "
        f"({share:.0f} %) served by the replica ({total} requests in all)"
    )
    failures = [*problems]
    if modes.get("ro->rw"):
        failures.append(f"retried on the primary: {modes['ro->rw']}")
    if not served or on_replica <= 0:
        failures.append("the replica served no request")
    if failures:
        print("\n".join(failures[:40]))
        print("replica walk: FAILED")
        return 1
    print("read-only requests: " + ", ".join(sorted(set(modes["ro"]))))
    print("replica walk: passed")
    return 0


def print_tail(log_path):
    lines = read_log(log_path).splitlines()
    problems = [line for line in lines if PROBLEM_RE.match(line)]
    print("\n".join(problems[-20:] or lines[-40:]))


if __name__ == "__main__":
    sys.exit(main())
