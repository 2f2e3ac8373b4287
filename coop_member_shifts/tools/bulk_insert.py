"""One INSERT for the many rows a generation job makes (a year of shifts and their teams).

For every row, the ORM's ``create`` asks the defaults, computes the precomputed fields in a new
record and fills the cache field by field: for a year of shifts, five times the cost of inserting
the rows. A job that knows every stored value of its rows (the defaults and the related fields
included) inserts them with ``insert_records`` and keeps what ``create`` guarantees: the access
rights and record rules of a creation, the Python constraints of the fields given, the records'
values in the cache, the one2many fields already read that list them, and the stored fields that
depend on them marked to recompute. The model's ``create`` overrides do not run: the caller does
their work (its locks and checks).

Each column travels as one array literal (``unnest``): PostgreSQL parses one value a column, not
one expression a cell as in a ``VALUES`` list of thousands of rows.
"""

from collections import defaultdict

from odoo.tools import SQL

LOG_ACCESS_COLUMNS = ("create_uid", "create_date", "write_uid", "write_date")
# Column types whose Python values have a text form PostgreSQL reads back as they were.
PLAIN_TYPES = {"int4", "float8", "numeric", "bool", "varchar", "text", "date", "timestamp"}


def insert_records(model, rows):
    """Insert ``rows``, dicts with the same keys (stored fields of plain column types, not
    translated), into the table of ``model`` in one query; return the new records in the order
    of ``rows``."""
    if not rows:
        return model.browse()
    env = model.env
    model.check_access("create")
    fields = [model._fields[name] for name in rows[0]]
    if any(_column_type(field) not in PLAIN_TYPES or field.translate for field in fields):
        raise ValueError(f"insert_records writes plain columns only, not {list(rows[0])}")
    arrays = [
        SQL(
            "%s::%s[]",
            array_literal(
                field.convert_to_column_insert(row[field.name], model, row) for row in rows
            ),
            SQL(_column_type(field)),
        )
        for field in fields
    ]
    columns = [field.name for field in fields]
    audit = []
    if model._log_access:
        columns += LOG_ACCESS_COLUMNS
        audit = [env.uid, env.cr.now(), env.uid, env.cr.now()]
    env.flush_all()
    env.cr.execute(
        SQL(
            """INSERT INTO %s (%s)
               SELECT %s FROM unnest(%s) WITH ORDINALITY AS row_values(%s, row_index)
             ORDER BY row_index
            RETURNING id""",
            SQL.identifier(model._table),
            SQL(", ").join(map(SQL.identifier, columns)),
            SQL(", ").join([*(SQL.identifier("row_values", f.name) for f in fields), *audit]),
            SQL(", ").join(arrays),
            SQL(", ").join(SQL.identifier(field.name) for field in fields),
        )
    )
    records = model.browse([row_id for (row_id,) in env.cr.fetchall()])
    for field in fields:
        values = [field.convert_to_cache(row[field.name], model) for row in rows]
        env.cache.update(records, field, values)
        if field.type == "many2one" and env.registry.field_inverses[field]:
            _add_to_inverses(records, field, values)
    with env.protecting(fields, records):  # given, not to compute again
        records.modified([field.name for field in fields], create=True)
    records._validate_fields([field.name for field in fields])
    records.check_access("create")
    return records


def array_literal(values):
    """The PostgreSQL array literal of ``values`` (numbers, booleans, texts, dates, naive
    datetimes, None): ``{"1","Saint-Gilles",NULL}``."""
    items = []
    for value in values:
        if value is None:
            items.append("NULL")
            continue
        text = str(value)  # 2027-01-10 09:00:00, True, 2.5
        items.append('"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"')
    return "{" + ",".join(items) + "}"


def _column_type(field):
    return field.column_type[0] if field.column_type else None


def _add_to_inverses(records, field, values):
    """Add the new records to the one2many fields already read of the records they point to
    (a template's shifts, say), as ``create`` does."""
    by_value = defaultdict(list)
    for record_id, value in zip(records._ids, values, strict=True):
        by_value[value].append(record_id)
    inverses = records.env.registry.field_inverses[field]
    comodel = records.env[field.comodel_name]
    for value, record_ids in by_value.items():
        if value and any(records.env.cache.contains(comodel.browse(value), f) for f in inverses):
            field._update_inverses(records.browse(record_ids), value)
