from unittest.mock import patch

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import GRAND_PLACE, IXELLES, DeliveryCase
from .geocoder_stub import GeocoderStub

CRON_STEP_LOGGER = "odoo.addons.coop_member_shifts.models.coop_cron_step"


class GeocodingCase(DeliveryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.belgium = cls.env.ref("base.be")
        cls.member = cls.env["res.partner"].create(
            {
                "name": "Odette Girard",
                "street": "Grand-Place 1",
                "zip": "1000",
                "city": "Bruxelles",
                "country_id": cls.belgium.id,
            }
        )

    def use_provider(self, xmlid, url):
        params = self.env["ir.config_parameter"].sudo()
        params.set_param("base_geolocalize.geo_provider", self.env.ref(xmlid).id)
        params.set_param("coop_solidarity_delivery.geocoder_url", url)
        params.set_param("coop_solidarity_delivery.geocoder_timeout", 2)


class TestGeocoding(GeocodingCase):
    """Geocoding through geopy against a stub server on loopback (BAN and Nominatim APIs)."""

    def test_ban_is_the_default_provider(self):
        provider = self.env["base.geocoder"]._get_provider()
        self.assertEqual(provider, self.env.ref("coop_solidarity_delivery.geo_provider_ban"))

    def test_ban_locates_an_address(self):
        with GeocoderStub({"Grand-Place 1": GRAND_PLACE}) as stub:
            self.use_provider("coop_solidarity_delivery.geo_provider_ban", stub.url)
            self.member._coop_geocode()
        self.assertEqual(self.member.coop_geo_state, "done")
        self.assertAlmostEqual(self.member.partner_latitude, GRAND_PLACE[0], places=4)
        self.assertAlmostEqual(self.member.partner_longitude, GRAND_PLACE[1], places=4)
        self.assertTrue(self.member.date_localization)
        self.assertIn("Grand-Place 1", stub.queries[0])

    def test_nominatim_locates_an_address(self):
        with GeocoderStub({"Grand-Place 1": GRAND_PLACE}) as stub:
            self.use_provider("coop_solidarity_delivery.geo_provider_nominatim", stub.url)
            self.member._coop_geocode()
        self.assertEqual(self.member.coop_geo_state, "done")
        self.assertAlmostEqual(self.member.partner_latitude, GRAND_PLACE[0], places=4)

    def test_unknown_address_is_flagged_and_the_coordinator_told(self):
        with GeocoderStub({}) as stub:
            self.use_provider("coop_solidarity_delivery.geo_provider_ban", stub.url)
            self.member._coop_geocode()
        self.assertTrue(self.member.exists(), "a failed geocoding never loses the record")
        self.assertEqual(self.member.coop_geo_state, "failed")
        self.assertTrue(self.member.coop_geo_error)
        activity = self.member.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertIn(
            activity.user_id,
            self.env.ref("coop_solidarity_delivery.group_coop_delivery_coordinator").users,
        )

    @mute_logger("urllib3.connectionpool")  # its retries are logged as warnings
    def test_unreachable_service_is_flagged_with_its_error(self):
        with GeocoderStub({}) as stub:
            url = stub.url
        self.use_provider("coop_solidarity_delivery.geo_provider_ban", url)  # server now closed
        self.member._coop_geocode()
        self.assertEqual(self.member.coop_geo_state, "failed")
        self.assertTrue(self.member.coop_geo_error)
        self.assertFalse(self.member.partner_latitude)

    def test_repeated_failures_open_one_activity(self):
        with GeocoderStub({}) as stub:
            self.use_provider("coop_solidarity_delivery.geo_provider_ban", stub.url)
            self.member._coop_geocode()
            self.member._coop_geocode()
        self.assertEqual(len(self.member.activity_ids), 1)

    def test_located_partners_are_not_geocoded_again(self):
        with GeocoderStub({"Grand-Place 1": GRAND_PLACE}) as stub:
            self.use_provider("coop_solidarity_delivery.geo_provider_ban", stub.url)
            self.member._coop_ensure_located()
            self.member._coop_ensure_located()
        self.assertEqual(len(stub.queries), 1)

    def test_address_change_asks_for_a_new_location(self):
        self.member.write(
            {"partner_latitude": 45.0, "partner_longitude": 4.0, "coop_geo_state": "done"}
        )
        self.member.write({"street": "Rue Neuve 10"})
        self.assertEqual(self.member.coop_geo_state, "todo")
        self.assertFalse(self.member.partner_latitude)


@tagged("post_install", "-at_install")
class TestGeocodingQueue(GeocodingCase):
    """Saving a request or a volunteer queues the geocoding; a failure is kept and told."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cron = cls.env.ref("coop_solidarity_delivery.ir_cron_coop_geocode")
        cls.member.write({"coop_is_beneficiary": True, "coop_data_consent": True})

    def triggers(self):
        return self.env["ir.cron.trigger"].search_count([("cron_id", "=", self.cron.id)])

    def unlocated_beneficiary(self, name, street):
        return self.make_beneficiary(
            name,
            (0.0, 0.0),
            street=street,
            country_id=self.belgium.id,
            coop_geo_state="todo",
        )

    def test_saving_a_request_queues_the_geocoding_of_its_beneficiary(self):
        before = self.triggers()
        self.make_request(self.member)
        self.assertEqual(self.triggers(), before + 1)

    def test_changing_the_beneficiary_of_a_request_queues_its_geocoding(self):
        located = self.make_beneficiary("Located", GRAND_PLACE)
        request = self.make_request(located)
        before = self.triggers()
        request.beneficiary_id = self.member
        self.assertEqual(self.triggers(), before + 1)

    def test_saving_a_volunteer_queues_its_geocoding(self):
        before = self.triggers()
        self.env["res.partner"].create(
            {"name": "New Volunteer", "street": "Rue Neuve 10", "coop_is_volunteer": True}
        )
        self.assertEqual(self.triggers(), before + 1)

    def test_moving_house_queues_the_geocoding_of_a_volunteer(self):
        volunteer = self.make_volunteer("Mover", IXELLES)
        before = self.triggers()
        volunteer.street = "Rue Neuve 10"
        self.assertEqual(self.triggers(), before + 1)

    def test_the_job_locates_the_beneficiary_of_an_open_request(self):
        self.make_request(self.member)
        with GeocoderStub({"Grand-Place 1": GRAND_PLACE}) as stub:
            self.use_provider("coop_solidarity_delivery.geo_provider_ban", stub.url)
            self.env["res.partner"]._cron_coop_geocode()
        self.assertEqual(self.member.coop_geo_state, "done")
        self.assertAlmostEqual(self.member.partner_latitude, GRAND_PLACE[0], places=4)

    def test_the_job_leaves_the_other_contacts_alone(self):
        with GeocoderStub({"Grand-Place 1": GRAND_PLACE}) as stub:
            self.use_provider("coop_solidarity_delivery.geo_provider_ban", stub.url)
            self.env["res.partner"]._cron_coop_geocode()
        self.assertEqual(self.member.coop_geo_state, "todo")
        self.assertNotIn("Grand-Place 1, 1000 Bruxelles, Belgium", stub.queries)

    @mute_logger(CRON_STEP_LOGGER)
    def test_the_job_flags_a_partner_that_breaks_and_locates_the_others(self):
        broken = self.unlocated_beneficiary("Broken Address", "Rue Cassée 13")
        self.make_request(self.member)
        self.make_request(broken)
        geo_localize = type(self.env["res.partner"])._geo_localize

        def geo_localize_or_break(partner, street, *args, **kwargs):
            if street == "Rue Cassée 13":
                raise ValueError("unexpected answer from the geocoding service")
            return geo_localize(partner, street, *args, **kwargs)

        with (
            GeocoderStub({"Grand-Place 1": GRAND_PLACE}) as stub,
            patch.object(type(self.env["res.partner"]), "_geo_localize", geo_localize_or_break),
        ):
            self.use_provider("coop_solidarity_delivery.geo_provider_ban", stub.url)
            self.env["res.partner"]._cron_coop_geocode()
        self.assertEqual(self.member.coop_geo_state, "done")
        self.assertEqual(broken.coop_geo_state, "failed")
        self.assertTrue(broken.coop_geo_error)
        self.assertEqual(len(broken.activity_ids), 1)
        self.assertTrue(
            broken.activity_ids.user_id.has_group(
                "coop_solidarity_delivery.group_coop_delivery_coordinator"
            )
        )

    def test_notify_flags_an_unknown_address_and_warns_instead_of_raising(self):
        lost = self.unlocated_beneficiary("Lost Member", "Nowhere Street 0")
        request = self.make_request(lost)
        with GeocoderStub({}) as stub:
            self.use_provider("coop_solidarity_delivery.geo_provider_ban", stub.url)
            action = request.action_search_volunteers()
        self.assertEqual(action["params"]["type"], "warning")
        self.assertEqual(lost.coop_geo_state, "failed")
        self.assertTrue(lost.coop_geo_error)
        self.assertEqual(len(lost.activity_ids), 1)
        self.assertEqual(request.state, "new")

    def test_a_later_error_in_the_same_action_keeps_the_flag_and_the_activity(self):
        lost = self.unlocated_beneficiary("Lost Member", "Nowhere Street 0")
        unlucky = self.make_request(self.make_beneficiary("Located", GRAND_PLACE))
        requests = self.make_request(lost) | unlucky
        notify = type(requests)._notify_next_wave

        def notify_or_fail(request):
            if request == unlucky:
                raise UserError(self.env._("The mail template is broken."))
            return notify(request)

        with (
            GeocoderStub({}) as stub,
            patch.object(type(requests), "_notify_next_wave", notify_or_fail),
        ):
            self.use_provider("coop_solidarity_delivery.geo_provider_ban", stub.url)
            action = requests.action_search_volunteers()
        self.assertEqual(lost.coop_geo_state, "failed")
        self.assertEqual(len(lost.activity_ids), 1)
        self.assertIn("The mail template is broken.", action["params"]["message"])
        self.assertEqual(unlucky.state, "new", "the failed request is rolled back alone")
