from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .fee_common import FeeCase


@tagged("post_install", "-at_install")
class TestErasureRequest(FeeCase):
    """Members ask for erasure; only a manager carries it out (or refuses, saying why)."""

    def ask(self, user=None, partner=None, **vals):
        user = user or self.portal_user
        partner = partner or user.partner_id
        return (
            self.env["coop.erasure.request"]
            .with_user(user)
            .create({"partner_id": partner.id, **vals})
        )

    def test_a_member_asks_for_the_erasure_of_their_data(self):
        erasure = self.ask(state="done", done_by_id=self.portal_user.id)
        self.assertEqual(erasure.state, "requested")
        self.assertFalse(erasure.done_by_id)

    def test_a_member_cannot_ask_for_someone_elses_erasure(self):
        with self.assertRaises(AccessError):
            self.ask(partner=self.oscar)

    def test_a_member_sees_only_their_own_requests(self):
        mine = self.ask()
        self.ask(self.other_portal_user)
        found = self.env["coop.erasure.request"].with_user(self.portal_user).search([])
        self.assertEqual(found, mine)

    def test_shop_staff_and_fee_officers_cannot_read_erasure_requests(self):
        erasure = self.ask()
        for user in (self.staff_user, self.coordinator_user, self.officer_user):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                erasure.with_user(user).read(["partner_id"])

    def test_a_manager_carries_out_an_erasure(self):
        erasure = self.ask()
        erasure.with_user(self.manager_user).action_carry_out()
        self.assertEqual(erasure.state, "done")
        self.assertEqual(erasure.done_by_id, self.manager_user)
        self.assertTrue(erasure.date_done)
        self.assertNotIn("Paula", self.paula.name)
        self.assertFalse(self.paula.email)
        self.assertFalse(self.portal_user.active)

    def test_the_invoices_stay_after_an_erasure(self):
        context = {"active_ids": self.paula.ids, "active_model": "res.partner"}
        form = Form(self.env["membership.invoice"].with_context(**context))
        form.product_id = self.product
        action = form.save().membership_invoice()
        invoice = self.env["account.move"].search(action["domain"])
        self.ask().with_user(self.manager_user).action_carry_out()
        self.assertTrue(invoice.exists())
        self.assertEqual(invoice.partner_id, self.paula)
        self.assertNotIn("Paula", self.paula.name)
        self.assertNotIn("Paula", invoice.invoice_partner_display_name)

    def test_an_erasure_scrubs_the_ledger_but_keeps_its_hours(self):
        line = self.env["coop.work.entry"].create(
            {
                "partner_id": self.paula.id,
                "hours": 2,
                "kind": "adjustment",
                "name": "Inventory",
                "reason": "Paula Portal forgot to sign the attendance sheet",
            }
        )
        line.with_user(self.coordinator_user).action_validate()
        self.ask().with_user(self.manager_user).action_carry_out()
        self.assertNotIn("Paula", line.reason)
        self.assertEqual((line.state, line.hours, line.partner_id), ("validated", 2, self.paula))

    def test_only_a_manager_carries_out_an_erasure(self):
        erasure = self.ask()
        for user in (self.portal_user, self.officer_user, self.coordinator_user):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                erasure.with_user(user).action_carry_out()
        self.assertEqual(erasure.state, "requested")
        self.assertIn("Paula", self.paula.name)

    def test_the_state_moves_only_through_the_buttons(self):
        erasure = self.ask()
        with self.assertRaises(UserError):
            erasure.with_user(self.manager_user).write({"state": "done"})
        with self.assertRaises(AccessError):
            erasure.with_user(self.portal_user).write({"state": "done"})

    def test_a_request_recorded_by_a_manager_starts_as_asked(self):
        erasure = self.ask(user=self.manager_user, partner=self.paula, state="done")
        self.assertEqual(erasure.state, "requested")
        self.assertIn("Paula", self.paula.name)

    def test_a_refusal_says_why(self):
        erasure = self.ask()
        with self.assertRaisesRegex(UserError, "Say why"):
            erasure.with_user(self.manager_user).action_refuse()
        erasure.with_user(self.manager_user).write({"refusal_reason": "Unpaid invoice"})
        erasure.with_user(self.manager_user).action_refuse()
        self.assertEqual(erasure.state, "refused")
        self.assertIn("Paula", self.paula.name)

    def test_a_handled_request_is_not_carried_out_again(self):
        erasure = self.ask()
        erasure.with_user(self.manager_user).action_carry_out()
        with self.assertRaises(UserError):
            erasure.with_user(self.manager_user).action_carry_out()

    def test_a_back_office_user_is_not_erased_by_a_request(self):
        erasure = self.ask(user=self.manager_user, partner=self.staff_user.partner_id)
        with self.assertRaisesRegex(UserError, "back office"):
            erasure.with_user(self.manager_user).action_carry_out()
        self.assertTrue(self.staff_user.active)
