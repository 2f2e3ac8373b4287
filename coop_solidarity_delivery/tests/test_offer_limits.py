"""Offers under pressure: of five volunteers accepting one request at the same moment, one
gets it; one volunteer accepting five requests at once gets no more than their weekly maximum;
what the coop writes about an acceptance is the coop's."""

from datetime import date, timedelta

from odoo import SUPERUSER_ID, fields
from odoo.exceptions import AccessError, UserError
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, get_db_name, new_test_user, tagged

from odoo.addons.coop_member_shifts.tests.concurrency import (
    committed_env,
    kinds,
    run_at_once,
)

from .common import GRAND_PLACE, IXELLES, DeliveryCase


def next_wednesday():
    today = date.today()
    return today + timedelta(days=7 - today.weekday() + 2)


@tagged("post_install", "-at_install")
class TestOffersAtOnce(BaseCase):
    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        self.request_ids, self.partner_ids = [], []
        self.addCleanup(self._delete_records)
        with committed_env(self.registry) as env:
            self.public_uid = env.ref("base.public_user").id
            self.days = env["coop.weekday"].search([]).ids
            self.beneficiary = (
                env["res.partner"]
                .create(
                    {
                        "name": "Race beneficiary",
                        "zip": "1000",
                        "partner_latitude": GRAND_PLACE[0],
                        "partner_longitude": GRAND_PLACE[1],
                        "coop_geo_state": "done",
                        "coop_data_consent": True,
                        "coop_is_beneficiary": True,
                    }
                )
                .id
            )
            self.partner_ids.append(self.beneficiary)

    def _delete_records(self):
        with committed_env(self.registry) as env:
            env["coop.delivery.request"].browse(self.request_ids).unlink()
            env["res.partner"].browse(self.partner_ids).unlink()

    def _volunteers(self, env, count, **values):
        volunteers = env["res.partner"].create(
            [
                {
                    "name": f"Race volunteer {index}",
                    "partner_latitude": IXELLES[0],
                    "partner_longitude": IXELLES[1],
                    "coop_is_volunteer": True,
                    "coop_can_deliver": True,
                    "coop_notify_consent": True,
                    "coop_weekday_ids": [(6, 0, self.days)],
                    **values,
                }
                for index in range(count)
            ]
        )
        self.partner_ids += volunteers.ids
        return volunteers

    def _requests(self, env, count):
        requests = env["coop.delivery.request"].create(
            [
                {
                    "beneficiary_id": self.beneficiary,
                    "delivery_date": next_wednesday(),
                    "shopping_list": "Bread",
                    "state": "searching",
                }
                for _index in range(count)
            ]
        )
        self.request_ids += requests.ids
        return requests

    def _offers(self, env, pairs):
        return env["coop.delivery.offer"].create(
            [
                {
                    "request_id": request.id,
                    "volunteer_id": volunteer.id,
                    "date_sent": fields.Datetime.now(),
                }
                for request, volunteer in pairs
            ]
        )

    def _accept_at_once(self, offer_ids):
        def work(env, index):
            return env["coop.delivery.offer"].sudo().browse(offer_ids[index])._accept()

        return run_at_once(self.registry, work, uid=self.public_uid, context={"lang": "en_US"})

    def test_five_volunteers_accepting_one_request_at_once_one_gets_it(self):
        with committed_env(self.registry) as env:
            volunteers = self._volunteers(env, 5)
            request = self._requests(env, 1)
            offer_ids = self._offers(env, [(request, v) for v in volunteers]).ids
        outcomes = self._accept_at_once(offer_ids)
        self.assertEqual(kinds(outcomes), ["ok"] * 5, outcomes)
        self.assertEqual(sorted(outcome.value for outcome in outcomes), ["accepted"] + ["lost"] * 4)
        winner = offer_ids[[outcome.value for outcome in outcomes].index("accepted")]
        with committed_env(self.registry) as env:
            request = env["coop.delivery.request"].browse(self.request_ids)
            offers = env["coop.delivery.offer"].browse(offer_ids)
            self.assertEqual(request.state, "assigned")
            self.assertEqual(
                request.deliverer_id,
                env["coop.delivery.offer"].browse(winner).volunteer_id,
            )
            self.assertEqual(sorted(offers.mapped("state")), ["accepted"] + ["lost"] * 4)

    def test_one_volunteer_accepting_five_requests_at_once_keeps_to_the_weekly_maximum(
        self,
    ):
        with committed_env(self.registry) as env:
            volunteer = self._volunteers(env, 1, coop_weekly_max=2)
            requests = self._requests(env, 5)
            offer_ids = self._offers(env, [(request, volunteer) for request in requests]).ids
        outcomes = self._accept_at_once(offer_ids)
        self.assertEqual(kinds(outcomes), ["ok", "ok", "refused", "refused", "refused"], outcomes)
        self.assertEqual([o.value for o in outcomes if o.kind == "ok"], ["accepted"] * 2)
        for outcome in outcomes:
            if outcome.kind == "refused":
                self.assertIn("weekly maximum", outcome.message)
        with committed_env(self.registry) as env:
            requests = env["coop.delivery.request"].browse(self.request_ids)
            self.assertEqual(sorted(requests.mapped("state")), ["assigned"] * 2 + ["searching"] * 3)
            # The refused offers stay open: raising the maximum lets the volunteer take one.
            offers = env["coop.delivery.offer"].browse(offer_ids)
            self.assertEqual(sorted(offers.mapped("state")), ["accepted"] * 2 + ["sent"] * 3)


