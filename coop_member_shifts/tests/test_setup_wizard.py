from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import CoopCase


@tagged("post_install", "-at_install")
class TestSetupWizard(CoopCase):
    """The setup assistant's member steps: identity, volunteer hours, fee schedule."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.Wizard = cls.env["coop.setup.wizard"].with_user(cls.manager_user)
        # The demo coop postpones the assistant; a new coop does not.
        cls.env["ir.config_parameter"].set_param("coop_member_shifts.setup_postponed", False)

    def wizard(self, **values):
        return self.Wizard.create(values)

    def checks(self):
        return {check["key"]: check["done"] for check in self.Wizard._coop_setup_checks()}

    def brackets(self, *rows):
        return [
            (0, 0, {"income_from": low, "income_to": high, "fee": fee}) for low, high, fee in rows
        ]

    def test_identity_step_sets_the_company(self):
        wizard = self.wizard(
            coop_name="La Cagette d'Orléans",
            street="12 rue des Carmes",
            zip="45000",
            city="Orléans",
            country_id=self.env.ref("base.fr").id,
            tz="Europe/Paris",
            currency_id=self.company.currency_id.id,
            lang_id=self.env.ref("base.lang_en").id,
        )
        wizard.action_next()
        self.assertEqual(self.company.name, "La Cagette d'Orléans")
        self.assertEqual(self.company.city, "Orléans")
        self.assertEqual(self.company.partner_id.tz, "Europe/Paris")
        self.assertEqual(self.company.partner_id.lang, "en_US")
        self.assertEqual(wizard.step, "work")

    def test_choosing_another_language_reloads_the_page_on_the_next_step(self):
        """The web client speaks the new language only once reloaded: the assistant opens
        again on the step after, in French."""
        self.env["res.lang"]._activate_lang("fr_FR")
        self.manager_user.lang = "en_US"
        wizard = self.wizard(coop_name="La Cagette", lang_id=self.env.ref("base.lang_fr").id)
        action = wizard.action_next()
        self.assertEqual(action["tag"], "reload")
        self.assertEqual(
            action["params"]["action_id"],
            self.env.ref("coop_member_shifts.coop_setup_wizard_action").id,
        )
        self.assertEqual(self.manager_user.lang, "fr_FR")
        reopened = self.Wizard.action_open()
        self.assertEqual(reopened["res_id"], wizard.id)
        self.assertEqual(wizard.step, "work")
        self.assertNotEqual(self.Wizard.action_open()["res_id"], wizard.id)

    def test_keeping_the_language_goes_on_without_reload(self):
        self.manager_user.lang = "en_US"
        wizard = self.wizard(coop_name="La Cagette", lang_id=self.env.ref("base.lang_en").id)
        self.assertEqual(wizard.action_next()["res_id"], wizard.id)

    def test_identity_step_proposes_france_for_a_new_company(self):
        self.company.write({"street": False, "country_id": self.env.ref("base.us").id})
        wizard = self.wizard()
        self.assertEqual(wizard.country_id, self.env.ref("base.fr"))
        self.assertEqual(wizard.currency_id, self.env.ref("base.EUR"))
        self.assertEqual(wizard.tz, self.company.partner_id.tz or "Europe/Paris")

    def test_work_step_sets_the_monthly_hours_and_grace(self):
        wizard = self.wizard(step="work", monthly_hours=2.75, grace_months=2)
        wizard.action_next()
        self.assertEqual(self.company.coop_monthly_hours, 2.75)
        self.assertEqual(self.company.coop_work_grace_months, 2)
        self.assertEqual(wizard.step, "fees")

    def test_negative_monthly_hours_are_refused(self):
        wizard = self.wizard(step="work", monthly_hours=-3)
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            wizard.action_next()

    def test_negative_grace_is_refused(self):
        wizard = self.wizard(step="work", grace_months=-1)
        with self.assertRaisesRegex(ValidationError, "grace period cannot be negative"):
            wizard.action_next()

    def test_negative_hours_are_refused_whatever_the_path(self):
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            self.company.coop_monthly_hours = -1

    def test_fees_step_creates_a_membership_and_its_schedule(self):
        wizard = self.wizard(step="fees", fee_product_id=False, fee_product_name="Adhésion")
        wizard.bracket_ids = [(5,)] + self.brackets((0, 900, 10), (900, 0, 40))
        wizard.action_next()
        schedule = self.env["coop.fee.schedule"].search([("product_tmpl_id.name", "=", "Adhésion")])
        self.assertTrue(schedule.product_tmpl_id.membership)
        self.assertEqual(schedule.bracket_ids.mapped("fee"), [10, 40])
        self.assertTrue(self.checks()["fees"])

    def test_fees_step_replaces_the_brackets_of_an_existing_schedule(self):
        product = self.env["product.template"].create(
            {"name": "Membership", "membership": True, "type": "service", "list_price": 50}
        )
        schedule = self.env["coop.fee.schedule"].create(
            {"product_tmpl_id": product.id, "bracket_ids": self.brackets((0, 0, 50))}
        )
        wizard = self.wizard(step="fees", fee_product_id=product.id)
        wizard.bracket_ids = [(5,)] + self.brackets((0, 1000, 15), (1000, 0, 60))
        wizard.action_next()
        self.assertEqual(schedule.bracket_ids.mapped("fee"), [15, 60])

    def test_overlapping_brackets_are_refused(self):
        wizard = self.wizard(step="fees")
        wizard.bracket_ids = [(5,)] + self.brackets((0, 1000, 10), (800, 0, 40))
        with self.assertRaisesRegex(ValidationError, "overlap"):
            wizard.action_next()

    def test_brackets_leaving_a_gap_are_refused(self):
        wizard = self.wizard(step="fees")
        wizard.bracket_ids = [(5,)] + self.brackets((0, 800, 10), (1000, 0, 40))
        with self.assertRaisesRegex(ValidationError, "No bracket covers"):
            wizard.action_next()

    def test_fees_step_without_brackets_is_refused(self):
        wizard = self.wizard(step="fees")
        wizard.bracket_ids = [(5,)]
        with self.assertRaisesRegex(ValidationError, "at least one income bracket"):
            wizard.action_next()

    def test_each_step_shows_a_preview_of_what_it_sets(self):
        wizard = self.wizard(step="work", monthly_hours=3)
        self.assertIn("3 hours of volunteer work a month", wizard.preview)
        wizard.step = "fees"
        wizard.bracket_ids = [(5,)] + self.brackets((0, 0, 25))
        self.assertIn("and more pay", wizard.preview)

    def test_checklist_tells_the_missing_address(self):
        self.company.street = False
        self.assertFalse(self.checks()["address"])
        self.assertIn("o_coop_check_todo", self.wizard().checklist)
        self.company.write({"street": "1 place du Martroi", "city": "Orléans"})
        self.assertTrue(self.checks()["address"])

    def test_back_goes_to_the_previous_step_without_applying(self):
        wizard = self.wizard(step="work", monthly_hours=-1)
        wizard.action_back()
        self.assertEqual(wizard.step, "identity")

    def test_a_manager_lands_on_the_assistant_while_the_coop_is_not_set_up(self):
        self.company.street = False
        action = self.Wizard.action_coop_home()
        self.assertEqual(action["res_model"], "coop.setup.wizard")

    def test_a_postponed_assistant_no_longer_opens_by_itself(self):
        self.company.street = False
        self.wizard().action_later()
        action = self.Wizard.action_coop_home()
        self.assertNotEqual(action.get("res_model"), "coop.setup.wizard")

    def test_shop_staff_land_on_the_app_not_on_the_assistant(self):
        self.company.street = False
        action = self.env["coop.setup.wizard"].with_user(self.staff_user).action_coop_home()
        self.assertNotEqual(action.get("res_model"), "coop.setup.wizard")
        self.assertTrue(action.get("type"))

    def test_shop_staff_still_see_the_coop_app(self):
        root = self.env.ref("coop_member_shifts.menu_coop_root")
        menus = self.env["ir.ui.menu"].with_user(self.staff_user)
        self.assertIn(root.id, menus._visible_menu_ids())

    def test_shop_staff_cannot_open_the_assistant(self):
        with self.assertRaises(AccessError):
            self.env["coop.setup.wizard"].with_user(self.staff_user).action_open()
        with self.assertRaises(AccessError):
            self.env["coop.setup.wizard"].with_user(self.staff_user).create({})
