from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .import_common import ImportCase

FILES = "coop_member_shifts/tests/import_files/"
SAMPLES = "coop_member_shifts/static/xls/"


@tagged("post_install", "-at_install")
class TestNewCoopImports(ImportCase):
    """The sample spreadsheets on a coop that has none of their tasks, member numbers that
    are fields, weekday names in the coop's language and errors with the file's lines."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.partner_id.lang = "fr_FR"
        cls.env["coop.shift.template"].search([]).action_archive()
        cls.env["coop.task.type"].search([]).action_archive()

    def test_members_get_the_file_s_number_as_a_field(self):
        members = self.import_members()
        jeanne = members.filtered(lambda m: m.name == "Jeanne Lefèvre")
        self.assertEqual(jeanne.coop_member_number, "M0001")
        self.assertFalse(jeanne.get_external_id()[jeanne.id], "no external id from the file")

    def test_a_new_member_gets_the_next_free_number(self):
        self.import_members()
        member = self.env["res.partner"].create(
            {"name": "Nouveau Membre", "coop_member_since": "2026-01-05"}
        )
        self.assertTrue(member.coop_member_number)
        self.assertNotIn(member.coop_member_number, ("M0001", "M0002", "M0003", "M0004"))
        self.assertFalse(self.env["res.partner"].create({"name": "Fournisseur"}).coop_member_number)

    def test_two_members_cannot_share_a_number(self):
        first = self.env["res.partner"].create({"name": "A", "coop_member_number": "X1"})
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            self.env["res.partner"].create({"name": "B", "coop_member_number": "X1"})
        self.assertEqual(first.coop_member_number, "X1")

    def test_sample_templates_create_their_tasks_and_shifts(self):
        self.import_members()
        result = self.run_import("coop.shift.template", SAMPLES + "coop_shift_templates.xlsx")
        self.assertImported(result, 3)
        templates = self.env["coop.shift.template"].browse(result["ids"])
        self.assertEqual(
            set(templates.task_type_id.with_context(lang="fr_FR").mapped("name")),
            {"Caisse", "Réception"},
        )
        self.assertTrue(all(template.shift_ids for template in templates), "shifts generated")
        tuesday = templates.filtered(lambda t: t.weekday == "1")
        self.assertIn("Mardi", tuesday.name)
        self.assertNotIn("Tuesday", tuesday.name)

    def test_template_names_in_dutch(self):
        self.env["res.lang"]._activate_lang("nl_NL")
        self.env.company.partner_id.lang = "nl_NL"
        task = self.env["coop.task.type"].create({"name": "Kassa"})
        template = self.env["coop.shift.template"].create(
            {"task_type_id": task.id, "weekday": "1", "start_hour": 18, "end_hour": 21}
        )
        self.assertEqual(template.name, "Kassa Dinsdag 18:00-21:00")

    def test_a_wrong_date_is_a_sentence_with_the_file_s_line(self):
        self.import_members()
        result = self.run_import("coop.work.entry", FILES + "bad_hours_date.csv")
        self.assertRefused(result, "le 31 février")
        self.assertRegex(result["messages"][0]["message"], r"^(Line|Ligne) 3\b")
        self.assertNotIn("does not match format", str(result["messages"]))

    def test_a_wrong_row_is_named_by_its_line_in_the_file(self):
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.env["coop.shift.template"].create(
                {
                    "task_type_id": self.env["coop.task.type"].create({"name": "T"}).id,
                    "start_hour": 14,
                    "end_hour": 12,
                }
            )
        result = self.run_import("coop.shift.template", FILES + "bad_shift_templates_line.csv")
        errors = " ".join(m["message"] for m in result["messages"])
        self.assertFalse(result.get("ids"))
        self.assertRegex(errors, r"^(Line|Ligne) 3\b")
        self.assertNotRegex(errors, r"(Line|Ligne) 2\b")
        self.assertNotIn("ligne 0", errors.lower())


@tagged("post_install", "-at_install")
class TestSetupPreviewReads(ImportCase):
    def test_identity_preview_reads_right(self):
        wizard = self.env["coop.setup.wizard"].create(
            {"street": False, "zip": False, "city": False}
        )
        wizard.lang_id = self.env["res.lang"]._lang_get("fr_FR")
        lines = wizard._coop_preview_identity()
        self.assertFalse([line for line in lines if "address" in line and ": ." in line])
        self.assertIn("Français", lines[-1])
        self.assertNotIn("French /", lines[-1])
