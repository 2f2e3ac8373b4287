from datetime import datetime

from odoo import fields as odoo_fields
from odoo import models

from odoo.addons.base_import.models.base_import import ImportValidationError


class BaseImport(models.TransientModel):
    """The coop's spreadsheet imports (members, opening balances of hours, shift templates,
    volunteers) refuse a file with a column they do not know, and tell the model's checks
    which import runs (the ``coop_import`` context key), so that each row is checked."""

    _inherit = "base_import.import"

    def execute_import(self, fields, columns, options, dryrun=False):
        model = self.env[self.res_model]
        kind = model._coop_import_kind(fields) if hasattr(model, "_coop_import_kind") else False
        if not kind:
            return super().execute_import(fields, columns, options, dryrun=dryrun)
        unknown = [
            column for field, column in zip(fields, columns, strict=False) if column and not field
        ]
        if unknown:
            return {"messages": [self._coop_unknown_column_message(name) for name in unknown]}
        importing = self.with_context(
            coop_import=kind, coop_import_columns=dict(zip(fields, columns, strict=False))
        )
        creatable = getattr(model, "_coop_import_name_create_fields", list)()
        first_row = self._coop_first_row(options)
        options = dict(
            options,
            name_create_enabled_fields={
                **(options.get("name_create_enabled_fields") or {}),
                **dict.fromkeys(creatable, True),
            },
        )
        result = super(BaseImport, importing).execute_import(
            fields, columns, options, dryrun=dryrun
        )
        return self._coop_number_messages(result, first_row)

    def _coop_number_messages(self, result, first_row):
        """The errors of the rows, as one message whose sentences start with the row's
        line number in the spreadsheet (the header is line 1), as the user sees it; Odoo
        counts the rows of data from 0."""
        messages = result.get("messages") or []
        if len(messages) > 1 and messages[0].get("message") in [
            m.get("message") for m in messages[1:]
        ]:
            # Odoo puts first the error of the whole batch, with its first row's number;
            # the same error follows with the row that caused it.
            messages = messages[1:]
        lines, others = [], []
        for message in messages:
            rows = message.get("rows") or {}
            if message.get("type") != "error" or "from" not in rows:
                others.append(message)
                continue
            line = self.env._(
                "Line %(line)s: %(message)s",
                line=rows["from"] + first_row,
                message=message["message"],
            )
            if line not in lines:
                lines.append(line)
        if not lines:
            return result
        error = {
            "type": "error",
            "record": False,
            "not_matching_error": True,
            "message": " ".join(lines),
        }
        return dict(result, ids=False, messages=[error, *others])

    def _coop_unknown_column_message(self, column):
        return {
            "type": "error",
            "record": False,
            "message": self.env._(
                'The column "%(column)s" is not one of this import\'s columns: give it the '
                "name it has in the template, or remove it. Nothing was imported.",
                column=column,
            ),
        }

    def _convert_import_data(self, fields, options):
        data, import_fields = super()._convert_import_data(fields, options)
        if self.env.context.get("coop_import"):
            self._coop_check_duplicate_rows(data, import_fields, options)
            import_fields = self._coop_match_member_numbers(data, import_fields)
        return data, import_fields

    def _coop_match_member_numbers(self, data, import_fields):
        """Rows of contacts with a member number update the member who holds it (their
        database id is added as the ``.id`` column); the others create a member."""
        if (
            self.res_model != "res.partner"
            or "coop_member_number" not in import_fields
            or {"id", ".id"} & set(import_fields)
        ):
            return import_fields
        index = import_fields.index("coop_member_number")
        numbers = {(row[index] or "").strip() for row in data} - {""}
        holders = dict(
            self.env["res.partner"]
            .with_context(active_test=False)
            .search_fetch([("coop_member_number", "in", list(numbers))], ["coop_member_number"])
            .mapped(lambda partner: (partner.coop_member_number, partner.id))
        )
        for row in data:
            row.append(str(holders.get((row[index] or "").strip(), "")))
        return [*import_fields, ".id"]

    def _parse_float_from_data(self, data, index, name, options):
        """In the coop's imports, a value that is not a number is named with its row."""
        if not self.env.context.get("coop_import"):
            return super()._parse_float_from_data(data, index, name, options)
        first_row = self._coop_first_row(options)
        for number, line in enumerate(data, first_row):
            value = line[index]
            try:
                super()._parse_float_from_data([line], index, name, options)
            except ImportValidationError:
                column = self.env.context.get("coop_import_columns", {}).get(name) or name
                raise ImportValidationError(
                    self.env._(
                        'Row %(row)s: "%(value)s" is not a number (column "%(column)s"). '
                        "Nothing was imported.",
                        row=number,
                        value=value,
                        column=column,
                    ),
                    field=name,
                ) from None

    def _parse_date_from_data(self, data, index, name, field_type, options):
        """In the coop's imports, a date is 2026-12-31 or 31/12/2026 (or the dialog's
        format); any other value is named with its line."""
        if not self.env.context.get("coop_import"):
            return super()._parse_date_from_data(data, index, name, field_type, options)
        for number, line in enumerate(data, self._coop_first_row(options)):
            try:
                super()._parse_date_from_data([line], index, name, field_type, options)
            except ImportValidationError:
                line[index] = self._coop_parse_french_date(line[index], name, field_type, number)

    def _coop_parse_french_date(self, value, name, field_type, number):
        to_string = odoo_fields.Datetime if field_type == "datetime" else odoo_fields.Date
        try:
            return to_string.to_string(datetime.strptime(value.strip(), "%d/%m/%Y"))
        except ValueError:
            column = self.env.context.get("coop_import_columns", {}).get(name) or name
            raise ImportValidationError(
                self.env._(
                    'Line %(line)s: "%(value)s" is not a date (expected: 2026-12-31 or '
                    '31/12/2026, column "%(column)s"). Nothing was imported.',
                    line=number,
                    value=value,
                    column=column,
                ),
                field=name,
            ) from None

    def _coop_first_row(self, options):
        """The number, in the file, of the first row of data."""
        return 1 + bool(options.get("has_headers")) + (options.get("skip") or 0)

    def _coop_check_duplicate_rows(self, data, import_fields, options):
        """A row given twice (the same member number, or the same values) is refused with
        the numbers of both rows in the file."""
        first_row = self._coop_first_row(options)
        key_field = next(
            (name for name in ("id", "coop_member_number") if name in import_fields), None
        )
        key_index = import_fields.index(key_field) if key_field else None
        seen, duplicates = {}, []
        for index, row in enumerate(data):
            key = row[key_index] if key_index is not None and row[key_index] else tuple(row)
            if key in seen:
                duplicates.append((seen[key], index + first_row))
            else:
                seen[key] = index + first_row
        if duplicates:
            raise ImportValidationError(
                self.env._(
                    "The same member or line is on several rows (%(rows)s): keep one of each. "
                    "Nothing was imported.",
                    rows=", ".join(f"{a} & {b}" for a, b in duplicates),
                )
            )
