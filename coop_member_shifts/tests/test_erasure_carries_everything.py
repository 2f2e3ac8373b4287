from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from .fee_common import FeeCase

OLD_NAME = "Paula Portal"
ANONYMISE = "odoo.addons.coop_member_shifts.models.res_partner_anonymisation.ResPartner"


@tagged("post_install", "-at_install")
class TestErasureCarriesEverything(FeeCase):
    """An erasure closes what is open in the member's name before anonymising (a seat ahead,
    an unpaid order), empties the texts they wrote, and is all or nothing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        task = cls.env["coop.task.type"].create({"name": "Erasure task"})
        now = fields.Datetime.now().replace(microsecond=0)
        cls.shift_ahead = cls.make_shift(task, now + timedelta(days=3), seats=1)
        cls.shift_past = cls.make_shift(task, now - timedelta(days=3), seats=2)
        Registration = cls.env["coop.shift.registration"]
        cls.ahead = Registration.create(
            {"shift_id": cls.shift_ahead.id, "partner_id": cls.paula.id}
        )
        cls.past = Registration.create({"shift_id": cls.shift_past.id, "partner_id": cls.paula.id})
        cls.past.action_attended()
        cls.goods = cls.env["product.product"].create({"name": "Erasure flour", "list_price": 2})
        cls.quotation = cls.make_order()
        cls.confirmed = cls.make_order()
        cls.confirmed.action_confirm()
        cls.portal_user.signature = f"<p>{OLD_NAME}, shelf team, +33 6 12 34 56 78</p>"
        cls.confirmed.message_post(
            body="Please keep my order aside, I live in flat 12B",
            message_type="comment",
            author_id=cls.paula.id,
        )
        cls.exemption = cls.env["coop.exemption"].create(
            {
                "partner_id": cls.paula.id,
                "date_from": fields.Date.today(),
                "date_to": fields.Date.today() + timedelta(days=60),
                "reason": "health",
                "note": "Knee surgery in March",
            }
        )

    @classmethod
    def make_shift(cls, task, start, seats):
        return cls.env["coop.shift"].create(
            {
                "task_type_id": task.id,
                "start": start,
                "end": start + timedelta(hours=3),
                "seats": seats,
            }
        )

    @classmethod
    def make_order(cls):
        return cls.env["sale.order"].create(
            {
                "partner_id": cls.paula.id,
                "order_line": [fields.Command.create({"product_id": cls.goods.id})],
            }
        )

    def carry_out(self):
        erasure = (
            self.env["coop.erasure.request"]
            .with_user(self.portal_user)
            .create({"partner_id": self.paula.id})
        )
        erasure.with_user(self.manager_user).action_carry_out()
        self.env.flush_all()
        return erasure

    def test_the_registration_ahead_is_cancelled_and_its_seat_freed(self):
        self.assertEqual(self.shift_ahead.seats_free, 0)
        self.carry_out()
        self.assertEqual(self.ahead.state, "cancelled")
        self.shift_ahead.invalidate_recordset(["seats_free", "seats_taken"])
        self.assertEqual(self.shift_ahead.seats_free, 1)

    def test_the_work_done_stays(self):
        self.carry_out()
        self.assertEqual(self.past.state, "attended")
        self.assertEqual(self.past.work_entry_id.partner_id, self.paula)

    def test_the_open_unpaid_orders_are_cancelled(self):
        self.carry_out()
        self.assertEqual((self.quotation.state, self.confirmed.state), ("cancel", "cancel"))

    def test_a_paid_order_is_kept_for_accounting(self):
        with patch.object(type(self.confirmed), "_compute_amount_paid", _paid_in_full):
            self.confirmed.invalidate_recordset(["amount_paid"])
            self.carry_out()
        self.assertEqual(self.confirmed.state, "sale")
        self.assertEqual(self.quotation.state, "cancel")

    def test_the_manager_reads_what_was_closed(self):
        erasure = self.carry_out()
        messages = self.env["mail.message"].search(
            [("model", "=", erasure._name), ("res_id", "=", erasure.id)]
        )
        bodies = " ".join(messages.mapped("body"))
        self.assertIn("Shift registrations cancelled: 1", bodies)
        self.assertIn(self.confirmed.name, bodies)
        self.assertNotIn(OLD_NAME, bodies)

    def test_the_signature_notes_and_messages_written_are_emptied(self):
        self.carry_out()
        self.assertFalse(self.portal_user.signature)
        self.assertFalse(self.exemption.note)
        written = self.env["mail.message"].search([("author_id", "=", self.paula.id)])
        self.assertTrue(written)
        for message in written:
            self.assertNotIn("12B", message.body)

    def test_nothing_is_left_in_the_old_name(self):
        self.carry_out()
        self.assertFalse(
            self.env["res.partner"]
            .with_context(active_test=False)
            .search(["|", ("name", "ilike", OLD_NAME), ("email", "ilike", "paula@")])
        )
        self.assertFalse(
            self.env["res.users"]
            .with_context(active_test=False)
            .search(["|", ("signature", "ilike", OLD_NAME), ("login", "=", "coop_test_portal")])
        )
        for model_name in ("mail.message", "sale.order", "sale.order.line", "coop.work.entry"):
            with self.subTest(model=model_name):
                self.assertFalse(self.records_naming(model_name, OLD_NAME))

    def records_naming(self, model_name, string):
        """The records of ``model_name`` with ``string`` in one of their stored texts."""
        Model = self.env[model_name].with_context(active_test=False)
        names = [
            name
            for name, field in Model._fields.items()
            if field.store and field.type in ("char", "text", "html") and not field.translate
        ]
        domain = ["|"] * (len(names) - 1) + [(name, "ilike", string) for name in names]
        return Model.search(domain)

    def test_the_erasure_is_all_or_nothing(self):
        erasure = self.env["coop.erasure.request"].create({"partner_id": self.paula.id})
        with (
            patch(f"{ANONYMISE}._coop_delete_attachments", side_effect=UserError("Boom")),
            self.assertRaises(UserError),
        ):
            erasure.with_user(self.manager_user).action_carry_out()
        self.assertEqual(erasure.state, "requested")
        self.assertEqual(self.ahead.state, "registered")
        self.assertEqual((self.quotation.state, self.confirmed.state), ("draft", "sale"))
        self.assertEqual(self.paula.name, OLD_NAME)
        self.assertTrue(self.portal_user.signature)


@tagged("post_install", "-at_install")
class TestOneOpenErasureRequest(FeeCase):
    """A member has at most one open erasure request, whatever the path."""

    def ask(self, user, partner=None):
        partner = partner or user.partner_id
        return self.env["coop.erasure.request"].with_user(user).create({"partner_id": partner.id})

    def test_a_second_request_by_rpc_is_refused_with_a_clear_message(self):
        self.ask(self.portal_user)
        with self.assertRaisesRegex(UserError, "already open"):
            self.ask(self.portal_user)
        with self.assertRaisesRegex(UserError, "already open"):
            self.ask(self.manager_user, self.paula)
        self.assertEqual(
            self.env["coop.erasure.request"].search_count([("partner_id", "=", self.paula.id)]), 1
        )

    def test_two_requests_in_one_call_are_refused(self):
        with self.assertRaisesRegex(UserError, "already open"):
            self.env["coop.erasure.request"].with_user(self.portal_user).create(
                [{"partner_id": self.paula.id}, {"partner_id": self.paula.id}]
            )

    def test_a_new_request_after_a_refusal_is_accepted(self):
        erasure = self.ask(self.portal_user)
        erasure.with_user(self.manager_user).write({"refusal_reason": "Unpaid invoice"})
        erasure.with_user(self.manager_user).action_refuse()
        self.assertEqual(self.ask(self.portal_user).state, "requested")

    def test_other_members_ask_at_the_same_time(self):
        self.ask(self.portal_user)
        self.assertEqual(self.ask(self.other_portal_user).state, "requested")

    def test_the_index_holds_without_the_check(self):
        self.ask(self.portal_user)
        Erasure = self.env["coop.erasure.request"]
        with (
            patch.object(type(Erasure), "_coop_check_none_open", lambda self, ids: None),
            self.assertRaisesRegex(UserError, "already open"),
        ):
            self.ask(self.portal_user)


def _paid_in_full(orders):
    """The confirmed orders are paid, the quotations not."""
    for order in orders:
        order.amount_paid = order.amount_total if order.state == "sale" else 0.0
