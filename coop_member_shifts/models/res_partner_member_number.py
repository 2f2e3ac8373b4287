from odoo import api, fields, models


class ResPartner(models.Model):
    """Each member's number ("M0042"): given by the coop's sequence when the contact becomes
    a member (or kept from the coop's spreadsheet), unique in the database (a unique
    constraint, so two members saved at once cannot share one), and what the imports use to
    find a member."""

    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    coop_member_number = fields.Char(
        string="Member Number",
        compute="_compute_coop_member_number",
        store=True,
        readonly=False,
        copy=False,
        index="btree_not_null",
        tracking=True,
        help="Given by the coop when the contact becomes a member; the number of the coop's "
        "spreadsheet when the members are imported.",
    )

    _sql_constraints = [
        (
            "coop_member_number_unique",
            "UNIQUE(coop_member_number)",
            "This member number is already another member's.",
        )
    ]

    @api.depends("membership_state", "coop_member_since")
    def _compute_coop_member_number(self):
        for partner in self:
            if not partner.coop_member_number and partner._coop_is_member():
                partner.coop_member_number = self._coop_next_member_number()

    # === CRUD ===#

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._coop_clean_member_number(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._coop_clean_member_number(vals)
        return super().write(vals)

    @api.model
    def name_search(self, name="", args=None, operator="ilike", limit=100):
        """In the coop's imports, a member column holds member numbers."""
        if self.env.context.get("coop_import") and name and operator == "=":
            partners = self.search_fetch(
                [("coop_member_number", "=", name.strip()), *(args or [])],
                ["display_name"],
                limit=limit,
            )
            if partners:
                return [(partner.id, partner.display_name) for partner in partners]
        return super().name_search(name=name, args=args, operator=operator, limit=limit)

    # === BUSINESS METHODS ===#

    @api.model
    def _coop_clean_member_number(self, vals):
        if "coop_member_number" in vals:
            vals["coop_member_number"] = (vals["coop_member_number"] or "").strip() or False

    @api.model
    def _coop_next_member_number(self):
        """The sequence's next number that no member holds yet (an imported member may hold
        it already)."""
        Sequence = self.env["ir.sequence"].sudo()
        taken = self.with_context(active_test=False).sudo()
        while True:
            number = Sequence.next_by_code("coop.member.number")
            if not number or not taken.search_count([("coop_member_number", "=", number)]):
                return number

    @api.model
    def _coop_assign_member_numbers(self):
        """Number the members who have none, oldest first."""
        partners = self.with_context(active_test=False).search(
            [("coop_member_number", "=", False)], order="id"
        )
        for partner in partners.filtered(lambda p: p._coop_is_member()):
            partner.coop_member_number = self._coop_next_member_number()
