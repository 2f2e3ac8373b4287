from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

# Odoo's modules whose French the page shows, besides the coop's.
FRENCH_MODULES = ["portal", "website", "event", "website_event", "coop_member_shifts"]


@tagged("post_install", "-at_install")
class TestEventTour(HttpCase):
    """Julie Lemaire (the demo's portal user, a member) registers for a members-only workshop
    from her account, in French."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Lang = cls.env["res.lang"]
        french = Lang.browse(Lang._activate_lang("fr_FR").id)
        cls.env["ir.module.module"]._load_module_terms(FRENCH_MODULES, ["fr_FR"])
        cls.env["website"].get_current_website().language_ids |= french
        cls.julie = cls.env.ref("base.partner_demo_portal")
        cls.julie.lang = "fr_FR"
        cls.workshop = cls.env.ref("coop_member_shifts.demo_event_workshop_local")
        start = fields.Datetime.now().replace(microsecond=0) + timedelta(days=12)
        cls.workshop.write({"date_begin": start, "date_end": start + timedelta(hours=2)})
        cls.env["event.registration"].search(
            [("event_id", "=", cls.workshop.id), ("partner_id", "=", cls.julie.id)]
        ).unlink()

    def test_register_for_a_members_only_workshop(self):
        self.assertTrue(self.julie._coop_is_member())
        self.assertTrue(self.workshop.coop_members_only)
        self.start_tour("/my/events", "coop_event_register", login="portal")
        registration = self.env["event.registration"].search(
            [("event_id", "=", self.workshop.id), ("partner_id", "=", self.julie.id)]
        )
        self.assertEqual(len(registration), 1)
        self.assertEqual(registration.state, "open")
        self.assertEqual(registration.email, self.julie.email)

    def test_a_visitor_is_told_the_workshop_is_kept_for_members(self):
        self.start_tour(f"/event/{self.workshop.id}/register", "coop_event_visitor")
        self.assertFalse(
            self.env["event.registration"].search(
                [("event_id", "=", self.workshop.id), ("partner_id", "=", False)]
            )
        )
