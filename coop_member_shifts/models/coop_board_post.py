import re
import uuid
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

KINDS = [("need", "Need"), ("offer", "Offer")]
STATES = [("open", "Open"), ("closed", "Closed"), ("expired", "Expired")]
COORDINATOR_GROUP = "coop_member_shifts.group_coop_shift_coordinator"
TITLE_MAX_LENGTH = 100
DESCRIPTION_MAX_LENGTH = 4000
NEIGHBOURHOOD_MAX_LENGTH = 60
# How far ahead a post may run: a board of stale posts is a board nobody reads.
MAX_DAYS_OPEN = 183
# What members write in may hold any character but markup: they type text, not HTML.
MARKUP = re.compile(r"<\s*[a-zA-Z/!?]")
# What a member writes on their own post; the rest is the coordinators' (moderation).
MEMBER_FIELDS = {
    "name",
    "description",
    "kind",
    "category_id",
    "neighbourhood",
    "date_end",
    "event_id",
}
# What the portal and the chatter write on a post the member may read.
TECHNICAL_FIELDS = {"access_token", "message_main_attachment_id"}
MODERATION_FIELDS = {"hidden", "hidden_reason", "hidden_by_id", "hidden_date", "active"}


class CoopBoardPost(models.Model):
    """A need or an offer on the members' board (a tool to lend, a ride, a skill...).

    Members read the open posts of the other members, post as themselves, and change or close
    their own posts only; others answer on the post, through the coop, and nobody's e-mail is
    shown. Coordinators moderate: they hide a post with a reason, or archive it. Posts past
    their end date close themselves every night.
    """

    _name = "coop.board.post"
    _description = "Board Post"
    _inherit = ["portal.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date_end, id desc"
    _mail_post_access = "read"  # members answer the posts they may read

    name = fields.Char(string="Title", required=True, tracking=True)
    description = fields.Text()
    kind = fields.Selection(KINDS, required=True, default="need", tracking=True)
    category_id = fields.Many2one(
        "coop.board.category", required=True, ondelete="restrict", index=True
    )
    neighbourhood = fields.Char(
        help="Where it is, roughly: a neighbourhood or a village, never an address."
    )
    date_end = fields.Date(
        string="End Date",
        required=True,
        tracking=True,
        default=lambda self: fields.Date.context_today(self) + timedelta(days=30),
        help="The post closes itself after this day.",
    )
    event_id = fields.Many2one(
        "event.event",
        ondelete="set null",
        index="btree_not_null",
        domain=[("website_published", "=", True)],
        help="A workshop or a convivial moment of the coop the post is about (published ones).",
    )
    event_url = fields.Char(compute="_compute_event_link", compute_sudo=True)
    event_name = fields.Char(compute="_compute_event_link", compute_sudo=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Author",
        required=True,
        index=True,
        ondelete="cascade",
        default=lambda self: self.env.user.partner_id.commercial_partner_id,
    )
    author_name = fields.Char(
        related="partner_id.name",
        string="Author's Name",
        help="What members see of the author: the name, never the e-mail or the address.",
    )
    state = fields.Selection(
        STATES,
        string="Status",
        default="open",
        required=True,
        tracking=True,
        copy=False,
    )
    date_closed = fields.Date(string="Closed On", readonly=True, copy=False)
    active = fields.Boolean(default=True, tracking=True)
    hidden = fields.Boolean(
        string="Hidden by a Coordinator", readonly=True, copy=False, tracking=True
    )
    hidden_reason = fields.Text(
        string="Reason for Hiding", copy=False, help="Told to the author on their post."
    )
    hidden_by_id = fields.Many2one("res.users", readonly=True, copy=False, groups=COORDINATOR_GROUP)
    hidden_date = fields.Datetime(string="Hidden On", readonly=True, copy=False)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        readonly=True,
    )
    coop_board_visible = fields.Boolean(
        string="On the Board",
        compute="_compute_coop_board_visible",
        search="_search_coop_board_visible",
        help="Open, not hidden, not archived: what the members see on the board.",
    )

    # === COMPUTES AND CONSTRAINTS ===#

    @api.depends("state", "hidden", "active")
    @api.depends_context("uid")
    def _compute_coop_board_visible(self):
        """As ``_search_coop_board_visible``: the board of the current user, who must be a
        member (Odoo's ``has_access`` reads this value where ``search`` uses the search)."""
        is_member = self.env.user.partner_id.commercial_partner_id.sudo()._coop_is_member()
        for post in self:
            post.coop_board_visible = (
                is_member and post.state == "open" and not post.hidden and post.active
            )

    @api.model
    def _search_coop_board_visible(self, operator, value):
        """The board as the current user sees it: nothing unless they are a member.

        Used by the members' record rule: it is evaluated at each query, so a member whose
        membership ends stops seeing the board at once.
        """
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Search the board with = True or = False."))
        member = self.env.user.partner_id.commercial_partner_id.sudo()
        on_board = [
            ("state", "=", "open"),
            ("hidden", "=", False),
            ("active", "=", True),
        ]
        if not member._coop_is_member():
            on_board = [("id", "=", 0)]
        if (operator == "=") == value:
            return on_board
        return ["!", *on_board] if len(on_board) == 1 else ["!", "&", "&", *on_board]

    @api.depends("event_id.website_published", "event_id.name")
    def _compute_event_link(self):
        """What the board shows of the event: a link while it is published, nothing after."""
        for post in self:
            event = post.event_id if post.event_id.website_published else post.event_id.browse()
            post.event_url = event.website_url or False
            post.event_name = event.name or False

    @api.model
    def _coop_board_events(self):
        """The events a post may point to: the coop's published ones, not over yet."""
        return (
            self.env["event.event"]
            .sudo()
            .search(
                [("website_published", "=", True), ("date_end", ">=", fields.Datetime.now())],
                order="date_begin",
                limit=50,
            )
        )

    def _compute_access_url(self):
        for post in self:
            post.access_url = f"/my/board/{post.id}"

    @api.constrains("name", "description", "neighbourhood")
    def _check_texts(self):
        limits = {
            "name": TITLE_MAX_LENGTH,
            "description": DESCRIPTION_MAX_LENGTH,
            "neighbourhood": NEIGHBOURHOOD_MAX_LENGTH,
        }
        for post in self:
            if not (post.name or "").strip():
                raise ValidationError(self.env._("Give your post a title."))
            for name, limit in limits.items():
                text = post[name] or ""
                label = self._fields[name]._description_string(self.env)
                if len(text) > limit:
                    raise ValidationError(
                        self.env._(
                            "%(field)s: %(limit)s characters at most.",
                            field=label,
                            limit=limit,
                        )
                    )
                if MARKUP.search(text) or "\x00" in text:
                    raise ValidationError(
                        self.env._("%(field)s: write plain text, without HTML.", field=label)
                    )

    @api.constrains("event_id")
    def _check_event_published(self):
        for post in self.sudo().filtered("event_id"):
            if not post.event_id.website_published:
                raise ValidationError(
                    self.env._("A post points to a published event of the coop only.")
                )

    @api.constrains("date_end", "state")
    def _check_date_end(self):
        today = fields.Date.context_today(self)
        latest = today + timedelta(days=MAX_DAYS_OPEN)
        for post in self.filtered(lambda p: p.state == "open"):
            if not today <= post.date_end <= latest:
                raise ValidationError(
                    self.env._(
                        "Choose an end date between today and %(days)s days from now.",
                        days=MAX_DAYS_OPEN,
                    )
                )

    # === CRUD ===#

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and not self._coop_is_coordinator():
            member = self.env.user.partner_id.commercial_partner_id
            if not member.sudo()._coop_is_member():
                raise AccessError(self.env._("Only the coop's members post on the board."))
            for vals in vals_list:
                # A member posts as themselves, an open post, whatever the values sent.
                if vals.get("partner_id", member.id) != member.id:
                    raise AccessError(self.env._("You post on the board as yourself only."))
                for name in MODERATION_FIELDS | {"state", "date_closed", "company_id"}:
                    vals.pop(name, None)
                vals["partner_id"] = member.id
        for vals in vals_list:
            # The portal token is made now: made by the first answer's e-mail, it would be
            # written on the post by every answer sent at that moment (serialization failures).
            vals["access_token"] = str(uuid.uuid4())
        posts = super(CoopBoardPost, self.with_context(mail_create_nosubscribe=True)).create(
            vals_list
        )
        for post in posts.sudo():
            post.message_subscribe(partner_ids=post.partner_id.ids)
        return posts

    def write(self, vals):
        if "state" in vals and not self.env.context.get("coop_board_action"):
            self.check_access("write")  # who may not write at all is told so first
            raise UserError(self.env._("Close a post with its button."))
        if not self.env.su and not self._coop_is_coordinator():
            self._coop_check_member_write(vals)
        return super().write(vals)

    def _coop_check_member_write(self, vals):
        """A member changes the text of their own open posts, and nothing else."""
        self.check_access("write")
        if set(vals) - MEMBER_FIELDS - TECHNICAL_FIELDS - {"state", "date_closed"}:
            raise AccessError(self.env._("Only a coordinator moderates the board."))
        if not set(vals) & MEMBER_FIELDS:
            return
        if any(post.hidden for post in self):
            raise UserError(self.env._("A coordinator hid this post: it cannot be changed."))
        if any(post.state != "open" for post in self):
            raise UserError(self.env._("This post is closed: it cannot be changed."))

    def _creation_message(self):
        """A whole sentence to translate ("%s created" cannot agree in French)."""
        return self.env._("Board post created")

    # === ACTIONS ===#

    def action_close(self):
        """The author (or a coordinator) closes the post: found, given, no longer needed."""
        self.check_access("write")
        if any(post.state != "open" for post in self):
            raise UserError(self.env._("This post is already closed."))
        self._coop_set_state("closed")
        return True

    def action_hide(self):
        self._coop_check_coordinator()
        if any(not (post.hidden_reason or "").strip() for post in self):
            raise UserError(self.env._("Write why the post is hidden: its author is told."))
        self.write(
            {
                "hidden": True,
                "hidden_by_id": self.env.user.id,
                "hidden_date": fields.Datetime.now(),
            }
        )
        for post in self:
            post.message_post(
                body=self.env._("A coordinator hid this post: %s", post.hidden_reason),
                partner_ids=post.partner_id.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        return True

    def action_unhide(self):
        self._coop_check_coordinator()
        self.write({"hidden": False, "hidden_by_id": False, "hidden_date": False})
        return True

    # === BUSINESS METHODS ===#

    def _coop_is_coordinator(self):
        return self.env.user.has_group(COORDINATOR_GROUP)

    def _coop_check_coordinator(self):
        if not self.env.su and not self._coop_is_coordinator():
            raise AccessError(self.env._("Only a coordinator moderates the board."))

    def _coop_set_state(self, state):
        self.with_context(coop_board_action=True).write(
            {"state": state, "date_closed": fields.Date.context_today(self)}
        )

    def _coop_expire(self):
        self.ensure_one()
        self._coop_set_state("expired")

    @api.model
    def _cron_expire_posts(self):
        """Close the open posts past their end date, one by one; returns those that failed."""
        today = fields.Date.context_today(self)
        posts = self.sudo().search([("state", "=", "open"), ("date_end", "<", today)])
        return self.env["coop.cron.step"]._run_each(
            posts,
            lambda post: post._coop_expire(),
            self.env._("Close the expired board posts"),
            responsible=self.env["coop.shift"]._coordinator_user(),
        )
