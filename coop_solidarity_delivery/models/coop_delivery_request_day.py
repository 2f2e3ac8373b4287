"""The delivery team's view of the next days: per request, who holds it, who gave it back,
and who could not be reached by any channel (the beneficiary, or the volunteers offered it)."""

from odoo import api, fields, models
from odoo.osv import expression

# Offers whose volunteer was to be reached: not those taken by another or given back.
REACH_OFFER_STATES = ("sent", "expired")


class CoopDeliveryRequest(models.Model):
    _inherit = "coop.delivery.request"  # pylint: disable=consider-merging-classes-inherited

    given_back_by_ids = fields.Many2many(
        "res.partner",
        "coop_delivery_request_given_back_rel",
        "request_id",
        "partner_id",
        compute="_compute_given_back_by_ids",
        store=True,
        compute_sudo=True,
        help="The volunteers who gave this delivery back (the reasons are on the request's "
        "history, for the delivery coordinators).",
    )
    unreachable_ids = fields.Many2many(
        "res.partner",
        string="Not Reachable",
        compute="_compute_unreachable_ids",
        search="_search_unreachable_ids",
        compute_sudo=True,
        help="The beneficiary, or volunteers offered the delivery, whom the coop cannot reach "
        "by any channel (no e-mail, no phone): call or visit them.",
    )
    has_unreachable = fields.Boolean(
        string="Someone Not Reachable",
        compute="_compute_unreachable_ids",
        search="_search_has_unreachable",
        compute_sudo=True,
    )

    @api.depends("give_back_ids.volunteer_id")
    def _compute_given_back_by_ids(self):
        for request in self:
            request.given_back_by_ids = request.give_back_ids.volunteer_id

    @api.depends(
        "beneficiary_id.email",
        "beneficiary_id.phone",
        "beneficiary_id.mobile",
        "offer_ids.state",
        "offer_ids.volunteer_id",
    )
    def _compute_unreachable_ids(self):
        Partner = self.env["res.partner"]
        people = self.beneficiary_id | self.offer_ids.volunteer_id
        unreachable = people.filtered_domain(Partner._coop_unreachable_domain())
        for request in self:
            offers = request.offer_ids.filtered(lambda o: o.state in REACH_OFFER_STATES)
            request.unreachable_ids = (request.beneficiary_id | offers.volunteer_id) & unreachable
            request.has_unreachable = bool(request.unreachable_ids)

    def _search_has_unreachable(self, operator, value):
        if operator not in ("=", "!="):
            return expression.FALSE_DOMAIN
        someone = (operator == "=") == bool(value)
        return self._search_unreachable_ids("!=" if someone else "=", False)

    def _search_unreachable_ids(self, operator, value):
        """Agrees with ``_compute_unreachable_ids``: ``('unreachable_ids', '!=', False)`` gives
        the requests with someone unreachable, ``'='`` those without; ``in``/``=``/``ilike``
        (and their negations) the requests where those contacts are among the unreachable."""
        negative = operator in expression.NEGATIVE_TERM_OPERATORS
        if value is False and operator in ("=", "!="):
            negative, extra = operator == "=", []
        else:
            positive = expression.TERM_OPERATORS_NEGATION[operator] if negative else operator
            field = "name" if positive in ("ilike", "like", "=ilike", "=like") else "id"
            extra = [(field, positive, value)]
        Partner = self.env["res.partner"].sudo().with_context(active_test=False)
        people = Partner._search([*Partner._coop_unreachable_domain(), *extra])
        offers = (
            self.env["coop.delivery.offer"]
            .sudo()
            ._search([("state", "in", REACH_OFFER_STATES), ("volunteer_id", "in", people)])
        )
        domain = [
            "|",
            ("beneficiary_id", "in", people),
            ("id", "in", offers.subselect("request_id")),
        ]
        return ["!", *domain] if negative else domain