@tagged("post_install", "-at_install")
class TestOfferMailsAuthor(DeliveryCase):
    """The offer e-mail and the note of an acceptance are the coop's: neither the volunteer,
    nor the visitor's session that followed the link, finds or reads them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.public_user = cls.env.ref("base.public_user")
        cls.volunteer_user = new_test_user(
            cls.env,
            login="coop_offer_volunteer",
            groups="base.group_portal",
            email="offer.volunteer@example.com",
        )
        cls.volunteer = cls.volunteer_user.partner_id
        cls.volunteer.write(
            {
                "partner_latitude": IXELLES[0],
                "partner_longitude": IXELLES[1],
                "coop_is_volunteer": True,
                "coop_can_deliver": True,
                "coop_notify_consent": True,
                "coop_weekday_ids": [(6, 0, cls.every_day.ids)],
            }
        )
        beneficiary = cls.make_beneficiary("Offer beneficiary", GRAND_PLACE)
        cls.request = cls.make_request(beneficiary, delivery_date=next_wednesday())
        cls.request.action_search_volunteers()
        cls.offer = cls.request.offer_ids.filtered(lambda o: o.volunteer_id == cls.volunteer)

    def assert_unreadable(self, message, user):
        self.assertEqual(message.author_id, self.env.company.partner_id)
        self.assertEqual(message.create_uid.id, SUPERUSER_ID)
        self.assertFalse(self.env["mail.message"].with_user(user).search([("id", "=", message.id)]))
        self.assertFalse(message.with_user(user).has_access("read"))
        with self.assertRaises(AccessError):
            message.with_user(user).read(["body"])

    def test_the_volunteer_cannot_read_the_offer_mail(self):
        self.assertTrue(self.offer)
        mail = self.env["mail.mail"].search(
            [("email_to", "ilike", "offer.volunteer@example.com")]
        ) or self.env["mail.mail"].search([("recipient_ids", "in", self.volunteer.ids)])
        self.assertEqual(len(mail), 1)
        for user in (self.volunteer_user, self.public_user):
            self.assert_unreadable(mail.mail_message_id, user)
            with self.assertRaises(AccessError):
                mail.with_user(user).read(["body_html"])

    def test_the_acceptance_note_is_the_coops(self):
        self.assertEqual(self.offer.with_user(self.public_user).sudo()._accept(), "accepted")
        note = self.request.message_ids.filtered(
            lambda m: "accepted the delivery" in (m.body or "")
        )
        self.assertEqual(len(note), 1)
        for user in (self.volunteer_user, self.public_user):
            self.assert_unreadable(note, user)

    def test_a_full_week_is_refused_with_a_clear_message(self):
        self.volunteer.coop_weekly_max = 1
        other = self.make_request(self.request.beneficiary_id, delivery_date=next_wednesday())
        other.write({"state": "assigned", "deliverer_id": self.volunteer.id})
        with self.assertRaisesRegex(UserError, "weekly maximum"):
            self.offer.with_user(self.public_user).sudo()._accept()
        self.assertEqual(self.request.state, "searching")
        self.assertEqual(self.offer.state, "sent")
