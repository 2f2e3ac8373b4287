from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from ..tools.suggestion_words import ACCENTED, PLAIN, shared_words, significant_words

STATES = [("posted", "Posted"), ("accepted", "Accepted"), ("declined", "Declined")]
COMMISSION_GROUP = "coop_member_shifts.group_coop_product_commission"
NAME_MAX_LENGTH = 100
PRODUCER_MAX_LENGTH = 100
REASON_MAX_LENGTH = 2000
# What the author writes; the rest is the commission's.
MEMBER_FIELDS = {"name", "producer", "reason", "image_1920", "category_id"}
SIMILAR_LIMIT = 5


class CoopProductSuggestion(models.Model):
    """A product a member would like to find on the shelves, supported by other members.

    Members read the suggestions while they are members, post theirs as themselves and support
    the others' (``coop.product.suggestion.support``: one a member, held by a unique index);
    nobody reads who supported what, only the count. The product commission accepts a
    suggestion (linked to a product, new or existing, then marked "suggested by members") or
    declines it with a reason that only the author reads.
    """

    _name = "coop.product.suggestion"
    _description = "Product Suggestion"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "create_date desc, id desc"

    name = fields.Char(string="Product", required=True, tracking=True)
    producer = fields.Char(string="Producer or Brand")
    reason = fields.Text(string="Why")
    image_1920 = fields.Image(string="Photo", max_width=1024, max_height=1024)
    image_256 = fields.Image(
        string="Small Photo", related="image_1920", max_width=256, max_height=256, store=True
    )
    category_id = fields.Many2one("product.category", index=True)
    author_id = fields.Many2one(
        "res.partner",
        index=True,
        ondelete="set null",
        default=lambda self: self.env.user.partner_id.commercial_partner_id,
        help="Empty once the author's data has been erased: the suggestion stays.",
    )
    state = fields.Selection(
        STATES, string="Status", default="posted", required=True, tracking=True, copy=False
    )
    decline_reason = fields.Text(copy=False, groups=COMMISSION_GROUP, tracking=True)
    coop_decline_reason_for_me = fields.Text(
        string="Why It Was Declined",
        compute="_compute_coop_decline_reason_for_me",
        help="The commission's reason, shown to the author only.",
    )
    product_tmpl_id = fields.Many2one(
        "product.template", string="Product on the Shelves", copy=False, tracking=True
    )
    decision_date = fields.Date(readonly=True, copy=False)
    support_ids = fields.One2many(
        "coop.product.suggestion.support", "suggestion_id", groups="base.group_system"
    )
    support_count = fields.Integer(
        string="Supports", compute="_compute_support_count", help="Members who support it."
    )
    coop_supported_by_me = fields.Boolean(compute="_compute_coop_supported_by_me")
    coop_is_mine = fields.Boolean(compute="_compute_coop_is_mine")
    coop_visible = fields.Boolean(
        string="Shown to Members",
        compute="_compute_coop_visible",
        search="_search_coop_visible",
        help="Every suggestion, for a user who is a member of the coop.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, readonly=True
    )

    # === COMPUTES ===#

    def _compute_support_count(self):
        """One grouped query, as the system: members and the commission read counts only."""
        Support = self.env["coop.product.suggestion.support"].sudo()
        counts = dict(
            Support._read_group([("suggestion_id", "in", self.ids)], ["suggestion_id"], ["__count"])
        )
        for suggestion in self:
            suggestion.support_count = counts.get(suggestion._origin, 0)

    @api.depends_context("uid")
    def _compute_coop_supported_by_me(self):
        me = self.env.user.partner_id.commercial_partner_id
        supports = (
            self.env["coop.product.suggestion.support"]
            .sudo()
            .search([("suggestion_id", "in", self.ids), ("partner_id", "=", me.id)])
        )
        for suggestion in self:
            suggestion.coop_supported_by_me = suggestion in supports.suggestion_id

    @api.depends("author_id")
    @api.depends_context("uid")
    def _compute_coop_is_mine(self):
        me = self.env.user.partner_id.commercial_partner_id
        for suggestion in self:
            suggestion.coop_is_mine = bool(me) and suggestion.author_id == me

    @api.depends_context("uid")
    def _compute_coop_decline_reason_for_me(self):
        for suggestion in self:
            is_mine = suggestion.coop_is_mine and suggestion.state == "declined"
            suggestion.coop_decline_reason_for_me = is_mine and suggestion.sudo().decline_reason

    @api.depends_context("uid")
    def _compute_coop_visible(self):
        """As ``_search_coop_visible`` (Odoo's ``has_access`` reads this value)."""
        is_member = self.env.user.partner_id.commercial_partner_id.sudo()._coop_is_member()
        for suggestion in self:
            suggestion.coop_visible = is_member

    @api.model
    def _search_coop_visible(self, operator, value):
        """Every suggestion for a member, none for anyone else; evaluated at each query (the
        members' record rule), so a member whose membership ends stops reading them at once."""
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Search the suggestions with = True or = False."))
        is_member = self.env.user.partner_id.commercial_partner_id.sudo()._coop_is_member()
        return [(1, "=", 1)] if is_member == ((operator == "=") == value) else [(0, "=", 1)]

    def _order_field_to_sql(self, alias, field_name, direction, nulls, query):
        """The backend list sorts by support count: counted in the query itself."""
        if field_name == "support_count":
            count = SQL(
                "(SELECT COUNT(*) FROM coop_product_suggestion_support s "
                "WHERE s.suggestion_id = %s)",
                SQL.identifier(alias, "id"),
            )
            return SQL("%s %s %s", count, direction, nulls)
        return super()._order_field_to_sql(alias, field_name, direction, nulls, query)

    # === CONSTRAINTS ===#

    @api.constrains("name", "producer", "reason")
    def _check_texts(self):
        limits = {"name": NAME_MAX_LENGTH, "producer": PRODUCER_MAX_LENGTH}
        limits["reason"] = REASON_MAX_LENGTH
        for suggestion in self:
            if not (suggestion.name or "").strip():
                raise ValidationError(self.env._("Name the product you suggest."))
            for name, limit in limits.items():
                text = suggestion[name] or ""
                label = self._fields[name]._description_string(self.env)
                if len(text) > limit or "\x00" in text:
                    raise ValidationError(
                        self.env._(
                            "%(field)s: %(limit)s characters at most.", field=label, limit=limit
                        )
                    )

    @api.constrains("category_id")
    def _check_category(self):
        """A member files a suggestion under a category offered to them (see Settings of
        the product categories); the commission may file it anywhere."""
        if self.env.su or self._coop_is_commission():
            return
        if self.filtered(lambda s: s.category_id and not s.category_id.coop_suggestion_ok):
            raise ValidationError(self.env._("Choose a category of the list."))

    @api.constrains("state", "product_tmpl_id")
    def _check_accepted_product(self):
        if self.filtered(lambda s: s.state == "accepted" and not s.product_tmpl_id):
            raise ValidationError(self.env._("An accepted suggestion is linked to a product."))

    # === CRUD ===#

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and not self._coop_is_commission():
            member = self.env.user.partner_id.commercial_partner_id
            if not member.sudo()._coop_is_member():
                raise AccessError(self.env._("Only the coop's members suggest products."))
            for vals in vals_list:
                if vals.get("author_id", member.id) != member.id:
                    raise AccessError(self.env._("You suggest products as yourself only."))
                unknown = set(vals) - MEMBER_FIELDS - {"author_id"}
                if unknown:
                    raise AccessError(self.env._("Only the product commission decides."))
                vals["author_id"] = member.id
        return super(CoopProductSuggestion, self.with_context(mail_create_nosubscribe=True)).create(
            vals_list
        )

    def write(self, vals):
        if not self.env.su and not self._coop_is_commission():
            raise AccessError(self.env._("Only the product commission changes a suggestion."))
        if "state" in vals and not self.env.context.get("coop_suggestion_decision"):
            raise UserError(self.env._("Accept or decline a suggestion with its buttons."))
        return super().write(vals)

    def _creation_message(self):
        """A whole sentence to translate ("%s created" cannot agree in French)."""
        return self.env._("Product suggestion created")

    # === ACTIONS ===#

    def action_accept(self):
        """Accept: link the chosen product, or make one from the suggestion; mark it."""
        self._coop_check_commission()
        for suggestion in self:
            suggestion._coop_check_posted()
            product = suggestion.product_tmpl_id or suggestion._coop_new_product()
            product.sudo().coop_suggested_by_members = True
            suggestion._coop_decide("accepted", {"product_tmpl_id": product.id})
        return True

    def action_decline(self, reason):
        self._coop_check_commission()
        if not (reason or "").strip():
            raise UserError(self.env._("Write why the suggestion is declined: its author is told."))
        for suggestion in self:
            suggestion._coop_check_posted()
            suggestion._coop_decide("declined", {"decline_reason": reason.strip()})
        return True

    def action_open_decline_wizard(self):
        self._coop_check_commission()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Decline the suggestion"),
            "res_model": "coop.product.suggestion.decline",
            "view_mode": "form",
            "target": "new",
            "context": {"default_suggestion_ids": self.ids},
        }

    # === BUSINESS METHODS ===#

    def _coop_is_commission(self):
        return self.env.user.has_group(COMMISSION_GROUP)

    def _coop_check_commission(self):
        if not self.env.su and not self._coop_is_commission():
            raise AccessError(self.env._("Only the product commission decides on suggestions."))

    def _coop_check_posted(self):
        if self.state != "posted":
            raise UserError(self.env._("%(name)s has been decided on already.", name=self.name))

    def _coop_new_product(self):
        """A sellable product made from the suggestion. Made as the system: the commission
        creates products through its decision only, not in the product list."""
        values = {"name": self.name, "sale_ok": True, "image_1920": self.image_1920}
        if self.category_id:
            values["categ_id"] = self.category_id.id
        return self.env["product.template"].sudo().create(values)

    def _coop_decide(self, state, values):
        self.with_context(coop_suggestion_decision=True).write(
            {**values, "state": state, "decision_date": fields.Date.context_today(self)}
        )
        self._coop_tell_decision()

    def _coop_tell_decision(self):
        """The author and the supporters, each in their own language, one mail each, sent in
        the coop's name."""
        self.ensure_one()
        template = self.env.ref("coop_member_shifts.mail_template_product_suggestion_decision")
        supporters = self.sudo().support_ids.partner_id
        for partner in (self.author_id | supporters).filtered("email"):
            template.with_context(
                coop_recipient_id=partner.id,
                coop_recipient_lang=partner.lang or self.env.lang,
                coop_recipient_is_author=partner == self.author_id,
            )._coop_send_as_coop(
                self.id,
                company=self.company_id,
                email_layout_xmlid="mail.mail_notification_light",
            )

    def _coop_support_url(self):
        return f"/my/suggestions/{self.id}"

    @api.model
    def _coop_similar(self, name):
        """(suggestions, products) whose names share significant words with ``name``: posted
        or accepted suggestions and sellable products, best matches first, a few of each."""
        words = significant_words(name)
        if not words:
            return self.browse(), self.env["product.template"].browse()
        patterns = [f"%{word}%" for word in words]
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "SELECT id FROM coop_product_suggestion WHERE state IN ('posted', 'accepted') "
                "AND company_id = %s AND translate(lower(name), %s, %s) LIKE ANY(%s) "
                "ORDER BY id DESC LIMIT 50",
                self.env.company.id,
                ACCENTED,
                PLAIN,
                patterns,
            )
        )
        suggestions = self.sudo().browse(row[0] for row in self.env.cr.fetchall())
        self.env.cr.execute(
            SQL(
                "SELECT id FROM product_template WHERE active AND sale_ok "
                "AND (company_id IS NULL OR company_id = %s) "
                "AND translate(lower(name::text), %s, %s) LIKE ANY(%s) "
                "ORDER BY id DESC LIMIT 50",
                self.env.company.id,
                ACCENTED,
                PLAIN,
                patterns,
            )
        )
        products = self.env["product.template"].sudo().browse(r[0] for r in self.env.cr.fetchall())

        def best(records):
            ranked = sorted(records, key=lambda r: -shared_words(words, r.name))
            return records.browse([r.id for r in ranked[:SIMILAR_LIMIT]])

        return best(suggestions), best(products)
