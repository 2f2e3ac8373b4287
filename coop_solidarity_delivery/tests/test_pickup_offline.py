from unittest.mock import patch

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.website.tools import MockRequest

from .common import DriveCommon

GEO_FIND = "odoo.addons.base_geolocalize.models.base_geocoder.GeoCoder.geo_find"


@tagged("post_install", "-at_install")
class TestPickupOffline(DriveCommon):
    """The store picker lists the coop's stores without the internet."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.warehouse.partner_id = cls._located_partner("La Coopérette", 47.9017, 1.9110)
        cls.member = cls.env["res.partner"].create(
            {**cls.dummy_partner_address_values, "name": "Julie Lemaire"}
        )

    @classmethod
    def _located_partner(cls, name, latitude, longitude):
        return cls.env["res.partner"].create(
            {
                **cls.dummy_partner_address_values,
                "name": name,
                "partner_latitude": latitude,
                "partner_longitude": longitude,
            }
        )

    def _close_locations_offline(self):
        """The pickup locations while the geocoding service is unreachable."""
        order = self._create_drive_order()
        offline = UserError("The geocoding service is unreachable.")
        with (
            patch(GEO_FIND, side_effect=offline) as geo_find,
            MockRequest(self.env, website=self.website, sale_order_id=order.id),
        ):
            # force_geo_localize: Odoo skips geocoding in tests otherwise.
            member = self.member.with_context(force_geo_localize=True)
            locations = self.in_store_dm.with_context(
                force_geo_localize=True
            )._in_store_get_close_locations(member)
        return locations, geo_find

    def test_the_located_store_is_listed_with_no_geocoding_call(self):
        locations, geo_find = self._close_locations_offline()
        self.assertEqual([location["id"] for location in locations], self.warehouse.ids)
        geo_find.assert_not_called()

    def test_every_store_is_listed_when_the_geocoding_service_is_down(self):
        second = self.env["stock.warehouse"].create(
            {
                "name": "Coop Saint-Marceau",
                "code": "CSM",
                "partner_id": self._located_partner("Coop Saint-Marceau", 47.8900, 1.9050).id,
            }
        )
        self.in_store_dm.warehouse_ids = [Command.link(second.id)]
        locations, geo_find = self._close_locations_offline()
        self.assertEqual({location["id"] for location in locations}, {self.warehouse.id, second.id})
        geo_find.assert_called()
