from odoo.tests import tagged

from odoo.addons.coop_member_shifts.tests.import_common import ImportCase

FILES = "coop_solidarity_delivery/tests/import_files/"
SAMPLE = "coop_solidarity_delivery/static/xls/coop_volunteers.xlsx"


@tagged("post_install", "-at_install")
class TestVolunteerImport(ImportCase):
    TERMS_OF = ("coop_member_shifts", "coop_solidarity_delivery")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.members = cls.import_members()
        cls.karim = cls.members.filtered(lambda m: m.name == "Karim Benali")
        cls.odile = cls.members.filtered(lambda m: m.name == "Odile Perrin")

    def volunteers(self):
        return self.members.filtered("coop_is_volunteer")

    def test_sample_volunteers_get_their_profile_on_their_member_record(self):
        result = self.run_import("res.partner", SAMPLE)
        self.assertImported(result, 2)
        self.assertEqual(set(result["ids"]), {self.karim.id, self.odile.id})
        self.assertTrue(self.karim.coop_is_volunteer and self.karim.coop_can_deliver)
        self.assertFalse(self.karim.coop_can_prepare)
        self.assertEqual(self.karim.coop_transport, "bike")
        self.assertEqual(self.karim.coop_radius_km, 5.0)
        self.assertEqual(self.karim.coop_weekday_ids.mapped("number"), [0, 3])
        self.assertTrue(self.karim.coop_notify_consent)
        self.assertEqual(self.odile.coop_transport, "foot")

    def test_templates_offer_the_volunteers_file(self):
        templates = self.env["res.partner"].get_import_templates()
        self.assertIn("/" + SAMPLE, [template["template"] for template in templates])

    def test_an_unknown_member_number_imports_nothing(self):
        result = self.run_import("res.partner", FILES + "bad_volunteers_unknown_member.csv")
        self.assertRefused(result, "Paul Inconnu")
        self.assertFalse(self.volunteers())
        self.assertFalse(self.env["res.partner"].search([("name", "=", "Paul Inconnu")]))

    def test_a_negative_weekly_maximum_imports_nothing(self):
        result = self.run_import("res.partner", FILES + "bad_volunteers_weekly_max.csv")
        self.assertRefused(result, "Odile Perrin")
        self.assertFalse(self.volunteers())

    def test_a_volunteer_twice_in_the_file_imports_nothing(self):
        result = self.run_import("res.partner", FILES + "duplicate_volunteers.csv")
        self.assertRefused(result, "2 & 3")
        self.assertFalse(self.volunteers())
