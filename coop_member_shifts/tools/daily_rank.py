"""A daily limit ("at most N a day") held by a unique index on (owner, day, number).

Each new record takes the first free number of its owner's day, from 1 to the limit. The
numbers seen in the transaction's snapshot are skipped; a number taken at the same moment by a
concurrent transaction is refused by the unique index (PostgreSQL makes this one wait for the
other to end first), and the next number is tried. With records made at once, exactly the limit
goes through, without retrying whole requests.
"""

import psycopg2.errors

from odoo.tools import SQL


def take_daily_rank(record, owner_field, limit, day_field="sent_on", rank_field="day_rank"):
    """Give the new ``record`` the first free number of its owner's day; return it, or None
    when its owner already has ``limit`` records that day. The table needs a unique index on
    (``owner_field``, ``day_field``, ``rank_field``)."""
    record.ensure_one()
    record.flush_recordset()
    same_day = [
        (owner_field, "=", record[owner_field].id),
        (day_field, "=", record[day_field]),
        ("id", "!=", record.id),
    ]
    taken = set(record.search(same_day).mapped(rank_field))
    for rank in range(1, limit + 1):
        if rank in taken:
            continue
        try:
            with record.env.cr.savepoint(flush=False):
                record.env.cr.execute(
                    SQL(
                        "UPDATE %s SET %s = %s WHERE id = %s",
                        SQL.identifier(record._table),
                        SQL.identifier(rank_field),
                        rank,
                        record.id,
                    ),
                    log_exceptions=False,
                )
        except psycopg2.errors.UniqueViolation:
            continue
        record.invalidate_recordset([rank_field])
        return rank
    return None
