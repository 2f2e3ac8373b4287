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


@tagged("post_install", "-at_install")
class TestEventHoursAtOnce(ConcurrencyCase):
    """The hours of an ended event counted five times at the same moment (the coordinators'
    button, the stage, the daily job): each helper's line is made once."""

    def test_five_counts_at_once_make_one_line_a_helper(self):
        with committed_env(self.registry) as env:
            members = [self.make_member(env, f"coop_limit_event_helper_{n}") for n in range(2)]
            start = fields.Datetime.now().replace(microsecond=0) - timedelta(days=2)
            event = env["event.event"].create(
                {
                    "name": "Counted at once",
                    "date_begin": start,
                    "date_end": start + timedelta(hours=2),
                    "event_mail_ids": [(5, 0, 0)],
                    # Ended already (a creation counts nothing): the requests below count.
                    "stage_id": env.ref("event.event_stage_done").id,
                    "coop_helper_ids": [
                        (0, 0, {"partner_id": member.partner_id.id, "hours": 2})
                        for member in members
                    ],
                }
            )
            self.keep(event)
            event_id = event.id

        def count(env, index):
            event = env["event.event"].browse(event_id)
            if index == 4:  # moved back and ended again by hand
                event.stage_id = env.ref("event.event_stage_announced")
                event.stage_id = env.ref("event.event_stage_done")
            elif index % 2:
                env["event.event"]._cron_coop_propose_event_hours()
            else:
                event.action_coop_propose_hours()

        def prepare(env, index):
            # Each request read the event and its helpers before the others wrote.
            env["event.event"].browse(event_id).coop_helper_ids.mapped("work_entry_id")

        with self.assertNoLogs("odoo.sql_db", "ERROR"):
            outcomes = run_at_once(self.registry, count, count=5, prepare=prepare)
        with committed_env(self.registry) as env:
            helpers = env["event.event"].browse(event_id).coop_helper_ids
            origins = [f"{helper._name},{helper.id}" for helper in helpers]
            entries = env["coop.work.entry"].search([("origin", "in", origins)])
            self.to_delete.append((entries._name, entries.ids))
            self.assertEqual(kinds(outcomes), ["ok"] * 5, outcomes)
            self.assertEqual(len(entries), 2)
            self.assertEqual(helpers.work_entry_id, entries)
