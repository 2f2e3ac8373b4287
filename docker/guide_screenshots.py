#!/usr/bin/env python3
"""Take the user guide's screenshots from a running demo coop.

Start the demo first (``bash docker/demo.sh``), then:

    python3 docker/guide_screenshots.py                 # http://localhost:8069
    python3 docker/guide_screenshots.py --url http://localhost:8070 --only membre

Each role's guide (``<addon>/doc/guide-<role>.md``) shows the pictures this script writes
into ``<addon>/doc/img/``, so that the guide follows the screens as they change. It needs
the ``playwright`` Python package and a Chromium (``--chromium``, or the first of
``chromium`` / ``chromium-browser`` on the PATH).
"""

import argparse
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MEMBERS = ROOT / "coop_member_shifts" / "doc" / "img"
DELIVERY = ROOT / "coop_solidarity_delivery" / "doc" / "img"
DESKTOP = {"width": 1366, "height": 900}
TABLET = {"width": 1024, "height": 768}
PHONE = {"width": 412, "height": 860}

# (guide, login, picture, folder, address, screen size)
SHOTS = [
    (
        "magasin",
        "staff",
        "drive-board",
        DELIVERY,
        "/odoo/action-coop_solidarity_delivery.sale_order_action_coop_drive_board",
        TABLET,
    ),
    (
        "magasin",
        "staff",
        "drive-orders",
        DELIVERY,
        "/odoo/action-coop_solidarity_delivery.action_coop_drive_orders",
        DESKTOP,
    ),
    (
        "coordinateur",
        "coordinator",
        "shift-calendar",
        MEMBERS,
        "/odoo/action-coop_member_shifts.coop_shift_action",
        DESKTOP,
    ),
    (
        "coordinateur",
        "coordinator",
        "work-ledger",
        MEMBERS,
        "/odoo/action-coop_member_shifts.coop_work_entry_action",
        DESKTOP,
    ),
    (
        "coordinateur",
        "coordinator",
        "members-behind",
        MEMBERS,
        "/odoo/action-coop_member_shifts.res_partner_action_behind",
        DESKTOP,
    ),
    (
        "tresorier",
        "feeofficer",
        "income-declarations",
        MEMBERS,
        "/odoo/action-coop_member_shifts.coop_income_declaration_action",
        DESKTOP,
    ),
    (
        "tresorier",
        "feeofficer",
        "fee-schedules",
        MEMBERS,
        "/odoo/action-coop_member_shifts.coop_fee_schedule_action",
        DESKTOP,
    ),
    (
        "centre-appels",
        "callcentre",
        "take-a-call",
        DELIVERY,
        "/odoo/action-coop_solidarity_delivery.coop_delivery_intake_action",
        DESKTOP,
    ),
    (
        "centre-appels",
        "callcentre",
        "call-list",
        DELIVERY,
        "/odoo/action-coop_solidarity_delivery.action_server_coop_call_list",
        DESKTOP,
    ),
    (
        "livraison",
        "delivery",
        "delivery-requests",
        DELIVERY,
        "/odoo/action-coop_solidarity_delivery.coop_delivery_request_action",
        DESKTOP,
    ),
    (
        "livraison",
        "delivery",
        "volunteers",
        DELIVERY,
        "/odoo/action-coop_solidarity_delivery.res_partner_action_volunteer",
        DESKTOP,
    ),
    (
        "gestionnaire",
        "manager",
        "work-report",
        MEMBERS,
        "/odoo/action-coop_member_shifts.coop_work_entry_action_report",
        DESKTOP,
    ),
    (
        "gestionnaire",
        "manager",
        "delivery-stats",
        DELIVERY,
        "/odoo/action-coop_solidarity_delivery.coop_delivery_stats_action",
        DESKTOP,
    ),
    ("membre", "amelie", "my-shifts", MEMBERS, "/my/shifts", PHONE),
    ("membre", "amelie", "my-income", MEMBERS, "/my/income", PHONE),
    ("membre", "amelie", "shop", DELIVERY, "/shop", PHONE),
    ("membre", "portal", "my-deliveries", DELIVERY, "/my/deliveries", PHONE),
    ("membre", "amelie", "my-skills", MEMBERS, "/fr/my/skills", PHONE),
    ("membre", "amelie", "my-directory", MEMBERS, "/fr/my/directory", PHONE),
    ("membre", "amelie", "my-board", MEMBERS, "/fr/my/board", PHONE),
    (
        "coordinateur",
        "coordinator",
        "board-posts",
        MEMBERS,
        "/odoo/action-coop_member_shifts.coop_board_post_action",
        DESKTOP,
    ),
    ("membre", "amelie", "my-suggestions", MEMBERS, "/fr/my/suggestions", PHONE),
    ("membre", "amelie", "my-events", MEMBERS, "/fr/my/events", PHONE),
    (
        "gestionnaire",
        "manager",
        "product-suggestions",
        MEMBERS,
        "/odoo/action-coop_member_shifts.coop_product_suggestion_action",
        DESKTOP,
    ),
    (
        "coordinateur",
        "coordinator",
        "events",
        MEMBERS,
        "/odoo/action-coop_member_shifts.action_coop_events",
        DESKTOP,
    ),
    # A visitor (no login) offers their help on the website's sign-up page.
    ("benevole", "", "volunteer-signup", DELIVERY, "/fr/volunteer", PHONE),
    ("commander", "amelie", "my-standing-orders", DELIVERY, "/fr/my/standing-orders", TABLET),
]


def find_chromium(given):
    for candidate in (given, "chromium", "chromium-browser"):
        if candidate and shutil.which(candidate):
            return shutil.which(candidate)
    sys.exit("No Chromium found: install it or pass --chromium PATH.")


def log_in(page, url, login):
    page.goto(f"{url}/web/login")
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", login)
    page.press("input[name=password]", "Enter")
    page.wait_for_load_state("load")


def take(browser, url, login, shots):
    for _guide, _login, name, folder, address, size in shots:
        context = browser.new_context(viewport=size, locale="fr-FR")
        page = context.new_page()
        if login:  # no login: the page as a visitor sees it
            log_in(page, url, login)
        page.goto(url + address)
        # The backend keeps a connection open to the server: wait for the view, not for
        # the network to go quiet.
        page.wait_for_selector(".o_view_controller, #wrap, main", timeout=30000)
        page.wait_for_timeout(1500)
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(folder / f"{name}.png"))
        print(f"{login or 'visitor':12} {folder.parent.parent.name}/doc/img/{name}.png")
        context.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://localhost:8069")
    parser.add_argument("--chromium")
    parser.add_argument("--only", help="one guide: " + ", ".join(sorted({s[0] for s in SHOTS})))
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    shots = [shot for shot in SHOTS if not args.only or shot[0] == args.only]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=find_chromium(args.chromium))
        for login in dict.fromkeys(shot[1] for shot in shots):
            take(browser, args.url.rstrip("/"), login, [s for s in shots if s[1] == login])
        browser.close()


if __name__ == "__main__":
    main()
