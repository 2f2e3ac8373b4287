"""Dates, times and hours as members read them on /my/shifts and in the e-mails."""

import re
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from babel.dates import format_time

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

STORE_TZ = "Europe/Paris"


def local_clock(start_utc, tz):
    """The English short time ("9:00 AM") of a naive UTC datetime in ``tz``."""
    local = start_utc.replace(tzinfo=ZoneInfo("UTC")).astimezone(ZoneInfo(tz))
    return format_time(time(local.hour, local.minute), "short", locale="en_US")


@tagged("post_install", "-at_install")
class TestPortalDates(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.partner_id.tz = STORE_TZ
        cls.member_user = new_test_user(
            cls.env,
            login="coop_dates_member",
            password="coop_dates_member",
            groups="base.group_portal",
        )
        cls.member = cls.member_user.partner_id
        cls.member.write({"tz": False, "lang": "en_US", "email": "member@example.com"})
        cls.task = cls.env["coop.task.type"].create({"name": "Reception"})

    def make_shift(self, days_ahead=5, utc_hour=8, seats=3):
        day = fields.Date.today() + timedelta(days=days_ahead)
        start = datetime.combine(day, time(utc_hour))
        return self.env["coop.shift"].create(
            {
                "task_type_id": self.task.id,
                "start": start,
                "end": start + timedelta(hours=3),
                "seats": seats,
            }
        )

    def register(self, shift, partner=None):
        return self.env["coop.shift.registration"].create(
            {"shift_id": shift.id, "partner_id": (partner or self.member).id}
        )

    def my_shifts(self):
        self.authenticate("coop_dates_member", "coop_dates_member")
        return self.url_open("/my/shifts").text

    def shift_cells(self, html):
        return re.findall(r'class="o_coop_my_shift_when">([^<]*)<', html)

    def post(self, url):
        page = self.url_open("/my/shifts").text
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        return self.url_open(url, data={"csrf_token": csrf})

    # === Times in the right timezone ===#

    def test_a_member_without_timezone_reads_shift_times_in_the_stores(self):
        shift = self.make_shift()
        self.register(shift)
        cells = self.shift_cells(self.my_shifts())
        self.assertEqual(len(cells), 1)
        self.assertIn(local_clock(shift.start, STORE_TZ), cells[0])
        self.assertIn(local_clock(shift.end, STORE_TZ), cells[0])

    def test_a_utc_default_timezone_reads_like_no_timezone(self):
        """Odoo sets a member's timezone from the browser at the first login: a UTC one is a
        browser's default, not where the member lives."""
        self.member.tz = "UTC"
        shift = self.make_shift()
        self.register(shift)
        cells = self.shift_cells(self.my_shifts())
        self.assertIn(local_clock(shift.start, STORE_TZ), cells[0])

    def test_a_member_in_another_timezone_reads_shift_times_in_theirs(self):
        self.member.tz = "America/Montreal"
        shift = self.make_shift(utc_hour=14)
        self.register(shift)
        cells = self.shift_cells(self.my_shifts())
        self.assertIn(local_clock(shift.start, "America/Montreal"), cells[0])
        self.assertNotIn(local_clock(shift.start, STORE_TZ), cells[0])

    def test_shift_times_show_no_seconds_and_no_numeric_date(self):
        self.register(self.make_shift())
        html = self.my_shifts()
        self.assertNotRegex(html, r"\d{2}:\d{2}:\d{2}")
        self.assertNotRegex(html, r"\d{2}/\d{2}/\d{4}")

    def test_the_open_shifts_read_in_the_stores_timezone_too(self):
        shift = self.make_shift(utc_hour=6)
        html = self.my_shifts()
        self.member.tz = STORE_TZ
        self.assertIn(f">{self.member._coop_when(shift.start, shift.end)}<", html)
        self.assertIn(local_clock(shift.start, STORE_TZ), html)

    # === Order, months, hours, plurals ===#

    def test_upcoming_shifts_come_soonest_first(self):
        later, sooner = self.make_shift(days_ahead=12), self.make_shift(days_ahead=3)
        self.register(later)
        self.register(sooner)
        self.member.tz = "Europe/Paris"
        expected = [self.member._coop_when(s.start, s.end) for s in (sooner, later)]
        self.assertEqual(self.shift_cells(self.my_shifts()), expected)

    def test_months_read_by_name_and_hours_as_hours_and_minutes(self):
        self.env["coop.work.entry"]._credit(self.member, 1.5, "shift", "Reception")
        html = self.my_shifts()
        self.assertNotRegex(html, r">\d{4}-\d{2}<")
        self.assertIn(fields.Date.today().strftime("%B %Y"), html)
        self.assertIn("1 h 30", html)
        self.assertNotIn("1.5", html)

    def test_one_free_seat_is_said_in_the_singular(self):
        shift = self.make_shift(seats=2)
        self.register(shift, self.env["res.partner"].create({"name": "Bea"}))
        html = self.my_shifts()
        self.assertIn("1 seat free", html)
        self.assertNotIn("1 free", html)

    # === Signing up twice ===#

    def test_signing_up_twice_says_so_on_the_shifts_page(self):
        shift = self.make_shift()
        self.authenticate("coop_dates_member", "coop_dates_member")
        self.post(f"/my/shifts/{shift.id}/register")
        response = self.post(f"/my/shifts/{shift.id}/register")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.url.split("?")[0].endswith("/my/shifts"))
        self.assertIn("You are already registered to this shift.", response.text)
        self.assertEqual(len(shift.registration_ids), 1)

    def test_a_member_who_cancelled_can_sign_up_again(self):
        shift = self.make_shift()
        self.register(shift).action_cancel()
        self.authenticate("coop_dates_member", "coop_dates_member")
        response = self.post(f"/my/shifts/{shift.id}/register")
        self.assertIn("o_coop_portal_message", response.text)
        self.assertEqual(shift.registration_ids.state, "registered")

    # === E-mails, French, chatter ===#

    def test_the_shift_reminder_reads_in_the_members_timezone(self):
        self.member.tz = "America/Montreal"
        start = fields.Datetime.now().replace(microsecond=0) + timedelta(hours=20)
        shift = self.env["coop.shift"].create(
            {"task_type_id": self.task.id, "start": start, "end": start + timedelta(hours=3)}
        )
        self.register(shift)
        self.env["coop.shift.registration"]._cron_send_reminders()
        mail = self.env["mail.mail"].search([("recipient_ids", "in", self.member.ids)])
        self.assertEqual(len(mail), 1)
        self.assertIn(local_clock(shift.start, "America/Montreal"), mail.body_html)
        self.assertNotIn(local_clock(shift.start, STORE_TZ), mail.body_html)
        self.assertNotRegex(mail.body_html, r"\d{4}-\d{2}-\d{2}")
        self.assertNotIn("coop.shift.registration,", mail.body_html)

    def test_dates_read_in_french_for_a_french_member(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        start = datetime(2026, 12, 5, 8, 0)
        member = self.member.with_context(lang="fr_FR")
        self.assertEqual(
            member._coop_when(start, start + timedelta(hours=3), tz=STORE_TZ).split(", ", 1)[1],
            "9 h \u2013 12 h",
        )
        self.assertTrue(member._coop_when(start).startswith("samedi 5 décembre"))
        self.assertEqual(member._coop_month(start.date()), "décembre 2026")
        self.assertEqual(member._coop_hours(0.5), "30 min")

    def test_a_new_shift_logs_a_readable_creation_message(self):
        shift = self.make_shift()
        self.assertIn("Volunteer shift created", shift.message_ids.mapped("body")[-1])
