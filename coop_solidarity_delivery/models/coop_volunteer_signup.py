"""A sign-up from the website's "Become a volunteer" form, waiting for its e-mail to be confirmed.

Nothing usable exists before the confirmation: no contact is created or changed, nobody is
offered a delivery. The link of the confirmation e-mail is the proof that the person owns the
address; only then does the contact with that e-mail (or a new one) get the volunteer profile.
"""

import secrets
from datetime import timedelta

import psycopg2.errors

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL
from odoo.tools.mail import email_normalize, single_email_re

from odoo.addons.coop_member_shifts.tools.display_numbers import format_number
from odoo.addons.coop_member_shifts.tools.quiet_sql import expected_violation

from ..tools.form_texts import check_text_lengths

EXPIRY_HOURS = 72
# A pending sign-up's e-mail is sent at most this many times (the first and one resend).
MAX_MAILS = 2
# Expired sign-ups are kept this long (to answer their link politely), then deleted.
KEEP_EXPIRED_DAYS = 30
TRANSPORTS = [("foot", "On foot"), ("bike", "Bike"), ("car", "Car")]
# The longest text each field of the form takes.
MAX_LENGTHS = {"name": 128, "email": 254, "phone": 32, "street": 128, "zip": 16, "city": 64}
MAX_WEEKLY = 21
ONE_PENDING_INDEX = "coop_volunteer_signup_one_pending"


