"""Locks taken before a count, so that a limit holds with requests at the same moment.

Odoo's transactions are REPEATABLE READ: a transaction sees the rows committed before its first
query, whatever it waited for since. A lock alone is therefore not enough: the transaction that
waited for it would count from its old snapshot. The rows are locked and *touched*: a transaction
whose snapshot is older than the last holder's commit fails to serialize when it reaches them, and
Odoo's request loop runs it again with a fresh snapshot, which counts right.
"""

from odoo.tools import SQL


def lock_rows(env, table, ids):
    """Lock the rows ``ids`` of ``table`` until the end of the transaction, in a fixed order
    (no deadlock between two transactions locking the same rows). The expected serialization
    failure is not logged: Odoo retries the request."""
    ids = tuple(sorted({row_id for row_id in ids if isinstance(row_id, int) and row_id}))
    if not ids:
        return
    env.cr.execute(
        SQL(
            "SELECT id FROM %s WHERE id IN %s ORDER BY id FOR NO KEY UPDATE",
            SQL.identifier(table),
            ids,
        ),
        log_exceptions=False,
    )
    env.cr.execute(
        SQL("UPDATE %s SET write_date = write_date WHERE id IN %s", SQL.identifier(table), ids),
        log_exceptions=False,
    )
