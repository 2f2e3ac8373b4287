from odoo.tests import TransactionCase, new_test_user
from odoo.tools.misc import file_open

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
OPTIONS = {
    "has_headers": True,
    "quoting": '"',
    "separator": ",",
    "encoding": "utf-8",
    "date_format": "",
    "datetime_format": "",
    "float_thousand_separator": " ",
    "float_decimal_separator": ",",
    "advanced": False,
    "keep_matches": False,
    "import_skip_records": [],
    "import_set_empty_fields": [],
    "fallback_values": {},
    "name_create_enabled_fields": {},
    "limit": 2000,
    "skip": 0,
    "tracking_disable": True,
}


class ImportCase(TransactionCase):
    """Imports run as a French-speaking coop user would run them: Odoo's import dialog
    (``base_import``), its column matching, then the import itself (not a dry run)."""

    TERMS_OF = ("coop_member_shifts",)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.env["ir.module.module"]._load_module_terms(list(cls.TERMS_OF), ["fr_FR"])
        cls.coordinator = new_test_user(
            cls.env,
            login="coop_import_coordinator",
            groups="coop_member_shifts.group_coop_manager",
            lang="fr_FR",
            tz="Europe/Paris",
        )

    @classmethod
    def run_import(cls, model, path, user=None, name_create=None):
        """Import the file at ``path`` (inside the addons) into ``model``; return the result
        of ``execute_import`` (``ids``, ``messages``)."""
        with file_open(path, "rb") as file:
            content = file.read()
        is_xlsx = path.endswith(".xlsx")
        user = user or cls.coordinator
        wizard = (
            cls.env["base_import.import"]
            .with_user(user)
            .with_context(lang=user.lang)
            .create(
                {
                    "res_model": model,
                    "file": content,
                    "file_name": path.rsplit("/", 1)[-1],
                    "file_type": XLSX if is_xlsx else "text/csv",
                }
            )
        )
        preview = wizard.parse_preview(dict(OPTIONS))
        if preview.get("error"):
            raise AssertionError(preview["error"])
        matches = preview["matches"] or {}
        fields = [
            "/".join(matches.get(index) or matches.get(str(index)) or []) or False
            for index in range(len(preview["headers"]))
        ]
        options = dict(preview["options"], name_create_enabled_fields=name_create or {})
        return wizard.execute_import(fields, preview["headers"], options, dryrun=False)

    def assertImported(self, result, count):
        self.assertFalse(result["messages"], result["messages"])
        self.assertEqual(len(result["ids"]), count)

    def assertRefused(self, result, *fragments):
        """Nothing imported, and an error message names the row and the problem."""
        self.assertFalse(result.get("ids"), "a file with a wrong row imported something")
        errors = [m["message"] for m in result["messages"] if m["type"] == "error"]
        self.assertTrue(errors, result["messages"])
        text = "\n".join(errors)
        for fragment in fragments:
            self.assertIn(fragment, text)

    @classmethod
    def import_members(cls):
        """The members of the sample file (M0001 to M0004), imported."""
        result = cls.run_import("res.partner", "coop_member_shifts/static/xls/coop_members.xlsx")
        if result["messages"] or len(result["ids"]) != 4:
            raise AssertionError(result["messages"])
        return cls.env["res.partner"].browse(result["ids"])
