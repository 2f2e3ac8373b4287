"""Shared fixtures of the product suggestions' tests: members, a non-member, the commission."""

import base64
import io

from PIL import Image

from odoo.tests import new_test_user

from .common import CoopCase
from .test_board_common import make_member


def png_bytes(size=(40, 30), color="green"):
    """A small PNG image, as a member's phone would upload it."""
    output = io.BytesIO()
    Image.new("RGB", size, color).save(output, format="PNG")
    return output.getvalue()


class SuggestionCase(CoopCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.paula_user = make_member(cls.env, "coop_sugg_paula", name="Paula Suggest")
        cls.oscar_user = make_member(cls.env, "coop_sugg_oscar", name="Oscar Suggest")
        cls.nina_user = make_member(cls.env, "coop_sugg_nina", name="Nina Suggest")
        cls.stranger_user = new_test_user(
            cls.env, login="coop_sugg_stranger", groups="base.group_portal"
        )
        cls.commission_user = new_test_user(
            cls.env,
            login="coop_sugg_commission",
            groups="coop_member_shifts.group_coop_product_commission",
        )
        cls.paula, cls.oscar = cls.paula_user.partner_id, cls.oscar_user.partner_id
        cls.nina = cls.nina_user.partner_id
        cls.category = cls.env["product.category"].create(
            {"name": "Suggestion test dairy", "coop_suggestion_ok": True}
        )
        cls.Suggestion = cls.env["coop.product.suggestion"]
        cls.Support = cls.env["coop.product.suggestion.support"]
        cls.image = base64.b64encode(png_bytes())

    def suggest(self, user, **vals):
        values = {"name": "Goat cheese from the farm", "category_id": self.category.id, **vals}
        return self.Suggestion.with_user(user).create(values)

    def support(self, user, suggestion):
        return self.Support.with_user(user)._coop_support(suggestion.with_user(user))
