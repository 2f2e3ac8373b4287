import json

from odoo.tests import new_test_user, tagged

from .common import GRAND_PLACE, DeliveryCase


@tagged("post_install", "-at_install")
class TestMemberDataExport(DeliveryCase):
    def test_the_export_holds_the_members_delivery_requests(self):
        user = new_test_user(self.env, login="coop_test_export", groups="base.group_portal")
        member = user.partner_id
        member.write({"coop_is_beneficiary": True, "coop_data_consent": True})
        self.make_request(member, shopping_list="Rice and lentils")
        data = json.loads(member._coop_data_export_json())
        requests = data["delivery_requests"]
        self.assertEqual(len(requests), 1)
        self.assertEqual(requests[0]["shopping_list"], "Rice and lentils")
        self.assertEqual(requests[0]["access_notes"], "Code 1234, 3rd floor")

    def test_the_export_holds_no_one_elses_request(self):
        member = new_test_user(self.env, login="coop_test_export2").partner_id
        self.make_request(self.make_beneficiary("Someone Else", GRAND_PLACE))
        data = json.loads(member._coop_data_export_json())
        self.assertEqual(data["delivery_requests"], [])
