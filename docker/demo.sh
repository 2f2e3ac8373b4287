#!/usr/bin/env bash
# Start a demo coop: Odoo 18.0 with both addons and their demo data, on localhost.
# With a running Docker engine: the compose file beside this script (official images).
# Without one: the Odoo 18.0 that `python3 -c 'import odoo'` finds, and this machine's PostgreSQL.
#   bash docker/demo.sh            start (Ctrl-C stops the local server)
#   COOP_DEMO_PORT=8070 bash docker/demo.sh
#   COOP_DEMO_RESET=1 bash docker/demo.sh   drop the demo database and start afresh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
port=${COOP_DEMO_PORT:-8069}
db=${COOP_DEMO_DB:-coop_demo}

logins() {
  cat <<MSG

  Demo coop ready: http://localhost:$port/odoo   (web shop: http://localhost:$port/shop)
  La Coopérette, a coop grocery in Orléans: French, euros, Paris time. It needs no internet:
  the store is located, payment is at the store or by bank transfer, e-mails wait in the queue
  (Settings > Technical > Emails) until an outgoing mail server is set.
  Logins (password = login):
    admin        administrator, Coop manager
    manager      Coop manager (every Coop right, settings, reports)
    staff        shop staff
    coordinator  shift coordinator
    feeofficer   fee officer (declared incomes, fees)
    delivery     delivery coordinator (drive, solidarity deliveries)
    callcentre   call-centre volunteer
    portal       Julie Lemaire, a member: web shop, pickup at the store, pays on site
    amelie       a member in the lowest fee bracket (web shop, /my/shifts, /my/income)
    fatou        a member who gets solidarity deliveries (/my/deliveries)

MSG
}

if command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
  [ -n "${COOP_DEMO_RESET:-}" ] && docker compose -f "$here/docker-compose.yml" down -v
  docker compose -f "$here/docker-compose.yml" up -d --build
  echo "Waiting for Odoo (the first start installs both addons: a few minutes)..."
  until curl -fs "http://localhost:8069/web/login" >/dev/null; do sleep 3; done
  port=8069
  logins
  exit 0
fi

if ! python3 -c 'import odoo' >/dev/null 2>&1; then
  echo "Neither a Docker engine nor an importable Odoo 18.0 was found." >&2
  echo "Install one of them (see README.md), then run this command again." >&2
  exit 1
fi

# The machine's PostgreSQL: start it if it is down (Debian clusters, as root).
if ! pg_isready -q; then
  if command -v pg_ctlcluster >/dev/null && [ "$(id -u)" = 0 ]; then
    pg_lsclusters -h | while read -r version name _; do pg_ctlcluster "$version" "$name" start; done
    su postgres -c "createuser -s $(id -un)" 2>/dev/null || true
  fi
  pg_isready -q || { echo "PostgreSQL is not reachable." >&2; exit 1; }
fi

odoo_dir=$(python3 -c 'import odoo, os; print(os.path.dirname(odoo.__file__))')
addons="$root"
for candidate in "$(dirname "$odoo_dir")/addons" "$odoo_dir/addons"; do
  [ -d "$candidate" ] && addons="$addons,$candidate"
done

[ -n "${COOP_DEMO_RESET:-}" ] && dropdb --if-exists "$db"
if ! psql -lqt | cut -d'|' -f1 | grep -qw "$db"; then
  echo "Creating the demo database '$db' with both addons and demo data (a few minutes)..."
  python3 -m odoo --database "$db" --addons-path "$addons" \
    --init coop_member_shifts,coop_solidarity_delivery --load-language fr_FR \
    --stop-after-init --log-level warn --http-port "$port"
fi
logins
exec python3 -m odoo --database "$db" --db-filter "^$db\$" --addons-path "$addons" \
  --http-port "$port" --log-level warn
