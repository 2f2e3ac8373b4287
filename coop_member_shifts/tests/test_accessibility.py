from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from .axe_common import AxeMixin
from .event_common import make_event
from .fee_common import FeeCase


@tagged("post_install", "-at_install")
class TestPortalAccessibility(AxeMixin, FeeCase, HttpCase):
    """The members' portal pages pass axe-core (WCAG 2.1 AA): no serious or critical
    violation."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        member = cls.portal_user.partner_id
        task = cls.env["coop.task.type"].create({"name": "Reception"})
        start = fields.Datetime.now().replace(microsecond=0) + timedelta(days=3)
        shifts = cls.env["coop.shift"].create(
            [
                {"task_type_id": task.id, "start": start, "end": start + timedelta(hours=3)},
                {
                    "task_type_id": task.id,
                    "start": start + timedelta(days=1),
                    "end": start + timedelta(days=1, hours=3),
                },
            ]
        )
        cls.env["coop.shift.registration"].create(
            {"shift_id": shifts[0].id, "partner_id": member.id}
        )
        cls.env["coop.work.entry"]._credit(member, 3, "shift", "Reception")
        cls.declare(cls, member, 1234)
        member.coop_member_since = fields.Date.today() - timedelta(days=100)
        kept = {"coop_members_only": True, "seats_limited": True, "seats_max": 12}
        workshop = make_event(cls.env, "Workshop", days=3, **kept)
        make_event(cls.env, "Apero", days=3, **kept)
        cls.env["event.registration"].create({"event_id": workshop.id, "partner_id": member.id})

    def test_my_shifts_page_is_accessible(self):
        self.assertAccessible(
            "/my/shifts", login=self.portal_user.login, expected=".o_coop_my_status"
        )

    def test_my_income_page_is_accessible(self):
        self.assertAccessible("/my/income", login=self.portal_user.login, expected="form")

    def test_my_data_page_is_accessible(self):
        self.assertAccessible("/my/data", login=self.portal_user.login, expected="form")

    def test_my_events_page_is_accessible(self):
        self.assertAccessible(
            "/my/events", login=self.portal_user.login, expected=".o_coop_event_register"
        )

    def test_portal_home_with_the_coop_entries_is_accessible(self):
        self.assertAccessible("/my", login=self.portal_user.login, expected="a[href='/my/shifts']")
