"""Run the same request in several transactions at the same moment, as Odoo's workers would.

A limit ("at most N", "only one") is only as good as what PostgreSQL holds behind it: a check
done by a search followed by a create passes in every transaction that searched before any of
them committed. These helpers start ``count`` threads, each with its own cursor; each takes its
snapshot, waits at a barrier for the others, then runs the work and commits. As Odoo's request
loop does (``odoo.service.model.retrying``), a transaction refused for a concurrency reason
(serialization failure, lock not available, deadlock) is rolled back and run again.

Each outcome says what the caller got:

- ``"ok"``: the work committed (with the value it returned in :attr:`Outcome.value`);
- ``"refused"``: a ``UserError``, ``ValidationError`` or ``AccessError`` (the message is in
  :attr:`Outcome.message`), the transaction rolled back;
- ``"integrity"``: a raw ``IntegrityError``; Odoo turns it into a ``ValidationError`` naming the
  constraint, which is acceptable as a last guard but not as the first message a user reads;
- anything else: the name of the unexpected exception, a bug (a deadlock retried five times
  ends there too).

The data the threads work on must be committed first (tests here run in their own transaction,
which other cursors do not see): set it up with :func:`committed_env` and delete it after.
"""

import threading
from contextlib import contextmanager
from dataclasses import dataclass

import psycopg2.errors

from odoo import SUPERUSER_ID, api
from odoo.api import Transaction
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.service.model import MAX_TRIES_ON_CONCURRENCY_FAILURE, PG_CONCURRENCY_EXCEPTIONS_TO_RETRY

BARRIER_TIMEOUT = 30
THREAD_TIMEOUT = 120


@dataclass
class Outcome:
    kind: str
    value: object = None
    message: str = ""
    retries: int = 0

    def __repr__(self):
        return (
            f"<{self.kind}{': ' + self.message if self.message else ''} ({self.retries} retries)>"
        )


@contextmanager
def committed_env(registry, uid=SUPERUSER_ID, context=None):
    """An environment on a cursor of its own, committed at the end of the block."""
    with registry.cursor() as cr:
        cr.transaction = Transaction(registry)
        yield api.Environment(cr, uid, context or {})


def run_at_once(registry, work, count=5, uid=SUPERUSER_ID, context=None, prepare=None):
    """Run ``work(env, index)`` for ``index`` in ``range(count)``, each in its own transaction,
    all at the same moment; return the list of :class:`Outcome`, in index order.

    ``uid`` is a user id, or a list of ``count`` user ids (one per transaction). ``prepare(env,
    index)``, when given, runs in the transaction before the barrier (to read what a request
    reads before it writes, so that its snapshot is taken early).
    """
    uids = uid if isinstance(uid, (list, tuple)) else [uid] * count
    barrier = threading.Barrier(count)
    outcomes = [None] * count

    def one(index):
        waiting = barrier
        retries = 0
        for _attempt in range(MAX_TRIES_ON_CONCURRENCY_FAILURE):
            with registry.cursor() as cr:
                # The registry is given, not looked up: the main thread may hold its lock.
                cr.transaction = Transaction(registry)
                env = api.Environment(cr, uids[index], dict(context or {}))
                try:
                    if prepare:
                        prepare(env, index)
                    else:
                        cr.execute("SELECT 1")  # the snapshot starts with the first query
                    if waiting:
                        waiting.wait(timeout=BARRIER_TIMEOUT)
                        waiting = None
                    value = work(env, index)
                    # Each thread is a request of its own: it commits, as Odoo does after one.
                    env.flush_all()
                    cr.commit()  # pylint: disable=invalid-commit
                    outcomes[index] = Outcome("ok", value, retries=retries)
                    return
                except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY:
                    cr.rollback()
                    retries += 1
                except (UserError, ValidationError, AccessError) as error:
                    cr.rollback()
                    outcomes[index] = Outcome("refused", message=str(error), retries=retries)
                    return
                except psycopg2.IntegrityError as error:
                    cr.rollback()
                    outcomes[index] = Outcome("integrity", message=str(error), retries=retries)
                    return
                except Exception as error:  # noqa: BLE001 - reported to the test, not hidden
                    cr.rollback()
                    outcomes[index] = Outcome(type(error).__name__, message=str(error))
                    return
                finally:
                    if waiting:  # failed before the barrier: do not leave the others waiting
                        waiting.abort()
                        waiting = None
        outcomes[index] = Outcome("gave up", retries=retries)

    threads = [threading.Thread(target=one, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=THREAD_TIMEOUT)
    return [outcome or Outcome("hung") for outcome in outcomes]


def kinds(outcomes):
    """The sorted kinds of ``outcomes``, to compare with what the limit allows."""
    return sorted(outcome.kind for outcome in outcomes)
