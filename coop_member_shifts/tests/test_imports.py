from odoo.tests import tagged

from .import_common import ImportCase

FILES = "coop_member_shifts/tests/import_files/"
SAMPLES = "coop_member_shifts/static/xls/"


@tagged("post_install", "-at_install")
class TestMemberImport(ImportCase):
    def test_sample_members_import_with_their_membership_start(self):
        members = self.import_members()
        jeanne = members.filtered(lambda m: m.name == "Jeanne Lefèvre")
        self.assertEqual(str(jeanne.coop_member_since), "2019-03-14")
        self.assertEqual(jeanne.email, "jeanne.lefevre@example.org")
        self.assertTrue(all(member._coop_is_member() for member in members))

    def test_templates_offer_the_members_file(self):
        templates = self.env["res.partner"].get_import_templates()
        self.assertIn(
            SAMPLES.replace("coop_member_shifts/", "/coop_member_shifts/") + "coop_members.xlsx",
            [t["template"] for t in templates],
        )

    def test_a_wrong_email_imports_no_member(self):
        result = self.run_import("res.partner", FILES + "bad_members.csv")
        self.assertRefused(result, "Bruno Petit", "pas-une-adresse")
        self.assertFalse(self.env["res.partner"].search([("name", "=", "Anne Roux")]))

    def test_a_member_twice_in_the_file_imports_nothing(self):
        result = self.run_import("res.partner", FILES + "duplicate_members.csv")
        self.assertRefused(result, "2 & 3")
        self.assertFalse(self.env["res.partner"].search([("name", "=", "Anne Roux")]))

    def test_a_member_already_in_odoo_is_not_imported_again(self):
        self.env["res.partner"].create(
            {"name": "Jeanne Lefèvre", "email": "Jeanne.Lefevre@example.org"}
        )
        result = self.run_import("res.partner", SAMPLES + "coop_members.xlsx")
        self.assertRefused(result, "Jeanne Lefèvre")
        self.assertFalse(
            self.env["res.partner"].search([("email", "=", "karim.benali@example.org")])
        )

    def test_the_file_imported_again_updates_the_same_members(self):
        members = self.import_members()
        result = self.run_import("res.partner", SAMPLES + "coop_members.xlsx")
        self.assertImported(result, 4)
        self.assertEqual(set(result["ids"]), set(members.ids))

    def test_an_unknown_column_imports_nothing(self):
        result = self.run_import("res.partner", FILES + "wrong_column_members.csv")
        self.assertRefused(result, "Commentaire")
        self.assertFalse(self.env["res.partner"].search([("name", "=", "Anne Roux")]))