class CoopVolunteerSignup(models.Model):
    _name = "coop.volunteer.signup"
    _description = "Volunteer Sign-up"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "consent_date desc, id desc"

    name = fields.Char(required=True, tracking=True)
    email = fields.Char(string="E-mail", required=True)
    email_normalized = fields.Char(
        string="Normalised E-mail",
        compute="_compute_email_normalized",
        store=True,
        precompute=True,
        index=True,
    )
    phone = fields.Char()
    street = fields.Char()
    zip = fields.Char(string="ZIP")
    city = fields.Char()
    lang = fields.Char(string="Language")
    can_prepare = fields.Boolean(string="Prepares Orders")
    can_deliver = fields.Boolean(string="Delivers")
    can_call = fields.Boolean(string="Calls Members")
    transport = fields.Selection(TRANSPORTS, default="foot", required=True)
    radius_km = fields.Float(string="Radius (km)", default=3.0)
    weekday_ids = fields.Many2many(
        "coop.weekday", "coop_volunteer_signup_weekday_rel", string="Available Days"
    )
    weekly_max = fields.Integer(string="Deliveries a Week (max)", default=2)
    contact_consent = fields.Boolean(string="Agrees to Be Contacted")
    address_consent = fields.Boolean(string="Agrees to the Use of the Address")
    consent_text = fields.Text(
        readonly=True, help="The consent as the form showed it, in the visitor's language."
    )
    consent_date = fields.Datetime(readonly=True)
    state = fields.Selection(
        [("to_confirm", "To Confirm"), ("confirmed", "Confirmed"), ("expired", "Expired")],
        default="to_confirm",
        required=True,
        readonly=True,
        tracking=True,
    )
    token = fields.Char(readonly=True, copy=False, index=True, groups="base.group_system")
    expiry = fields.Datetime(string="Link Valid Until", readonly=True, copy=False)
    mail_count = fields.Integer(string="E-mails Sent", readonly=True, copy=False)
    confirmed_date = fields.Datetime(readonly=True, copy=False)
    partner_id = fields.Many2one(
        "res.partner", string="Volunteer", readonly=True, copy=False, index="btree_not_null"
    )

    def init(self):
        # One pending sign-up per e-mail, whatever the path and however many requests arrive
        # at once: the index refuses the second (see _coop_submit). Duplicates made before
        # the index existed keep the newest pending.
        self.env.cr.execute(
            SQL(
                """UPDATE coop_volunteer_signup old SET state = 'expired'
                    WHERE old.state = 'to_confirm' AND EXISTS (
                          SELECT 1 FROM coop_volunteer_signup new
                           WHERE new.state = 'to_confirm' AND new.id > old.id
                             AND new.email_normalized = old.email_normalized)"""
            )
        )
        self.env.cr.execute(
            SQL(
                """CREATE UNIQUE INDEX IF NOT EXISTS %s
                   ON coop_volunteer_signup (email_normalized) WHERE state = 'to_confirm'""",
                SQL.identifier(ONE_PENDING_INDEX),
            )
        )

    @api.depends("email")
    def _compute_email_normalized(self):
        for signup in self:
            signup.email_normalized = email_normalize(signup.email or "") or False

    @api.constrains("email")
    def _check_email(self):
        for signup in self:
            if not _valid_email(signup.email):
                raise ValidationError(self.env._("Enter a valid e-mail address."))

    @api.constrains(*MAX_LENGTHS)
    def _check_text_lengths(self):
        check_text_lengths(self, MAX_LENGTHS)

    @api.constrains("can_prepare", "can_deliver", "can_call")
    def _check_roles(self):
        if any(not (s.can_prepare or s.can_deliver or s.can_call) for s in self):
            raise ValidationError(self.env._("Choose at least one way to help."))

    @api.constrains("radius_km", "can_deliver")
    def _check_radius_km(self):
        largest = self.env["res.partner"]._coop_max_radius_km()
        for signup in self.filtered("can_deliver"):
            if not 0 < signup.radius_km <= largest:
                raise ValidationError(
                    self.env._(
                        "Choose a radius above 0 and up to %s km.",
                        format_number(largest, self.env.lang, 1),
                    )
                )

    @api.constrains("weekly_max")
    def _check_weekly_max(self):
        if any(not 0 <= s.weekly_max <= MAX_WEEKLY for s in self):
            raise ValidationError(
                self.env._("Choose between 0 (no limit) and %s deliveries a week.", MAX_WEEKLY)
            )

    @api.constrains("contact_consent", "address_consent")
    def _check_consents(self):
        if any(not (s.contact_consent and s.address_consent) for s in self):
            raise ValidationError(
                self.env._("Please agree to be contacted and to the use of your address.")
            )

    def _creation_message(self):
        """A whole sentence to translate ("%s created" cannot agree in French)."""
        return self.env._("Volunteer sign-up created")

    # === ACTIONS ===#

    def action_confirm(self):
        """A coordinator confirms by hand (a sign-up given on paper, a lost e-mail)."""
        for signup in self:
            signup._coop_confirm()

    # === BUSINESS METHODS ===#

    @api.model
    def _coop_consent_text(self):
        """The consents as the form shows them (in the current language), stored as shown."""
        return "\n".join(self._coop_consent_texts())

    @api.model
    def _coop_consent_texts(self):
        """(contact consent, address consent), as the form's two boxes show them."""
        return (
            self.env._(
                "I agree that the coop contacts me by e-mail or phone about deliveries, "
                "preparations or calls near me."
            ),
            self.env._(
                "I agree that the coop uses my address to find the deliveries near me; "
                "it is never shown to members."
            ),
        )

    @api.model
    def _coop_submit(self, values):
        """The pending sign-up for the form's ``values`` and its confirmation e-mail: the
        pending one of the same e-mail if any (the e-mail sent again, once at most), else a
        new one.

        Many requests for one e-mail at the same moment make one sign-up and send one e-mail
        (and one re-send): the partial unique index ``coop_volunteer_signup_one_pending``
        refuses a second pending sign-up, and the e-mails are counted by one conditional
        update (``_coop_count_mail``). A request that loses either race sends nothing and
        returns an empty recordset: the visitor sees the same page."""
        email = email_normalize(values.get("email") or "")
        pending = self.search(
            [("email_normalized", "=", email), ("state", "=", "to_confirm")], limit=1
        )
        if pending and not pending._coop_is_live():
            pending._coop_expire_stale()
            pending = self.browse()
        if pending:
            pending._coop_send_confirmation()
            return pending
        try:
            # The loser of a race waits for the winner's commit, then breaks the index: an
            # expected outcome, not a bad query to log.
            with self.env.cr.savepoint(), expected_violation(ONE_PENDING_INDEX):
                signup = self.create(
                    {
                        **values,
                        "consent_text": self._coop_consent_text(),
                        "consent_date": fields.Datetime.now(),
                        "lang": self.env.lang,
                    }
                )
        except psycopg2.errors.UniqueViolation:
            return self.browse()
        signup._coop_send_confirmation()
        return signup

    @api.model_create_multi
    def create(self, vals_list):
        now = fields.Datetime.now()
        for vals in vals_list:
            vals.update(
                token=secrets.token_urlsafe(32),
                expiry=now + timedelta(hours=EXPIRY_HOURS),
                state="to_confirm",
                mail_count=0,
            )
        return super().create(vals_list)

    def write(self, vals):
        # The count of e-mails sent is the server's (the re-send limit), never the client's.
        if "mail_count" in vals and not self.env.su:
            raise AccessError(self.env._("The number of e-mails sent is counted by the server."))
        return super().write(vals)

    def _coop_send_confirmation(self):
        """E-mail the confirmation link, in the coop's name (the visitor who asked for it
        neither wrote nor may read the message), unless the sign-up had its e-mails."""
        template = self.env.ref("coop_solidarity_delivery.mail_template_volunteer_signup")
        for signup in self:
            if signup._coop_count_mail():
                template._coop_send_as_coop(
                    signup.id, email_layout_xmlid="mail.mail_notification_light"
                )

    def _coop_count_mail(self):
        """Count one more e-mail for this sign-up if it may have one (``MAX_MAILS``); atomic.

        The conditional update locks the row: of several requests at once, one counts its
        e-mail, the others wait, fail to serialize and are retried by Odoo with a fresh
        snapshot (which sees the count). The expected failure is not logged as an error.
        """
        self.ensure_one()
        self.flush_recordset(["mail_count"])
        self.env.cr.execute(
            SQL(
                """UPDATE coop_volunteer_signup SET mail_count = mail_count + 1
                    WHERE id = %s AND mail_count < %s RETURNING id""",
                self.id,
                MAX_MAILS,
            ),
            log_exceptions=False,
        )
        counted = bool(self.env.cr.fetchone())
        self.invalidate_recordset(["mail_count"])
        return counted

    def _coop_confirm_url(self):
        self.ensure_one()
        return f"{self.get_base_url()}/volunteer/confirm/{self.sudo().token}"

    def _coop_is_live(self):
        self.ensure_one()
        return self.state == "to_confirm" and self.expiry > fields.Datetime.now()

    def _coop_confirm(self):
        """The volunteer profile on the contact of this e-mail (a new contact if none)."""
        self.ensure_one()
        if self.state == "confirmed":
            return self.partner_id
        if self.state == "expired":
            raise UserError(self.env._("This sign-up has expired."))
        partner = self.env["res.partner"].sudo()._coop_volunteer_from_signup(self)
        self.write(
            {
                "state": "confirmed",
                "confirmed_date": fields.Datetime.now(),
                "partner_id": partner.id,
            }
        )
        return partner

    def _coop_expire(self):
        """An unconfirmed sign-up past its link's validity: never usable."""
        if self.state == "to_confirm" and self.expiry <= fields.Datetime.now():
            self.state = "expired"

    def _coop_expire_stale(self):
        """Expire this sign-up past its link's validity before a new one of its e-mail is made;
        one conditional update, so that requests at once conflict quietly (see
        ``_coop_count_mail``)."""
        self.flush_recordset(["state"])
        self.env.cr.execute(
            SQL(
                """UPDATE coop_volunteer_signup SET state = 'expired'
                    WHERE id IN %s AND state = 'to_confirm' AND expiry <= %s""",
                tuple(self.ids),
                fields.Datetime.now(),
            ),
            log_exceptions=False,
        )
        self.invalidate_recordset(["state"])

    @api.model
    def _cron_expire_signups(self):
        now = fields.Datetime.now()
        Step = self.env["coop.cron.step"]
        responsible = self.env["res.partner"]._coop_welcome_user()
        pending = self.search([("state", "=", "to_confirm"), ("expiry", "<=", now)])
        Step._run_each(
            pending,
            lambda signup: signup._coop_expire(),
            self.env._("Expire volunteer sign-ups"),
            responsible=responsible,
        )
        old = self.search(
            [("state", "=", "expired"), ("expiry", "<", now - timedelta(days=KEEP_EXPIRED_DAYS))]
        )
        Step._run_each(
            old,
            lambda signup: signup.unlink(),
            self.env._("Delete expired volunteer sign-ups"),
            responsible=responsible,
        )


def _valid_email(text):
    """One plain address (``name@domain.tld``), nothing else."""
    email = email_normalize(text or "")
    return bool(email) and len(text) <= MAX_LENGTHS["email"] and bool(single_email_re.match(email))
