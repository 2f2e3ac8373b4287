"""Seats of a members-only event, taken by five requests sent at the same moment: Odoo's own
seat limit and the coop's one seat a member hold, the event being locked and touched before
the count (tools/row_locks.lock_rows in event.registration's create and write)."""

from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .concurrency import committed_env, kinds, run_at_once
from .test_limits_concurrency import ConcurrencyCase

SEATS_REFUSED = "not enough seats available"


@tagged("post_install", "-at_install")
class TestEventSeatsAtOnce(ConcurrencyCase):
    def make_event(self, env, name, seats_max=0):
        start = fields.Datetime.now().replace(microsecond=0) + timedelta(days=6)
        event = env["event.event"].create(
            {
                "name": name,
                "date_begin": start,
                "date_end": start + timedelta(hours=2),
                "coop_members_only": True,
                "seats_limited": bool(seats_max),
                "seats_max": seats_max,
                "event_mail_ids": [(5, 0, 0)],
            }
        )
        return self.keep(event)

    def make_members(self, env, prefix, count=5):
        return [self.make_member(env, f"{prefix}_{index}") for index in range(count)]

    def registrations(self, env, event_id):
        registrations = (
            env["event.registration"]
            .with_context(active_test=False)
            .search([("event_id", "=", event_id)])
        )
        self.to_delete.append((registrations._name, registrations.ids))
        return registrations

    def test_five_members_at_once_for_three_seats_three_hold(self):
        with committed_env(self.registry) as env:
            event = self.make_event(env, "Workshop at once", seats_max=4)
            first, *members = self.make_members(env, "coop_limit_event_seat", count=6)
            # One seat taken already: three left for the five members below.
            self.keep(
                env["event.registration"].create(
                    {"event_id": event.id, "partner_id": first.partner_id.id, "state": "open"}
                )
            )
            event_id = event.id
            users = [member.id for member in members]

        def register(env, index):
            # As website_event does for the logged-in member: sudo, the member as partner.
            return (
                env["event.registration"]
                .sudo()
                .create(
                    {"event_id": event_id, "partner_id": env.user.partner_id.id, "state": "open"}
                )
                .id
            )

        with self.assertNoLogs("odoo.sql_db", "ERROR"):
            outcomes = run_at_once(self.registry, register, count=5, uid=users)
        with committed_env(self.registry) as env:
            registrations = self.registrations(env, event_id)
            self.assertEqual(kinds(outcomes), ["ok"] * 3 + ["refused"] * 2, outcomes)
            self.assertEqual(len(registrations.filtered(lambda r: r.state == "open")), 4)
            self.assertEqual(env["event.event"].browse(event_id).seats_available, 0)
            refused = [o.message for o in outcomes if o.kind == "refused"]
            self.assertTrue(all(SEATS_REFUSED in message for message in refused), refused)

    def test_one_member_five_times_at_once_one_seat(self):
        with committed_env(self.registry) as env:
            event = self.make_event(env, "Apero at once")
            member = self.make_member(env, "coop_limit_event_twice")
            event_id, user_id, partner_id = event.id, member.id, member.partner_id.id

        def register(env, index):
            values = {"event_id": event_id, "partner_id": partner_id, "state": "open"}
            return env["event.registration"].sudo().create(values).id

        with self.assertNoLogs("odoo.sql_db", "ERROR"):
            outcomes = run_at_once(self.registry, register, count=5, uid=user_id)
        with committed_env(self.registry) as env:
            registrations = self.registrations(env, event_id)
            self.assertEqual(kinds(outcomes), ["ok"] + ["refused"] * 4, outcomes)
            self.assertEqual(len(registrations), 1)
            refused = [o.message for o in outcomes if o.kind == "refused"]
            self.assertTrue(all("one seat a member" in message for message in refused), refused)

    def test_five_drafts_confirmed_at_once_for_three_seats_three_hold(self):
        with committed_env(self.registry) as env:
            event = self.make_event(env, "Disco soupe at once", seats_max=3)
            members = self.make_members(env, "coop_limit_event_draft")
            drafts = env["event.registration"].create(
                [
                    {"event_id": event.id, "partner_id": member.partner_id.id, "state": "draft"}
                    for member in members
                ]
            )
            self.keep(drafts)
            event_id, draft_ids = event.id, drafts.ids

        def confirm(env, index):
            env["event.registration"].browse(draft_ids[index]).action_confirm()

        with self.assertNoLogs("odoo.sql_db", "ERROR"):
            outcomes = run_at_once(self.registry, confirm, count=5)
        with committed_env(self.registry) as env:
            registrations = self.registrations(env, event_id)
            self.assertEqual(kinds(outcomes), ["ok"] * 3 + ["refused"] * 2, outcomes)
            self.assertEqual(registrations.mapped("state").count("open"), 3)
            self.assertEqual(registrations.mapped("state").count("draft"), 2)
            refused = [o.message for o in outcomes if o.kind == "refused"]
            self.assertTrue(all(SEATS_REFUSED in message for message in refused), refused)
