from datetime import timedelta

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestEventHoursTour(HttpCase):
    def test_a_coordinator_credits_the_hours_of_an_ended_event(self):
        coordinator = new_test_user(
            self.env,
            login="coop_tour_event_coordinator",
            password="coop_tour_event_coordinator",
            groups="coop_member_shifts.group_coop_shift_coordinator",
            tz="Europe/Paris",
            email="coordinator.tour@example.com",
        )
        since = fields.Date.today() - timedelta(days=90)
        olga, hugo = self.env["res.partner"].create(
            [
                {"name": "Olga Organiser", "coop_member_since": since},
                {"name": "Hugo Host", "coop_member_since": since},
            ]
        )
        start = fields.Datetime.now().replace(microsecond=0) - timedelta(days=2)
        event = self.env["event.event"].create(
            {
                "name": "Atelier tour",
                "date_begin": start,
                "date_end": start + timedelta(hours=2),
                "stage_id": self.env.ref("event.event_stage_done").id,
                "event_mail_ids": [Command.clear()],
                "coop_helper_ids": [
                    Command.create({"partner_id": olga.id, "role": "organiser", "hours": 3}),
                    Command.create({"partner_id": hugo.id, "role": "host", "hours": 2}),
                ],
            }
        )
        self.assertFalse(event.coop_helper_ids.work_entry_id)
        self.start_tour(
            f"/odoo/action-coop_member_shifts.action_coop_events/{event.id}",
            "coop_event_hours_credited",
            login=coordinator.login,
        )
        entries = event.coop_helper_ids.work_entry_id
        self.assertEqual(len(entries), 2)
        self.assertEqual(set(entries.mapped("state")), {"validated"})
        self.assertEqual(entries.validated_by_id, coordinator)
        self.assertEqual(sorted(entries.mapped("hours")), [2.0, 3.0])
