from odoo.tools import mute_logger

from .common import GRAND_PLACE, DeliveryCase
from .geocoder_stub import GeocoderStub


class TestGeocoding(DeliveryCase):
    """Geocoding through geopy against a stub server on loopback (BAN and Nominatim APIs)."""

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