@tagged("post_install", "-at_install")
class TestOpeningHoursImport(ImportCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.members = cls.import_members()

    def entries(self):
        return self.env["coop.work.entry"].search([("partner_id", "in", self.members.ids)])

    def test_sample_opening_balances_are_adjustments_with_their_reason(self):
        result = self.run_import("coop.work.entry", SAMPLES + "coop_opening_hours.xlsx")
        self.assertImported(result, 3)
        entries = self.entries()
        self.assertEqual(set(entries.mapped("kind")), {"adjustment"})
        self.assertEqual(sum(entries.mapped("hours")), 11.0)
        self.assertTrue(all(entry.reason for entry in entries))

    def test_imported_balances_wait_for_a_coordinator_who_validates_them(self):
        self.run_import("coop.work.entry", SAMPLES + "coop_opening_hours.xlsx")
        entries = self.entries()
        self.assertEqual(set(entries.mapped("state")), {"draft"})
        self.assertFalse(entries.validated_by_id)
        entries.with_user(self.coordinator).action_validate()
        self.assertEqual(entries.validated_by_id, self.coordinator)

    def test_negative_hours_import_nothing(self):
        result = self.run_import("coop.work.entry", FILES + "bad_hours_negative.csv")
        self.assertRefused(result, "Karim Benali", "-2")
        self.assertFalse(self.entries())

    def test_hours_that_are_not_a_number_import_nothing(self):
        # The user imports in French: the message is in French.
        result = self.run_import("coop.work.entry", FILES + "bad_hours_text.csv")
        self.assertRefused(result, "Ligne 3", "trois", "Heures")
        self.assertFalse(self.entries())

    def test_an_unknown_member_imports_nothing(self):
        result = self.run_import("coop.work.entry", FILES + "bad_hours_unknown_member.csv")
        self.assertRefused(result, "M0099")
        self.assertFalse(self.entries())

    def test_a_member_created_on_the_fly_is_refused(self):
        """Even with "create if it does not exist" ticked, an unknown member is no member."""
        result = self.run_import(
            "coop.work.entry",
            FILES + "bad_hours_unknown_member.csv",
            name_create={"partner_id": True},
        )
        self.assertFalse(result.get("ids"))
        self.assertFalse(self.entries())

    def test_a_balance_without_reason_imports_nothing(self):
        result = self.run_import("coop.work.entry", FILES + "bad_hours_no_reason.csv")
        self.assertRefused(result, "Karim Benali")
        self.assertFalse(self.entries())

    def test_a_row_twice_in_the_file_imports_nothing(self):
        result = self.run_import("coop.work.entry", FILES + "duplicate_hours.csv")
        self.assertRefused(result, "2 & 4")
        self.assertFalse(self.entries())

    def test_the_same_balances_are_not_imported_twice(self):
        self.run_import("coop.work.entry", SAMPLES + "coop_opening_hours.xlsx")
        result = self.run_import("coop.work.entry", SAMPLES + "coop_opening_hours.xlsx")
        self.assertRefused(result, "Jeanne Lefèvre")
        self.assertEqual(len(self.entries()), 3)

    def test_a_misnamed_column_imports_nothing(self):
        result = self.run_import("coop.work.entry", FILES + "wrong_column_hours.csv")
        self.assertRefused(result, "Heures travaillées")
        self.assertFalse(self.entries())


@tagged("post_install", "-at_install")
class TestShiftTemplateImport(ImportCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.members = cls.import_members()
        # The coop starts with no shift template; the sample's tasks exist (in French).
        cls.env["coop.shift.template"].search([]).action_archive()
        tasks = cls.env["coop.task.type"].with_context(lang="fr_FR")
        for name in ("Caisse", "Réception"):
            tasks.search([("name", "=", name)]) or tasks.create({"name": name})

    def templates(self):
        return self.env["coop.shift.template"].search([])

    def test_sample_templates_import_with_their_teams(self):
        result = self.run_import("coop.shift.template", SAMPLES + "coop_shift_templates.xlsx")
        self.assertImported(result, 3)
        saturday = self.templates().filtered(lambda t: t.weekday == "5")
        self.assertEqual(saturday.start_hour, 9.0)
        self.assertEqual(
            set(saturday.partner_ids.mapped("name")), {"Jeanne Lefèvre", "Karim Benali"}
        )
        tuesday = self.templates().filtered(lambda t: t.weekday == "1")
        self.assertEqual(tuesday.start_hour, 17.5)

    def test_a_shift_ending_before_it_starts_imports_nothing(self):
        result = self.run_import("coop.shift.template", FILES + "bad_shift_templates.csv")
        self.assertRefused(result, "Réception")
        self.assertFalse(self.templates())

    def test_an_unknown_team_member_imports_nothing(self):
        result = self.run_import("coop.shift.template", FILES + "bad_shift_templates_team.csv")
        self.assertRefused(result, "M0099")
        self.assertFalse(self.templates())

    def test_the_same_templates_are_not_imported_twice(self):
        self.run_import("coop.shift.template", SAMPLES + "coop_shift_templates.xlsx")
        result = self.run_import("coop.shift.template", SAMPLES + "coop_shift_templates.xlsx")
        self.assertRefused(result, "Caisse")
        self.assertEqual(len(self.templates()), 3)
