import re

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from ..tools.form_values import clean_text
from .res_partner_import import MEMBER_STATES

NEIGHBOURHOOD_LIMIT = 64
OFFER_LIMIT = 500
# A tag, a comment or an entity: a profile is plain text, shown to every member.
MARKUP_RE = re.compile(r"<\s*[/!?a-zA-Z]|&[#a-zA-Z0-9]+;")
MODERATION_FIELDS = {"moderated", "moderation_note"}
COORDINATOR_GROUP = "coop_member_shifts.group_coop_shift_coordinator"


class CoopDirectoryProfile(models.Model):
    """What a member shows of themselves in the members' directory: nothing unless ticked.

    Members read and write their own profile only (record rules); the directory shows other
    members' profiles through ``_coop_card``, which reads, as superuser, only the fields their
    owner ticked, and never an address, an e-mail, a phone or an income.
    """

    _name = "coop.directory.profile"
    _description = "Member Directory Profile"
    _inherit = ["mail.thread"]
    _order = "id desc"
    _rec_name = "partner_id"

    partner_id = fields.Many2one(
        "res.partner", string="Member", required=True, ondelete="cascade", index=True
    )
    published = fields.Boolean(
        tracking=True, help="Shown to the other members, with the parts ticked below only."
    )
    show_name = fields.Boolean(string="Show My Name")
    show_photo = fields.Boolean(string="Show My Photo")
    show_neighbourhood = fields.Boolean(string="Show My Neighbourhood")
    neighbourhood = fields.Char(help="A district or a village, never an address.")
    show_skills = fields.Boolean(string="Show My Skills")
    show_offer = fields.Boolean(string="Show What I Can Offer")
    offer = fields.Text(string="What I Can Offer")
    contactable = fields.Boolean(
        string="Contactable Through the Coop",
        help="Other members may write to this member through the coop; neither sees the "
        "other's e-mail address.",
    )
    moderated = fields.Boolean(
        string="Taken Off by a Coordinator",
        readonly=True,
        tracking=True,
        help="A coordinator took this profile off the directory: the member cannot publish "
        "it again until a coordinator allows it.",
    )
    moderation_note = fields.Char(tracking=True)

    _sql_constraints = [
        ("partner_unique", "unique(partner_id)", "This member has a directory profile already."),
    ]

    @api.constrains("neighbourhood", "offer")
    def _check_plain_texts(self):
        for profile in self:
            for text, limit in (
                (profile.neighbourhood, NEIGHBOURHOOD_LIMIT),
                (profile.offer, OFFER_LIMIT),
            ):
                if text and clean_text(text, limit) is None:
                    raise ValidationError(
                        self.env._("Write at most %(limit)s characters.", limit=limit)
                    )
                if text and ("\x00" in text or MARKUP_RE.search(text)):
                    raise ValidationError(
                        self.env._("Write plain text: no HTML, no code, no special characters.")
                    )

    @api.constrains("published", "moderated")
    def _check_published_not_moderated(self):
        if self.filtered(lambda profile: profile.published and profile.moderated):
            raise ValidationError(
                self.env._(
                    "A coordinator took this profile off the directory: it can be published "
                    "again once a coordinator allows it."
                )
            )

    # === CRUD ===#

    def write(self, vals):
        if MODERATION_FIELDS & vals.keys() and not self._coop_may_moderate():
            raise AccessError(self.env._("Only a shift coordinator moderates the directory."))
        if "partner_id" in vals and any(p.partner_id.id != vals["partner_id"] for p in self):
            raise ValidationError(self.env._("A directory profile stays with its member."))
        return super().write(vals)

    def _creation_message(self):
        """A whole sentence to translate ("%s created" cannot agree in French)."""
        return self.env._("Directory profile created")

    # === ACTIONS ===#

    def action_unpublish(self):
        """Moderation: take the profiles off the directory until a coordinator allows them."""
        self._coop_check_moderator()
        self.write({"published": False, "moderated": True})
        return True

    def action_allow(self):
        """Moderation lifted: the member may publish again (nothing is published for them)."""
        self._coop_check_moderator()
        self.write({"moderated": False})
        return True

    # === BUSINESS METHODS ===#

    def _coop_may_moderate(self):
        return self.env.su or self.env.user.has_group(COORDINATOR_GROUP)

    def _coop_check_moderator(self):
        if not self._coop_may_moderate():
            raise AccessError(self.env._("Only a shift coordinator moderates the directory."))

    @api.model
    def _coop_member_domain(self):
        """Profiles shown in the directory: published, not moderated, of a member."""
        return [
            ("published", "=", True),
            ("moderated", "=", False),
            (
                "partner_id",
                "any",
                [
                    "|",
                    ("coop_member_since", "!=", False),
                    ("membership_state", "in", MEMBER_STATES),
                ],
            ),
        ]

    @api.model
    def _coop_viewer(self):
        """The logged-in member; AccessError for anyone who is not a member."""
        partner = self.env.user.partner_id.commercial_partner_id.sudo()
        if self.env.user._is_public() or not partner._coop_is_member():
            raise AccessError(self.env._("The members' directory is for members of the coop."))
        return partner

    @api.model
    def _coop_profile_for(self, partner):
        """The directory profile of ``partner`` (created, empty, the first time)."""
        Profile = self.sudo().with_context(active_test=False)
        profile = Profile.search([("partner_id", "=", partner.id)], limit=1)
        return profile or Profile.create({"partner_id": partner.id})

    @api.model
    def _coop_search_domain(self, text=None, skill=None, neighbourhood=None):
        """What a member may search for: only among the parts that are shown."""
        domain = list(self._coop_member_domain())
        if text:
            domain += [("show_name", "=", True), ("partner_id.name", "ilike", text)]
        if skill:
            domain += [
                ("show_skills", "=", True),
                ("partner_id", "any", [("coop_skill_ids", "in", skill.ids)]),
            ]
        if neighbourhood:
            domain += [("show_neighbourhood", "=", True), ("neighbourhood", "ilike", neighbourhood)]
        return domain

    @api.model
    def _coop_directory(self, offset=0, limit=20, **criteria):
        """(count, cards) of the directory page for the logged-in member."""
        self._coop_viewer()
        domain = self._coop_search_domain(**criteria)
        Profile = self.sudo()
        profiles = Profile.search(domain, offset=offset, limit=limit)
        return Profile.search_count(domain), [profile._coop_card() for profile in profiles]

    @api.model
    def _coop_visible_profile(self, profile_id):
        """The profile ``profile_id`` (as superuser) when the logged-in member may see it."""
        self._coop_viewer()
        domain = [("id", "=", profile_id), *self._coop_member_domain()]
        return self.sudo().search(domain, limit=1)

    def _coop_card(self):
        """The values of this profile that leave the server: the ticked parts only."""
        self.ensure_one()
        profile = self.sudo()
        partner = profile.partner_id
        return {
            "id": profile.id,
            "name": partner.name if profile.show_name else False,
            "photo": bool(profile.show_photo and partner.image_128),
            "neighbourhood": profile.show_neighbourhood and profile.neighbourhood or False,
            "skills": profile.show_skills and partner.coop_skill_ids.mapped("name") or [],
            "offer": profile.show_offer and profile.offer or False,
            "contactable": profile.contactable,
        }
