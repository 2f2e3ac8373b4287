"""A visitor of the website asks to be called back: a call to make on the call-centre's list.

Nothing is kept about the caller beyond what they typed (name, phone, a good time, what it is
about), the language of the page they used and their consent as the form showed it. Visitors
never read these records: the public form goes through ``_coop_submit`` (as the superuser, for
this model alone).
"""

import psycopg2.errors

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from odoo.addons.coop_member_shifts.tools.daily_rank import take_daily_rank
from odoo.addons.coop_member_shifts.tools.quiet_sql import expected_violation
from odoo.addons.phone_validation.tools.phone_validation import phone_format

from ..tools.form_texts import check_text_lengths
from ..tools.phone_check import plain_phone

CALL_TIMES = [
    ("morning", "Morning"),
    ("afternoon", "Afternoon"),
    ("evening", "Evening"),
    ("any", "Any time"),
]
TOPICS = [
    ("delivery", "A delivery"),
    ("joining", "Joining the coop"),
    ("volunteering", "Volunteering"),
    ("other", "Something else"),
]
MAX_LENGTHS = {"name": 128, "phone": 32}
DAILY_CAP_PARAM = "coop_solidarity_delivery.callback_daily_cap"
DEFAULT_DAILY_CAP = 50
# What the caller agreed to and the server's counting: written by the server alone.
SERVER_FIELDS = ("consent", "consent_text", "request_date", "day_rank", "company_id")
ONE_PENDING_INDEX = "coop_callback_request_one_pending"


