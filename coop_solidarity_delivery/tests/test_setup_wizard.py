from odoo.exceptions import AccessError, ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestSetupWizardStore(TransactionCase):
    """The setup assistant's store, solidarity delivery and payment steps."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(
            cls.env, login="coop_setup_manager", groups="coop_member_shifts.group_coop_manager"
        )
        cls.coordinator = new_test_user(
            cls.env,
            login="coop_setup_coordinator",
            groups="coop_solidarity_delivery.group_coop_delivery_coordinator",
        )
        cls.Wizard = cls.env["coop.setup.wizard"].with_user(cls.manager)
        cls.warehouse = cls.env["stock.warehouse"].create({"name": "Épicerie", "code": "EPI"})
        cls.drive = cls.env.ref("website_sale_collect.carrier_pick_up_in_store")
        cls.solidarity = cls.env.ref("coop_solidarity_delivery.carrier_solidarity_delivery")
        cls.on_site = cls.env.ref("website_sale_collect.payment_provider_on_site")
        cls.transfer = cls.env.ref("payment.payment_provider_transfer")

    def wizard(self, step, **values):
        return self.Wizard.create({"step": step, "warehouse_id": self.warehouse.id, **values})

    def slots(self, kind, *rows):
        return [(5,)] + [
            (0, 0, {"kind": kind, "weekday": day, "start_hour": start, "end_hour": end})
            for day, start, end in rows
        ]

    def rules(self, carrier):
        return self.env["coop.slot.rule"].search(
            [("carrier_id", "=", carrier.id), ("warehouse_id", "=", self.warehouse.id)]
        )

    def checks(self):
        return {check["key"]: check["done"] for check in self.Wizard._coop_setup_checks()}

    def test_identity_step_makes_the_coops_language_the_websites(self):
        french = self.env["res.lang"]._activate_lang("fr_FR")
        company = self.env.company
        self.Wizard.create(
            {
                "step": "identity",
                "coop_name": company.name,
                "country_id": self.env.ref("base.fr").id,
                "tz": "Europe/Paris",
                "currency_id": company.currency_id.id,
                "lang_id": french.id,
            }
        ).action_next()
        website = self.env["website"].search([("company_id", "=", company.id)], limit=1)
        self.assertEqual(website.default_lang_id, french)
        self.assertIn(french, website.language_ids)

    def test_a_new_coop_names_its_website_and_store_after_itself(self):
        company = self.env.company
        company.name = "My Company"
        website = self.env["website"].search([("company_id", "=", company.id)], limit=1)
        website.name = "My Website"
        self.warehouse.name = "My Company"
        wizard = self.wizard("identity", coop_name="La Cagette", store_name="My Company")
        wizard.action_next()
        self.assertEqual(website.name, "La Cagette")
        self.assertEqual(wizard.store_name, "La Cagette")
        wizard.write({"step": "store", "drive_slot_ids": self.slots("drive", ("2", 17, 19))})
        wizard.action_next()
        self.assertEqual(self.warehouse.name, "La Cagette")

    def test_a_website_named_by_the_coop_keeps_its_name(self):
        website = self.env["website"].search([("company_id", "=", self.env.company.id)], limit=1)
        website.name = "Le drive de la Cagette"
        self.wizard("identity", coop_name="La Cagette").action_next()
        self.assertEqual(website.name, "Le drive de la Cagette")

    def test_store_step_opens_the_drive_at_the_store(self):
        wizard = self.wizard("store", store_name="La Cagette")
        wizard.drive_slot_ids = self.slots("drive", ("2", 17, 19), ("5", 9.5, 12))
        wizard.action_next()
        rules = self.rules(self.drive)
        self.assertEqual(self.warehouse.name, "La Cagette")
        self.assertIn(self.warehouse, self.drive.warehouse_ids)
        self.assertTrue(self.drive.is_published)
        self.assertEqual(sorted(rules.mapped("weekday")), ["2", "5"])
        self.assertTrue(rules.slot_ids, "the slots of the horizon are opened")
        self.assertEqual(wizard.step, "delivery")

    def test_a_slot_ending_before_it_starts_is_refused(self):
        wizard = self.wizard("store")
        wizard.drive_slot_ids = self.slots("drive", ("2", 19, 17))
        with self.assertRaisesRegex(ValidationError, "A slot must end after it starts."):
            wizard.action_next()

    def test_a_store_without_drive_hours_is_refused(self):
        wizard = self.wizard("store")
        wizard.drive_slot_ids = [(5,)]
        with self.assertRaisesRegex(ValidationError, "at least one drive slot"):
            wizard.action_next()

    def test_store_step_run_again_updates_the_rules(self):
        wizard = self.wizard("store")
        wizard.drive_slot_ids = self.slots("drive", ("2", 17, 19), ("5", 9, 12))
        wizard.action_next()
        saturday = self.rules(self.drive).filtered(lambda rule: rule.weekday == "5")
        again = self.wizard("store")
        again.drive_slot_ids = [
            (
                0,
                0,
                {
                    "kind": "drive",
                    "rule_id": saturday.id,
                    "weekday": "5",
                    "start_hour": 10,
                    "end_hour": 12,
                },
            )
        ]
        again.action_next()
        self.assertEqual(self.rules(self.drive), saturday, "the removed Wednesday is archived")
        self.assertEqual(saturday.start_hour, 10)

    def test_delivery_step_turned_off_unpublishes_solidarity_delivery(self):
        wizard = self.wizard("delivery", delivery_enabled=False)
        wizard.action_next()
        self.assertFalse(self.solidarity.is_published)
        self.assertTrue(self.checks()["delivery"])
        self.assertEqual(wizard.step, "payment")

    def test_delivery_step_sets_the_days_and_the_hours(self):
        wizard = self.wizard(
            "delivery",
            delivery_enabled=True,
            max_radius_km=8,
            delivery_hours=2,
            preparation_hours=1,
        )
        wizard.delivery_slot_ids = self.slots("delivery", ("3", 14, 17))
        wizard.action_next()
        params = self.env["ir.config_parameter"].sudo()
        self.assertTrue(self.solidarity.is_published)
        self.assertEqual(self.rules(self.solidarity).mapped("weekday"), ["3"])
        self.assertEqual(float(params.get_param("coop_solidarity_delivery.max_radius_km")), 8)
        self.assertEqual(float(params.get_param("coop_solidarity_delivery.delivery_hours")), 2)

    def test_negative_delivery_hours_are_refused(self):
        wizard = self.wizard("delivery", delivery_enabled=True, delivery_hours=-1)
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            wizard.action_next()

    def test_a_delivery_day_ending_before_it_starts_is_refused(self):
        wizard = self.wizard("delivery", delivery_enabled=True)
        wizard.delivery_slot_ids = self.slots("delivery", ("3", 17, 14))
        with self.assertRaisesRegex(ValidationError, "A slot must end after it starts."):
            wizard.action_next()

    def test_payment_step_enables_payment_on_site_and_wire_transfer(self):
        (self.on_site | self.transfer).write({"state": "disabled", "is_published": False})
        self.assertFalse(self.checks()["payment"])
        wizard = self.wizard("payment", pay_on_site=True, wire_transfer=True)
        wizard.action_next()
        for provider in self.on_site | self.transfer:
            self.assertEqual(provider.state, "enabled")
            self.assertTrue(provider.is_published)
        self.assertTrue(self.checks()["payment"])
        self.assertEqual(wizard.step, "done")

    def test_payment_step_can_turn_wire_transfer_off(self):
        self.transfer.write({"state": "enabled", "is_published": True})
        self.wizard("payment", pay_on_site=True, wire_transfer=False).action_next()
        self.assertEqual(self.transfer.state, "disabled")

    def test_previews_say_what_the_steps_create(self):
        wizard = self.wizard("store", store_name="La Cagette")
        wizard.drive_slot_ids = self.slots("drive", ("5", 9.5, 12))
        self.assertIn("Saturday from 09:30 to 12:00", wizard.preview)
        wizard.step = "payment"
        self.assertIn("paid at the store", wizard.preview)

    def test_the_assistant_walks_every_step_in_order(self):
        self.assertEqual(
            self.Wizard._coop_steps(),
            ["identity", "work", "fees", "store", "delivery", "payment", "done"],
        )

    def test_the_call_centre_opens_the_coop_app_on_its_menus(self):
        caller = new_test_user(
            self.env,
            login="coop_setup_caller",
            groups="coop_solidarity_delivery.group_coop_call_centre",
        )
        root = self.env.ref("coop_member_shifts.menu_coop_root")
        self.assertIn(root.id, self.env["ir.ui.menu"].with_user(caller)._visible_menu_ids())
        action = self.env["coop.setup.wizard"].with_user(caller).action_coop_home()
        self.assertNotEqual(action.get("res_model"), "coop.setup.wizard")

    def test_a_delivery_coordinator_cannot_run_the_assistant(self):
        with self.assertRaises(AccessError):
            self.env["coop.setup.wizard"].with_user(self.coordinator).create({})
