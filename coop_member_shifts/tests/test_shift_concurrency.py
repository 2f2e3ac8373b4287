import threading
from datetime import timedelta

import psycopg2.errors

from odoo import SUPERUSER_ID, api, fields
from odoo.api import Transaction
from odoo.exceptions import ValidationError
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, get_db_name, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestShiftSeatConcurrency(BaseCase):
    """Members take the last seats of a shift in concurrent transactions: the seats are
    never sold twice, and the registrations are serialized by the shift's row lock without
    deadlock."""

    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            task = env["coop.task.type"].create({"name": "Concurrency task"})
            start = fields.Datetime.now() + timedelta(days=3)
            shift = env["coop.shift"].create(
                {
                    "task_type_id": task.id,
                    "start": start,
                    "end": start + timedelta(hours=3),
                    "seats": 1,
                }
            )
            members = env["res.partner"].create([{"name": f"Seat {letter}"} for letter in "ABCDE"])
            self.task_id, self.shift_id, self.member_ids = task.id, shift.id, members.ids
        self.addCleanup(self._delete_records)

    def _delete_records(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["coop.shift"].browse(self.shift_id).unlink()
            env["coop.task.type"].browse(self.task_id).unlink()
            env["res.partner"].browse(self.member_ids).unlink()

    def register(self, env, member_id):
        return env["coop.shift.registration"].create(
            {"shift_id": self.shift_id, "partner_id": member_id}
        )

    @mute_logger("odoo.sql_db")
    def test_two_members_signing_up_for_the_last_seat_at_once(self):
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            env1 = api.Environment(cr1, SUPERUSER_ID, {})
            env2 = api.Environment(cr2, SUPERUSER_ID, {})
            # Both see one free seat.
            self.assertEqual(env1["coop.shift"].browse(self.shift_id).seats_free, 1)
            self.assertEqual(env2["coop.shift"].browse(self.shift_id).seats_free, 1)
            self.register(env1, self.member_ids[0])
            cr1.commit()
            # The second transaction cannot count from its old snapshot: it is refused...
            with self.assertRaises(psycopg2.errors.SerializationFailure):
                self.register(env2, self.member_ids[1])
            cr2.rollback()
            # ...and when Odoo retries it, the shift is full.
            with self.assertRaises(ValidationError) as caught:
                self.register(env2, self.member_ids[1])
            self.assertIn("full", str(caught.exception))
            cr2.rollback()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            shift = env["coop.shift"].browse(self.shift_id)
            self.assertEqual(shift.registration_ids.partner_id.ids, self.member_ids[:1])

    def sign_up_with_retries(self, member_id, barrier, outcomes):
        """One member signing up in their own transaction, retried on a serialization failure
        as Odoo retries a request; any other database error is recorded."""
        for _attempt in range(10):
            with self.registry.cursor() as member_cr:
                # The registry is given, not looked up: the main thread may hold its lock.
                member_cr.transaction = Transaction(self.registry)
                env = api.Environment(member_cr, SUPERUSER_ID, {})
                # Take the snapshot first, as a request does before it writes.
                env["coop.shift"].browse(self.shift_id).seats_free  # noqa: B018
                if barrier:
                    barrier.wait(timeout=30)
                    barrier = None
                try:
                    self.register(env, member_id)
                    member_cr.commit()
                    outcomes[member_id] = "registered"
                    return
                except psycopg2.errors.SerializationFailure:
                    member_cr.rollback()
                    outcomes.setdefault("retries", []).append(member_id)
                except ValidationError:
                    member_cr.rollback()
                    outcomes[member_id] = "full"
                    return
                except psycopg2.Error as error:
                    member_cr.rollback()
                    outcomes[member_id] = type(error).__name__
                    return
        outcomes[member_id] = "gave up"

    @mute_logger("odoo.sql_db")
    def test_five_members_signing_up_at_once_for_two_seats(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["coop.shift"].browse(self.shift_id).seats = 2
        barrier = threading.Barrier(len(self.member_ids))
        outcomes = {}
        threads = [
            threading.Thread(target=self.sign_up_with_retries, args=(member_id, barrier, outcomes))
            for member_id in self.member_ids
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        results = [outcomes.get(member_id) for member_id in self.member_ids]
        # No deadlock (nor any other database error): each member is registered or told
        # that the shift is full.
        self.assertEqual(sorted(results), ["full"] * 3 + ["registered"] * 2, outcomes)
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            shift = env["coop.shift"].browse(self.shift_id)
            self.assertEqual(len(shift.registration_ids), 2)
