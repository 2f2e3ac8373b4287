"""Keep a refusal that the code expects from PostgreSQL out of the error log.

A limit held by a unique index is reached by the second of two requests at the same moment:
its INSERT waits for the first, then breaks the index, and the code catches the error and
answers. Odoo's cursor logs every failed query at ERROR before the code sees it; inside
``expected_violation(name)``, the failures of the constraint ``name`` in this thread are not
logged (the error is still raised). Thread-local: other requests log as usual.
"""

import logging
import threading
from contextlib import contextmanager

_local = threading.local()


class _ExpectedViolationFilter(logging.Filter):
    def filter(self, record):
        expected = getattr(_local, "constraints", ())
        if not expected or not isinstance(record.args, tuple) or not record.args:
            return True
        error = record.args[-1]
        return getattr(getattr(error, "diag", None), "constraint_name", None) not in expected


_FILTER = _ExpectedViolationFilter()
if _FILTER not in logging.getLogger("odoo.sql_db").filters:
    logging.getLogger("odoo.sql_db").addFilter(_FILTER)


@contextmanager
def expected_violation(constraint):
    """Within the block, a query of this thread breaking ``constraint`` is not logged."""
    previous = getattr(_local, "constraints", ())
    _local.constraints = (*previous, constraint)
    try:
        yield
    finally:
        _local.constraints = previous
