"""Members-only events and their organisers, through the ORM as a user of each group: the
rules hold whoever calls (the website's sudo included), the views only mirror them."""

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .event_case import EventCase


@tagged("post_install", "-at_install")
class TestEventRegistrationRules(EventCase):
    def setUp(self):
        super().setUp()
        self.event = self.make_event()

    def register(self, partner, env=None, **values):
        model = (env or self.env)["event.registration"]
        return model.create({"event_id": self.event.id, "partner_id": partner.id, **values})

    def test_a_non_member_is_refused_whatever_the_route(self):
        # The website registers as the superuser: the rule is on the registration itself.
        with self.refused("kept for the coop's members"):
            self.register(self.stranger, self.env(user=self.event_user, su=True))
        with self.refused("kept for the coop's members"):
            self.env["event.registration"].create({"event_id": self.event.id, "name": "Anon"})
        with self.refused("kept for the coop's members"):
            self.register(self.stranger, self.env(user=self.coordinator_user))
        # An event open to all takes anyone.
        self.event.coop_members_only = False
        self.assertTrue(self.register(self.stranger))

    def test_a_member_registers_once_and_again_after_cancelling(self):
        first = self.register(self.member, state="open")
        with self.refused("one seat a member"):
            self.register(self.member)
        with self.refused("one seat a member"):
            self.env["event.registration"].create(
                [{"event_id": self.event.id, "partner_id": self.paula.id}] * 2
            )
        first.action_cancel()
        self.assertTrue(self.register(self.member))
        with self.refused("one seat a member"):
            first.action_confirm()

    def test_an_event_of_a_members_only_type_is_kept_for_members(self):
        workshop = self.env["event.type"].create({"name": "Workshop", "coop_members_only": True})
        # Each option is computed on its own: giving one keeps the type's other.
        event = self.make_event(event_type_id=workshop.id, coop_counts_as_work=True)
        self.assertTrue(event.coop_members_only)
        event = self.make_event(members_only=True)
        self.assertTrue(event.coop_counts_as_work)

    def test_an_event_is_kept_for_members_once_its_seats_are(self):
        event = self.make_event(members_only=False)
        stranger = self.env["event.registration"].create(
            {"event_id": event.id, "partner_id": self.stranger.id}
        )
        with self.refused("kept for the coop's members"):
            event.with_user(self.event_user).coop_members_only = True
        workshop = self.env["event.type"].create({"name": "Workshop", "coop_members_only": True})
        with self.refused("kept for the coop's members"):
            event.event_type_id = workshop
        stranger.action_cancel()
        event.coop_members_only = True
        self.assertTrue(event.coop_members_only)

    def test_a_registration_moved_to_a_non_member_is_refused(self):
        registration = self.register(self.member)
        with self.refused("kept for the coop's members"):
            registration.with_user(self.coordinator_user).partner_id = self.stranger
        other = self.make_event(members_only=False)
        stranger_there = self.env["event.registration"].create(
            {"event_id": other.id, "partner_id": self.stranger.id}
        )
        with self.refused("kept for the coop's members"):
            stranger_there.event_id = self.event

    def test_who_may_create_change_and_delete_registrations(self):
        for user in (self.portal_user, self.internal_user):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.register(self.member, self.env(user=user))
        # Shop staff are Odoo's sales users, whom event_sale makes its registration desk.
        for user in (
            self.staff_user,
            self.officer_user,
            self.coordinator_user,
            self.event_user,
            self.manager_user,
        ):
            with self.subTest(user=user.login):
                registration = self.register(self.member, self.env(user=user))
                registration.action_confirm()
                self.assertEqual(registration.state, "open")
                # Deleting is Odoo's event managers' (not a coop group): cancelling is the way.
                with self.assertRaises(AccessError):
                    registration.unlink()
                registration.action_cancel()


@tagged("post_install", "-at_install")
class TestEventHelperRules(EventCase):
    def setUp(self):
        super().setUp()
        self.event = self.make_event()

    def test_who_may_add_change_and_remove_organisers(self):
        for user in (self.portal_user, self.internal_user):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.helper(self.event, self.member).with_user(user).read(["hours"])
        for user in (self.staff_user, self.officer_user):
            helper = self.helper(self.make_event(), self.member)
            with self.subTest(user=user.login):
                self.assertEqual(helper.with_user(user).hours, 2.0)
                with self.assertRaises(AccessError):
                    helper.with_user(user).hours = 3
                with self.assertRaises(AccessError):
                    helper.with_user(user).unlink()
                with self.assertRaises(AccessError):
                    self.env["coop.event.helper"].with_user(user).create(
                        {"event_id": self.event.id, "partner_id": self.paula.id}
                    )
        for user in (self.coordinator_user, self.event_user, self.manager_user):
            with self.subTest(user=user.login):
                helper = (
                    self.env["coop.event.helper"]
                    .with_user(user)
                    .create({"event_id": self.make_event().id, "partner_id": self.member.id})
                )
                helper.hours = 3.5
                helper.unlink()

    def test_hours_stay_within_a_day(self):
        for hours in (0, -1, 24.5, float("nan"), float("inf"), float("-inf")):
            with self.subTest(hours=hours), self.assertRaises(ValidationError):
                self.helper(self.event, self.member, hours=hours)
        helper = self.helper(self.event, self.member, hours=24)
        with self.assertRaises(ValidationError):
            helper.hours = float("nan")

    def test_organisers_are_members_and_listed_once(self):
        with self.refused("not a member of the coop"):
            self.helper(self.event, self.stranger)
        self.helper(self.event, self.member)
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.helper(self.event, self.member, role="host")

    def test_the_ledger_link_is_the_servers(self):
        helper = self.helper(self.event, self.member)
        entry = self.env["coop.work.entry"].create(
            {"partner_id": self.member.id, "hours": 2, "name": "Forged"}
        )
        for user in (self.coordinator_user, self.manager_user, self.event_user):
            with self.subTest(user=user.login), self.assertRaises(ValidationError):
                helper.with_user(user).work_entry_id = entry
        with self.assertRaises(ValidationError):
            self.env["coop.event.helper"].with_user(self.coordinator_user).create(
                {"event_id": self.event.id, "partner_id": self.paula.id, "work_entry_id": entry.id}
            )
