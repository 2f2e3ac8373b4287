"""The beneficiary follows, changes and cancels their request on the portal; the call centre
does the same for a member who phones."""

from datetime import timedelta

from odoo import fields, http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import GRAND_PLACE, IXELLES, SCHAERBEEK, DeliveryCase
from .test_mail_languages import LanguagesMixin
from .test_solidarity_checkout import SolidarityCommon


class FollowCase(DeliveryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.member_user = cls.make_portal_beneficiary(
            "coop_follow_member", GRAND_PLACE, street="Rue du Midi 1", zip="1000", city="Bruxelles"
        )
        cls.member = cls.member_user.partner_id
        cls.other_user = cls.make_portal_beneficiary("coop_follow_other", GRAND_PLACE)
        cls.volunteer = cls.make_volunteer("Marc Lefebvre-Dupont", IXELLES)
        cls.second = cls.make_volunteer("Sofie Peeters", SCHAERBEEK)
        cls.call_centre_user = new_test_user(
            cls.env,
            login="coop_follow_call",
            groups="coop_solidarity_delivery.group_coop_call_centre",
        )
        cls.shop_staff_user = new_test_user(
            cls.env, login="coop_follow_staff", groups="coop_member_shifts.group_coop_shop_staff"
        )

    def assigned_request(self, **values):
        request = self.make_request(self.member, **values)
        request.action_search_volunteers()
        offer = request.offer_ids.filtered(lambda o: o.volunteer_id == self.volunteer)
        self.assertEqual(offer._accept(), "accepted")
        return request

    def cancel_mails(self, volunteer):
        return self.env["mail.mail"].search(
            [("recipient_ids", "in", volunteer.ids), ("subject", "ilike", "cancel")]
        )


@tagged("post_install", "-at_install")
class TestFollowThroughTheOrm(FollowCase):
    def test_the_member_changes_the_list_and_the_day_until_a_volunteer_has_it(self):
        request = self.make_request(self.member)
        day = fields.Date.today() + timedelta(days=4)
        request._coop_member_change({"shopping_list": "Rice", "delivery_date": day})
        self.assertEqual((request.shopping_list, request.delivery_date), ("Rice", day))
        request.action_search_volunteers()
        request.offer_ids[:1]._accept()
        with self.assertRaises(UserError):
            request._coop_member_change({"shopping_list": "Pasta"})
        self.assertEqual(request.shopping_list, "Rice")

    def test_a_new_day_while_searching_starts_a_new_round_and_kills_the_old_links(self):
        request = self.make_request(self.member)
        request.action_search_volunteers()
        old_offers = request.offer_ids
        request._coop_member_change({"delivery_date": request.delivery_date + timedelta(days=1)})
        self.assertEqual(request.state, "searching")
        self.assertTrue(all(o._page_status() == "closed" for o in old_offers))
        new_offers = request.offer_ids - old_offers
        self.assertTrue(new_offers)
        self.assertEqual(set(new_offers.mapped("search_round")), {request.search_round})

    def test_cancelling_tells_the_volunteer_and_ends_the_search(self):
        request = self.assigned_request()
        request._coop_cancel(by_member=True)
        self.assertEqual(request.state, "cancelled")
        self.assertEqual(len(self.cancel_mails(self.volunteer)), 1)
        mail = self.cancel_mails(self.volunteer)
        self.assertEqual(mail.author_id, request.company_id.partner_id)
        self.assertNotIn("Rue du Midi", mail.body_html)
        offer = request.offer_ids.filtered(lambda o: o.volunteer_id == self.volunteer)
        self.assertFalse(offer._may_see_address())
        notes = request.message_ids.filtered(lambda m: m.message_type == "comment")
        self.assertIn("cancelled the request", notes[0].body)

    def test_a_request_not_yet_taken_is_cancelled_without_any_mail(self):
        request = self.make_request(self.member)
        request._coop_cancel(by_member=True)
        self.assertEqual(request.state, "cancelled")
        self.assertFalse(self.cancel_mails(self.volunteer))

    def test_nobody_cancels_a_delivery_on_its_way_but_a_coordinator(self):
        request = self.assigned_request()
        request.action_out_for_delivery()
        with self.assertRaises(UserError):
            request._coop_cancel(by_member=True)
        with self.assertRaises(UserError):
            request.with_user(self.call_centre_user).action_open_cancel_wizard()
        request.with_user(self.coordinator_user).action_cancel()
        self.assertEqual(request.state, "cancelled")

    def test_the_call_centre_cancels_for_a_member_who_phones(self):
        request = self.assigned_request()
        as_call = request.with_user(self.call_centre_user)
        action = as_call.action_open_cancel_wizard()
        wizard = (
            self.env["coop.delivery.cancel"]
            .with_user(self.call_centre_user)
            .with_context(**action["context"])
            .create({"note": "In hospital until Friday"})
        )
        wizard.action_confirm()
        self.assertEqual(request.state, "cancelled")
        self.assertEqual(request.cancel_note, "In hospital until Friday")
        mail = self.cancel_mails(self.volunteer)
        self.assertEqual(len(mail), 1)
        self.assertNotIn("hospital", mail.body_html)

    def test_shop_staff_and_portal_users_cannot_cancel(self):
        request = self.make_request(self.member)
        for user in (self.shop_staff_user, self.member_user):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                request.with_user(user).action_cancel()
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                request.with_user(user).write({"shopping_list": "Caviar"})
        self.assertEqual(request.state, "new")

    def test_the_call_centre_changes_the_day_only_until_a_volunteer_has_it(self):
        request = self.make_request(self.member)
        as_call = request.with_user(self.call_centre_user)
        as_call.shopping_list = "Rice"
        request.action_search_volunteers()
        request.offer_ids[:1]._accept()
        with self.assertRaises(AccessError):
            as_call.delivery_date = request.delivery_date + timedelta(days=1)
        with self.assertRaises(AccessError):
            as_call.shopping_list = "Pasta"
        request.with_user(self.coordinator_user).shopping_list = "Pasta"
        self.assertEqual(request.shopping_list, "Pasta")

    def test_the_state_still_moves_only_through_the_actions(self):
        request = self.make_request(self.member)
        with self.assertRaises(AccessError):
            request.with_user(self.call_centre_user).state = "cancelled"


@tagged("post_install", "-at_install")
class TestFollowSeats(SolidarityCommon, FollowCase):
    def test_cancelling_frees_the_slot_s_seat(self):
        slot = self._create_delivery_slot(hours_ahead=50, capacity=1)
        request = self.make_request(self.member, slot_id=slot.id)
        with self.assertRaises(ValidationError):
            self.make_request(self.other_user.partner_id, slot_id=slot.id)
        request._coop_cancel(by_member=True)
        self.make_request(self.other_user.partner_id, slot_id=slot.id)

    def test_cancelling_a_web_shop_request_cancels_its_unpaid_order(self):
        slot = self._create_delivery_slot(hours_ahead=50, capacity=1)
        order = self._create_solidarity_order(slot)
        order.action_confirm()
        request = order.coop_delivery_request_ids
        self.assertEqual(slot.booked_count, 1)
        request.with_user(self.call_centre_user)._coop_cancel(note="Moves to her daughter's")
        self.assertEqual(order.state, "cancel")
        self.assertEqual(slot.booked_count, 0, "the order's seat is free again")
        self.assertTrue(self.make_request(self.other_user.partner_id, slot_id=slot.id))

    def test_a_paid_web_shop_order_is_left_to_the_coordinator(self):
        slot = self._create_delivery_slot(hours_ahead=50, capacity=1)
        order = self._create_solidarity_order(slot)
        order.action_confirm()
        invoice = order._create_invoices()
        invoice.action_post()
        order.coop_delivery_request_ids._coop_cancel(by_member=True)
        self.assertEqual(order.state, "sale", "a paid order is not cancelled by the code")
        todo = order.activity_ids.filtered(lambda a: order.name in (a.note or ""))
        self.assertEqual(len(todo), 1)
        self.assertEqual(todo.user_id, self.env["res.partner"]._coop_delivery_coordinator_user())

    def test_a_new_slot_is_checked_like_a_new_request(self):
        full = self._create_delivery_slot(hours_ahead=60, capacity=1)
        self.make_request(self.other_user.partner_id, slot_id=full.id)
        request = self.make_request(self.member)
        with self.assertRaises(ValidationError):
            request._coop_member_change({"slot_id": full.id})
        free = self._create_delivery_slot(hours_ahead=70, capacity=1)
        request._coop_member_change({"slot_id": free.id})
        self.assertEqual(request.slot_id, free)


@tagged("post_install", "-at_install")
class TestFollowPortal(HttpCase, FollowCase):
    def csrf(self, url):
        return http.Request.csrf_token(self)

    def test_the_list_links_each_request_to_its_page(self):
        request = self.make_request(self.member)
        self.authenticate("coop_follow_member", "coop_follow_member")
        self.assertIn(f'href="/my/deliveries/{request.id}"', self.url_open("/my/deliveries").text)

    def test_the_page_shows_day_list_state_and_the_volunteer_s_first_name_only(self):
        request = self.assigned_request(shopping_list="Soupe, pain")
        self.authenticate("coop_follow_member", "coop_follow_member")
        response = self.url_open(f"/my/deliveries/{request.id}")
        self.assertEqual(response.status_code, 200)
        html = response.text
        self.assertIn("Soupe, pain", html)
        self.assertIn("Marc", html)
        self.assertNotIn("Lefebvre", html)
        self.assertNotIn(self.volunteer.email, html)
        # Assigned: no change form any more, the cancel button still.
        self.assertNotIn("o_coop_delivery_change_form", html)
        self.assertIn("o_coop_cancel_delivery", html)

    def test_someone_else_s_request_is_not_found(self):
        theirs = self.make_request(self.other_user.partner_id, shopping_list="Theirs")
        self.authenticate("coop_follow_member", "coop_follow_member")
        csrf = self.csrf("/my/deliveries")
        for request_id in (theirs.id, 0, 2**31, 10**30):
            with self.subTest(request_id=request_id):
                self.assertEqual(self.url_open(f"/my/deliveries/{request_id}").status_code, 404)
                for action in ("change", "cancel"):
                    response = self.url_open(
                        f"/my/deliveries/{request_id}/{action}",
                        data={"csrf_token": csrf, "shopping_list": "Mine now"},
                    )
                    self.assertEqual(response.status_code, 404)
        self.assertEqual((theirs.state, theirs.shopping_list), ("new", "Theirs"))

    def test_the_member_changes_the_list_on_the_page(self):
        request = self.make_request(self.member)
        self.authenticate("coop_follow_member", "coop_follow_member")
        url = f"/my/deliveries/{request.id}"
        day = str(fields.Date.today() + timedelta(days=3))
        response = self.url_open(
            f"{url}/change",
            data={"csrf_token": self.csrf(url), "shopping_list": "Rice", "delivery_date": day},
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_coop_delivery_message", response.text)
        self.assertEqual((request.shopping_list, str(request.delivery_date)), ("Rice", day))

    def test_a_past_day_is_refused_and_the_form_keeps_what_was_typed(self):
        request = self.make_request(self.member)
        self.authenticate("coop_follow_member", "coop_follow_member")
        url = f"/my/deliveries/{request.id}"
        past = str(fields.Date.today() - timedelta(days=1))
        response = self.url_open(
            f"{url}/change",
            data={"csrf_token": self.csrf(url), "shopping_list": "Typed", "delivery_date": past},
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_coop_delivery_error", response.text)
        self.assertIn("Typed", response.text)
        self.assertEqual(request.shopping_list, "Bread, milk, apples")

    def test_beneficiary_opens_a_request_and_cancels_it(self):
        request = self.assigned_request(shopping_list="Soupe, pain")
        self.start_tour("/my/deliveries", "coop_delivery_follow_cancel", login="coop_follow_member")
        self.assertEqual(request.state, "cancelled")
        self.assertEqual(len(self.cancel_mails(self.volunteer)), 1)


@tagged("post_install", "-at_install")
class TestCancelLanguages(FollowCase, LanguagesMixin):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.load_languages()

    def test_a_dutch_speaking_volunteer_is_told_in_dutch_whoever_cancels(self):
        self.volunteer.lang = "nl_BE"
        request = self.assigned_request()
        request.with_user(self.member_user).with_context(lang="fr_FR").sudo()._coop_cancel(
            by_member=True
        )
        mail = self.cancel_mails(self.volunteer) or self.env["mail.mail"].search(
            [("recipient_ids", "in", self.volunteer.ids), ("subject", "ilike", "geannuleerd")]
        )
        self.assertEqual(len(mail), 1)
        self.assertIn("is geannuleerd", mail.subject)
        self.assertIn("u hoeft niets klaar te maken", mail.body_html)
