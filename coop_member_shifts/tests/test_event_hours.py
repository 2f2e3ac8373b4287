"""The hours of an event's organisers and hosts: one line to validate each in the ledger when
the event ends (by hand or by Odoo's daily clean-up), validated by a coordinator who is not
the member, and never counted twice."""

from unittest.mock import patch

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from ..models import event_registration
from .event_case import EventCase

CRON_LOGGER = "odoo.addons.coop_member_shifts.models.coop_cron_step"
# A member's registration to a members-only event, caches warm: the lock and the touch of the
# event (2), the registration's insert and Odoo's seat and mail bookkeeping, the coop's checks.
# Measured 12 with the demo's events and mails (the seats of the batch counted once).
REGISTRATION_QUERIES = 12
LOCK_QUERIES = 2


@tagged("post_install", "-at_install")
class TestEventHours(EventCase):
    def setUp(self):
        super().setUp()
        self.done_stage = self.env.ref("event.event_stage_done")
        self.event = self.make_event(days=-2)
        self.organiser = self.helper(self.event, self.coordinator_user.partner_id, hours=3)
        self.host = self.helper(self.event, self.member, hours=2, role="host")

    def lines(self, event):
        return self.env["coop.work.entry"].search(
            [("origin", "in", [f"coop.event.helper,{h.id}" for h in event.coop_helper_ids])]
        )

    def test_an_ended_event_proposes_one_line_a_helper_once(self):
        self.event.with_user(self.coordinator_user).stage_id = self.done_stage
        lines = self.lines(self.event)
        self.assertEqual(len(lines), 2)
        self.assertEqual(set(lines.mapped("state")), {"draft"})
        self.assertEqual(set(lines.mapped("kind")), {"event"})
        self.assertEqual(sorted(lines.mapped("hours")), [2.0, 3.0])
        self.assertEqual(self.organiser.work_entry_id.partner_id, self.coordinator_user.partner_id)
        # Again: by the stage, by the button, by Odoo's clean-up: nothing more.
        self.event.stage_id = self.env.ref("event.event_stage_announced")
        self.event.stage_id = self.done_stage
        self.event.with_user(self.event_user).action_coop_propose_hours()
        self.env["event.event"]._gc_mark_events_done()
        self.env["event.event"]._cron_coop_propose_event_hours()
        self.assertEqual(self.lines(self.event), lines)
        self.assertEqual(self.event.coop_work_entry_count, 2)
        # Behind the lock, the database: one event line an origin.
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            lines[0].copy({"state": "draft"})
            self.env.flush_all()

    def test_a_coordinator_validates_the_others_hours_never_their_own(self):
        self.event.action_coop_propose_hours()
        own, other = self.organiser.work_entry_id, self.host.work_entry_id
        with self.refused("Nobody validates their own work", UserError):
            own.with_user(self.coordinator_user).action_validate()
        for user in (self.event_user, self.staff_user):
            with (
                self.subTest(user=user.login),
                self.refused("Only a shift coordinator", AccessError),
            ):
                other.with_user(user).action_validate()
        with self.refused("validated or refused with its buttons", AccessError):
            own.with_user(self.coordinator_user).write({"state": "validated"})
        other.with_user(self.coordinator_user).action_validate()
        own.with_user(self.other_coordinator).action_validate()
        self.assertEqual(own.validated_by_id, self.other_coordinator)
        self.assertEqual(other.validated_by_id, self.coordinator_user)
        self.assertEqual(self.organiser.work_state, "validated")

    def test_counted_hours_are_changed_in_the_ledger_only(self):
        self.event.action_coop_propose_hours()
        as_coordinator = self.organiser.with_user(self.coordinator_user)
        for values in ({"hours": 5}, {"role": "host"}, {"partner_id": self.paula.id}):
            with self.subTest(values=values), self.refused("in the ledger already"):
                as_coordinator.write(values)
        with self.refused("in the ledger already"):
            as_coordinator.work_entry_id = False
        with self.refused("in the ledger already"):
            as_coordinator.unlink()
        with self.refused("archive the event", UserError):
            self.event.with_user(self.manager_user).sudo().unlink()
        # A helper added later is counted on the next run, alone.
        self.helper(self.event, self.paula, hours=1)
        self.event.action_coop_propose_hours()
        self.assertEqual(len(self.lines(self.event)), 3)

    def test_only_the_event_team_counts_and_once_it_has_begun(self):
        for user in (self.portal_user, self.internal_user, self.staff_user, self.officer_user):
            with self.subTest(user=user.login), self.refused("event team", AccessError):
                self.event.with_user(user).action_coop_propose_hours()
        # Shop staff read the event's lines in the ledger (its stat button), never count them.
        action = self.event.with_user(self.staff_user).action_coop_open_work_entries()
        self.assertEqual(action["res_model"], "coop.work.entry")
        coming = self.make_event(days=3)
        self.helper(coming, self.member)
        with self.refused("once it has taken place", UserError):
            coming.with_user(self.coordinator_user).action_coop_propose_hours()
        # Moved to an ended stage before it took place: nothing is proposed yet.
        coming.stage_id = self.done_stage
        self.assertFalse(coming.coop_helper_ids.work_entry_id)
        not_work = self.make_event(days=-3, coop_counts_as_work=False)
        self.helper(not_work, self.member)
        not_work.stage_id = self.done_stage
        self.assertFalse(not_work.coop_helper_ids.work_entry_id)

    @mute_logger(CRON_LOGGER)
    def test_the_daily_clean_up_counts_each_event_on_its_own(self):
        bad = self.make_event(days=-1, name="Disco soupe")
        gone = self.env["res.partner"].create(
            {"name": "Gina Gone", "coop_member_since": "2025-01-01"}
        )
        self.helper(bad, gone)
        self.helper(bad, self.member)
        gone.coop_member_since = False  # left the coop since
        self.env["event.event"]._gc_mark_events_done()
        self.assertEqual(self.event.stage_id, self.done_stage)
        self.assertEqual(bad.stage_id, self.done_stage)
        self.assertEqual(len(self.lines(self.event)), 2)
        self.assertFalse(self.lines(bad), "half an event counted")
        activity = bad.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertIn("Gina Gone", activity.note)
        self.assertTrue(
            activity.user_id.has_group("coop_member_shifts.group_coop_shift_coordinator")
        )
        # The daily job skips the event while its activity is open: reported once.
        self.env["event.event"]._cron_coop_propose_event_hours()
        self.assertEqual(len(bad.activity_ids), 1)
        # The coordinator takes the helper off; the button counts the member left.
        bad.coop_helper_ids.filtered(lambda h: h.partner_id == gone).unlink()
        bad.with_user(self.coordinator_user).action_coop_propose_hours()
        self.assertEqual(len(self.lines(bad)), 1)
        with self.assertRaisesRegex(ValidationError, "not a member"):
            self.helper(bad, gone)


@tagged("post_install", "-at_install", "is_query_count")
class TestEventRegistrationQueries(EventCase):
    def register(self, event, partner):
        return self.env["event.registration"].create(
            {"event_id": event.id, "partner_id": partner.id, "state": "open"}
        )

    def queries(self, event, partner):
        self.env.invalidate_all()
        self.env.flush_all()
        before = self.cr.sql_log_count
        self.register(event, partner)
        self.env.flush_all()
        return self.cr.sql_log_count - before

    def test_a_registration_costs_its_lock_and_little_more(self):
        event = self.make_event(seats_max=10)
        members = self.env["res.partner"].create(
            [{"name": f"Member {n}", "coop_member_since": "2025-01-01"} for n in range(4)]
        )
        self.register(event, members[0])  # caches warm
        with patch.object(event_registration, "lock_rows", lambda *args: None):
            without_lock = self.queries(event, members[1])
        self.assertEqual(self.queries(event, members[2]) - without_lock, LOCK_QUERIES)
        self.env.invalidate_all()
        with self.assertQueryCount(REGISTRATION_QUERIES):
            self.register(event, members[3])