class CoopCallbackRequest(models.Model):
    _name = "coop.callback.request"
    _description = "Call-back Request"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "request_date desc, id desc"

    name = fields.Char(string="Caller", required=True)
    phone = fields.Char(required=True, help="As the caller typed it, checked and formatted.")
    call_time = fields.Selection(CALL_TIMES, string="Good Time to Call", required=True)
    topic = fields.Selection(TOPICS, string="About", required=True)
    lang = fields.Selection(
        selection="_lang_selection",
        string="Language",
        help="The language of the page the caller used: call them in it.",
    )
    consent = fields.Boolean(string="Agrees to Be Called", readonly=True)
    consent_text = fields.Text(readonly=True, help="The consent as the form showed it.")
    state = fields.Selection(
        [("to_call", "To Call"), ("called", "Called"), ("unreachable", "Could Not Reach")],
        default="to_call",
        required=True,
        tracking=True,
        group_expand=True,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Caller from the Coop",
        tracking=True,
        index="btree_not_null",
        domain=lambda self: [
            ("groups_id", "in", self.env.ref("coop_solidarity_delivery.group_coop_call_centre").ids)
        ],
        help="The call-centre volunteer who makes the call.",
    )
    request_date = fields.Date(
        string="Asked On", required=True, readonly=True, default=fields.Date.context_today
    )
    day_rank = fields.Integer(
        readonly=True,
        copy=False,
        help="The request's number among the website's requests of the day: a unique index on "
        "(company, day, number) holds the daily cap with requests sent at once.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, default=lambda self: self.env.company
    )

    def init(self):
        # At most one call to make per number, whatever the path and however many requests
        # arrive at once; and the website's daily cap (see ``tools.daily_rank``).
        self.env.cr.execute(
            SQL(
                """CREATE UNIQUE INDEX IF NOT EXISTS %s
                   ON coop_callback_request (company_id, phone) WHERE state = 'to_call'""",
                SQL.identifier(ONE_PENDING_INDEX),
            )
        )
        self.env.cr.execute(
            """CREATE UNIQUE INDEX IF NOT EXISTS coop_callback_request_daily_rank
               ON coop_callback_request (company_id, request_date, day_rank)"""
        )

    @api.model
    def _lang_selection(self):
        return self.env["res.lang"].get_installed()

    # === CONSTRAINTS ===#

    @api.constrains(*MAX_LENGTHS)
    def _check_text_lengths(self):
        check_text_lengths(self, MAX_LENGTHS)

    def _creation_message(self):
        """A whole sentence to translate ("%s created" cannot agree in French)."""
        return self.env._("Call-back request created")

    # === CRUD ===#

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            vals.pop("day_rank", None)  # taken by ``_coop_submit`` only
            if vals.get("phone"):
                vals["phone"] = self._coop_format_phone(vals["phone"])
            if vals.get("state", "to_call") == "to_call":
                company = self.env["res.company"].browse(vals.get("company_id"))
                self._coop_check_one_call(vals.get("phone"), company=company or None)
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and set(vals) & set(SERVER_FIELDS):
            raise AccessError(
                self.env._("The caller's consent and the request's day are kept as they were.")
            )
        if vals.get("phone"):
            vals["phone"] = self._coop_format_phone(vals["phone"])
        if "phone" in vals or vals.get("state") == "to_call":
            for callback in self:
                if vals.get("state", callback.state) == "to_call":
                    self._coop_check_one_call(vals.get("phone", callback.phone), callback)
        return super().write(vals)

    @api.model
    def _coop_check_one_call(self, phone, callback=None, company=None):
        """A clear message before the partial unique index (the last guard, for requests at
        once) refuses a second call to make to one number in a company."""
        company = callback.company_id if callback else company or self.env.company
        domain = [("phone", "=", phone), ("state", "=", "to_call"), ("company_id", "=", company.id)]
        if callback:
            domain.append(("id", "!=", callback.id))
        if phone and self.sudo().search_count(domain, limit=1):
            raise ValidationError(self.env._("A call to %s is already on the list.", phone))

    # === ACTIONS ===#

    def action_called(self):
        self.write({"state": "called"})

    def action_unreachable(self):
        self.write({"state": "unreachable"})

    def action_to_call(self):
        self.write({"state": "to_call"})

    def action_take(self):
        """The call-centre volunteer takes the call on."""
        self.write({"user_id": self.env.user.id})

    # === BUSINESS METHODS ===#

    @api.model
    def _coop_format_phone(self, text):
        """The number in ``text``, in E.164 with the coop's country by default when Odoo's
        ``phone_validation`` can check it; a ValidationError when it cannot be a number."""
        plain = plain_phone(text)
        if not plain:
            raise ValidationError(self._coop_phone_error())
        country = self.env.company.country_id
        try:
            return phone_format(plain, country.code, country.phone_code, force_format="E164")
        except UserError as error:
            raise ValidationError(self._coop_phone_error()) from error

    @api.model
    def _coop_phone_error(self):
        return self.env._(
            "Enter a phone number we can call, such as 0470 12 34 56 or +32 470 12 34 56."
        )

    @api.model
    def _coop_consent_text(self):
        """The consent as the form shows it (in the current language), stored as shown."""
        return self.env._(
            "I agree that the coop calls me back on this number; nothing else is kept about me."
        )

    @api.model
    def _coop_daily_cap(self):
        value = self.env["ir.config_parameter"].sudo().get_param(DAILY_CAP_PARAM)
        try:
            return max(int(value), 0) if value else DEFAULT_DAILY_CAP
        except ValueError:
            return DEFAULT_DAILY_CAP

    @api.model
    def _coop_submit(self, values):
        """The call to make for the website form's ``values``; the one already on the list
        for this number if any (nothing new is made).

        Requests at once for one number make one call: the partial unique index
        ``coop_callback_request_one_pending`` refuses the second (it returns an empty
        recordset; the visitor sees the same thank-you page). At most the daily cap of
        requests a day come from the website: each takes a number of the day under the
        unique index ``coop_callback_request_daily_rank`` (see ``tools.daily_rank``); past the
        cap, a UserError and nothing stored."""
        phone = self._coop_format_phone(values.get("phone"))
        pending = self.search(
            [
                ("phone", "=", phone),
                ("state", "=", "to_call"),
                ("company_id", "=", self.env.company.id),
            ],
            limit=1,
        )
        if pending:
            return pending
        try:
            with self.env.cr.savepoint(), expected_violation(ONE_PENDING_INDEX):
                callback = self.create(
                    {
                        **values,
                        "phone": phone,
                        "consent": True,
                        "consent_text": self._coop_consent_text(),
                        "lang": self.env.lang,
                    }
                )
                cap = self._coop_daily_cap()
                if take_daily_rank(callback, "company_id", cap, "request_date") is None:
                    raise UserError(self._coop_cap_message())
        except psycopg2.errors.UniqueViolation:
            return self.browse()
        return callback

    @api.model
    def _coop_cap_message(self):
        phone = self.env.company.phone
        if phone:
            return self.env._(
                "We have received many call-back requests today: please call us at %s, "
                "or ask again tomorrow.",
                phone,
            )
        return self.env._(
            "We have received many call-back requests today: please ask again tomorrow."
        )
