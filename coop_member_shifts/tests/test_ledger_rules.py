from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, JsonRpcException, new_test_user, tagged
from odoo.tools import mute_logger

from .common import CoopCase


@tagged("post_install", "-at_install")
class TestLedgerRules(CoopCase):
    """Ledger lines change state only through the methods that check who validates."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.coordinator_user = new_test_user(
            cls.env,
            login="coop_test_ledger_coordinator",
            groups="coop_member_shifts.group_coop_shift_coordinator",
        )
        cls.member = cls.env["res.partner"].create({"name": "Ledger Member"})
        cls.Entry = cls.env["coop.work.entry"]
        cls.today = fields.Date.today()

    def values(self, partner=None, **values):
        return {
            "partner_id": (partner or self.member).id,
            "hours": 3.0,
            "name": "Reception",
            **values,
        }

    def validated_line(self, **values):
        return self.Entry._credit(self.member, values.pop("hours", 3.0), "shift", "Reception")

    def member_lines(self):
        return self.Entry.search([("partner_id", "=", self.member.id)])

    # Creation

    def test_shop_staff_cannot_create_a_line_already_validated(self):
        staff_entries = self.Entry.with_user(self.staff_user)
        with self.assertRaises(AccessError):
            staff_entries.create(self.values(state="validated", hours=24))
        with self.assertRaises(AccessError):
            staff_entries.create(
                self.values(self.staff_user.partner_id, state="validated", hours=24)
            )
        self.assertFalse(self.member_lines())

    def test_a_default_state_in_the_context_does_not_validate(self):
        entry = (
            self.Entry.with_user(self.staff_user)
            .with_context(default_state="validated", default_validated_by_id=self.env.uid)
            .create(self.values())
        )
        self.assertEqual(entry.state, "draft")
        self.assertFalse(entry.validated_by_id)

    def test_a_coordinator_cannot_create_their_own_work_validated(self):
        with self.assertRaises(UserError):
            self.Entry.with_user(self.coordinator_user).create(
                self.values(self.coordinator_user.partner_id, state="validated")
            )

    def test_who_validated_is_set_by_the_server(self):
        entry = self.Entry.with_user(self.coordinator_user).create(
            self.values(state="validated", validated_by_id=self.manager_user.id)
        )
        self.assertEqual(entry.validated_by_id, self.coordinator_user)
        self.assertTrue(entry.validation_date)

    def test_an_import_cannot_validate_work(self):
        result = self.Entry.with_user(self.staff_user).load(
            ["partner_id/.id", "name", "hours", "state"],
            [[str(self.member.id), "Imported", "24", "validated"]],
        )
        self.assertFalse(result["ids"])
        self.assertTrue(result["messages"])
        self.assertFalse(self.member_lines())

    # Writing

    def test_the_state_is_not_written_directly_even_by_a_coordinator(self):
        own = self.Entry.create(self.values(self.coordinator_user.partner_id))
        theirs = self.Entry.create(self.values())
        for entry in (own, theirs):
            with self.subTest(entry=entry.partner_id.name), self.assertRaises(AccessError):
                entry.with_user(self.coordinator_user).write({"state": "validated"})
        self.assertEqual(set((own | theirs).mapped("state")), {"draft"})

    def test_a_validated_line_is_never_edited_in_place(self):
        entry = self.validated_line()
        for values in (
            {"hours": 744},
            {"partner_id": self.coordinator_user.partner_id.id},
            {"date": self.today - timedelta(days=40)},
        ):
            with self.subTest(values=values), self.assertRaises(UserError):
                entry.with_user(self.coordinator_user).write(values)
        for values in ({"state": "draft"}, {"validated_by_id": self.manager_user.id}):
            with self.subTest(values=values), self.assertRaises(AccessError):
                entry.with_user(self.coordinator_user).write(values)
        with self.assertRaises(UserError):
            entry.sudo().write({"hours": 10})
        self.assertEqual(entry.hours, 3)

    def test_a_validated_line_is_never_deleted(self):
        entry = self.validated_line()
        with self.assertRaises(UserError):
            entry.with_user(self.coordinator_user).unlink()
        self.assertTrue(entry.exists())

    def test_a_correction_is_a_new_adjustment_with_its_reason(self):
        entry = self.validated_line()
        action = entry.with_user(self.coordinator_user).action_correct()
        Correction = self.Entry.with_user(self.coordinator_user).with_context(**action["context"])
        with self.assertRaises(ValidationError):
            Correction.create({"hours": -1.0})
        correction = Correction.create({"hours": -1.0, "reason": "Left an hour early"})
        self.assertEqual(correction.kind, "adjustment")
        self.assertEqual(correction.correction_of_id, entry)
        correction.with_user(self.coordinator_user).action_validate()
        self.assertEqual(entry.hours, 3)
        self.assertEqual(sum(self.member_lines().mapped("hours")), 2)

    def test_only_a_coordinator_corrects(self):
        entry = self.validated_line()
        with self.assertRaises(AccessError):
            entry.with_user(self.staff_user).action_correct()

    # Validation

    def test_shop_staff_cannot_validate_or_refuse(self):
        entry = self.Entry.create(self.values())
        for action in ("action_validate", "action_refuse"):
            with self.subTest(action=action), self.assertRaises(AccessError):
                getattr(entry.with_user(self.staff_user), action)()
        self.assertEqual(entry.state, "draft")

    def test_work_dated_in_the_future_is_not_validated_before_its_date(self):
        tomorrow = self.today + timedelta(days=1)
        entry = self.Entry.create(self.values(date=tomorrow))
        with self.assertRaises(UserError):
            entry.with_user(self.coordinator_user).action_validate()
        self.assertEqual(entry.state, "draft")
        with self.assertRaises(UserError):
            self.Entry.with_user(self.coordinator_user).create(
                self.values(date=tomorrow, state="validated")
            )

    def test_a_validated_line_is_not_validated_again(self):
        entry = self.validated_line()
        with self.assertRaises(UserError):
            entry.with_user(self.coordinator_user).action_refuse()
        self.assertEqual(entry.state, "validated")

    def test_every_change_is_tracked(self):
        entry = self.Entry.create(self.values())
        self.env.flush_all()
        self.env.cr.precommit.run()  # as if created in an earlier transaction
        entry.with_user(self.coordinator_user).action_validate()
        self.env.flush_all()
        self.env.cr.precommit.run()
        tracked = entry.message_ids.tracking_value_ids.field_id.mapped("name")
        self.assertIn("state", tracked)
        self.assertIn("validated_by_id", tracked)

    # The server's own paths

    def test_credited_work_ahead_of_its_day_is_dated_today(self):
        entry = self.Entry._credit(
            self.member, 1.0, "delivery", "Delivery", on_date=self.today + timedelta(days=3)
        )
        self.assertEqual(entry.date, self.today)
        self.assertEqual(entry.state, "validated")

    def test_nobody_credits_their_own_work(self):
        with self.assertRaises(UserError):
            self.Entry.with_user(self.staff_user)._credit(
                self.staff_user.partner_id, 3.0, "shift", "My own shift"
            )


@tagged("post_install", "-at_install")
class TestLedgerRpc(HttpCase):
    """The same rules hold from the web client's RPC."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.coordinator_user = new_test_user(
            cls.env,
            login="coop_test_rpc_coordinator",
            groups="coop_member_shifts.group_coop_shift_coordinator",
        )

    def call(self, method, args, kwargs=None):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/coop.work.entry/{method}",
            {"model": "coop.work.entry", "method": method, "args": args, "kwargs": kwargs or {}},
        )

    @mute_logger("odoo.http")
    def test_a_coordinator_cannot_validate_their_own_work_over_rpc(self):
        own = self.coordinator_user.partner_id
        entry = self.env["coop.work.entry"].create(
            {"partner_id": own.id, "hours": 24, "name": "My own work"}
        )
        self.authenticate(self.coordinator_user.login, self.coordinator_user.login)
        with self.assertRaisesRegex(JsonRpcException, "AccessError"):
            self.call("write", [entry.ids, {"state": "validated"}])
        with self.assertRaisesRegex(JsonRpcException, "UserError"):
            self.call("action_validate", [entry.ids])
        with self.assertRaisesRegex(JsonRpcException, "UserError"):
            self.call(
                "create",
                [{"partner_id": own.id, "hours": 24, "name": "Forged", "state": "validated"}],
            )
        self.assertEqual(entry.state, "draft")
        self.assertEqual(self.env["coop.work.entry"].search_count([("partner_id", "=", own.id)]), 1)
