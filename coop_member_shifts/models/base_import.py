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
        return super(BaseImport, importing).execute_import(fields, columns, options, dryrun=dryrun)

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
        return data, import_fields

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

    def _coop_first_row(self, options):
        """The number, in the file, of the first row of data."""
        return 1 + bool(options.get("has_headers")) + (options.get("skip") or 0)

    def _coop_check_duplicate_rows(self, data, import_fields, options):
        """A row given twice (the same member number, or the same values) is refused with
        the numbers of both rows in the file."""
        first_row = self._coop_first_row(options)
        key_index = import_fields.index("id") if "id" in import_fields else None
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
