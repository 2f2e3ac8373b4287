from contextlib import contextmanager
from datetime import timedelta

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import new_test_user

from .fee_common import FeeCase


class EventCase(FeeCase):
    """Members-only events of the coop, a user per group (the event team included)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.internal_user = new_test_user(cls.env, login="coop_event_internal")
        cls.event_user = new_test_user(
            cls.env, login="coop_event_officer", groups="event.group_event_user"
        )
        cls.other_coordinator = new_test_user(
            cls.env,
            login="coop_event_coordinator2",
            groups="coop_member_shifts.group_coop_shift_coordinator",
        )
        since = fields.Date.today() - timedelta(days=60)
        for user in (cls.portal_user, cls.coordinator_user, cls.event_user):
            user.partner_id.write({"coop_member_since": since, "email": f"{user.login}@x.org"})
        cls.other_coordinator.partner_id.email = "coordinator2@x.org"
        cls.member = cls.env["res.partner"].create(
            {"name": "Maria Member", "coop_member_since": since, "email": "maria@x.org"}
        )
        cls.stranger = cls.env["res.partner"].create({"name": "Sam Stranger", "email": "sam@x.org"})

    @classmethod
    def make_event(cls, days=6, members_only=None, seats_max=0, **values):
        start = fields.Datetime.now().replace(microsecond=0) + timedelta(days=days)
        if members_only is not None or "event_type_id" not in values:
            values["coop_members_only"] = True if members_only is None else members_only
        return cls.env["event.event"].create(
            {
                "name": "Atelier pain",
                "date_begin": start,
                "date_end": start + timedelta(hours=2),
                "seats_limited": bool(seats_max),
                "seats_max": seats_max,
                "event_mail_ids": [(5, 0, 0)],
                **values,
            }
        )

    def helper(self, event, partner, hours=2.0, role="organiser"):
        return self.env["coop.event.helper"].create(
            {"event_id": event.id, "partner_id": partner.id, "hours": hours, "role": role}
        )

    @contextmanager
    def refused(self, pattern, exception=ValidationError):
        """The block is refused with a message matching ``pattern``, and rolled back (as the
        request would be: unittest's assertRaisesRegex alone keeps what was written)."""
        with self.assertRaisesRegex(exception, pattern), self.env.cr.savepoint():
            yield
