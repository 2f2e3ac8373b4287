from odoo import SUPERUSER_ID, Command, api, fields, models

OFFER_TEMPLATE = "coop_solidarity_delivery.mail_template_delivery_offer"
OFFER_BODY_VIEW = "coop_solidarity_delivery.mail_body_delivery_offer"
# The template's own body: a call of the view (see _mail_bodies).
STOCK_BODY = f'<t t-call="{OFFER_BODY_VIEW}"/>'
# What the template gives each mail besides its body (rendered, or static).
MAIL_FIELDS = (
    "attachment_ids",
    "auto_delete",
    "email_cc",
    "email_from",
    "email_to",
    "mail_server_id",
    "partner_to",
    "reply_to",
    "scheduled_date",
    "subject",
)


class CoopDeliveryOffer(models.Model):
    _inherit = "coop.delivery.offer"

    @api.model
    def mail_allowed_qweb_expressions(self):
        """The offer mail's placeholders that are plain fields: Odoo reads them without
        evaluating Python (three values of each mail of a wave). A template may show them to
        whoever may edit it: the volunteer's address and language, the day."""
        return (
            *super().mail_allowed_qweb_expressions(),
            "object.delivery_day",
            "object.volunteer_id.email_formatted",
            "object.volunteer_id.lang",
        )

    def _send(self):
        """E-mail each volunteer the offer (queued: a mail server down loses nothing).

        The mail is rendered and queued by the superuser, attached to no record and authored
        by the company: Odoo lets whoever reads a message's record, or wrote it, read the
        message, and this one holds the volunteer's key. Only the administrators of the mail
        queue can read it until it is sent (and deleted).

        Offers to a volunteer who withdrew their consent or is on holiday expire unsent.
        The mails of one company's offers in one language are rendered and created in one
        batch. The mail has no layout around it: the body is headed with the offer's name and
        signed with the coop's, and a short body is what a wave must render and store for
        each volunteer.
        """
        reachable = self._drop_unreachable()
        by_email = reachable.filtered(
            lambda offer: offer.volunteer_id.coop_reach_channel == "email"
        )
        (reachable - by_email)._send_by_sms_or_call()
        template = self.env.ref(OFFER_TEMPLATE).with_user(SUPERUSER_ID)
        groups = by_email.grouped(
            lambda offer: (offer.request_id.company_id, offer.volunteer_id.lang or self.env.lang)
        )
        for (company, lang), offers in groups.items():
            # The heading is the offer's name: in the volunteer's language, like the body.
            offers._queue_mails(template.with_context(lang=lang), company)
        reachable.filtered(lambda offer: not offer.date_sent).date_sent = fields.Datetime.now()

    def _queue_mails(self, template, company):
        """Queue the mails of these offers (of one company and one language) from
        ``template``, in one ``create``: what the template's ``send_mail_batch`` does for a
        mail without a layout, without a second copy of the body in the message."""
        values = template._generate_template(self.ids, MAIL_FIELDS)
        bodies = self._mail_bodies(template)
        mails = []
        for offer in self:
            mail = values[offer.id]
            if not mail.get("email_from"):
                mail.pop("email_from", None)
            mail.update(
                body_html=bodies[offer.id],
                author_id=company.partner_id.id,
                model=False,
                res_id=False,
                recipient_ids=[Command.link(pid) for pid in mail.pop("partner_ids", [])],
                attachment_ids=[Command.link(aid) for aid in mail.get("attachment_ids", [])],
            )
            mails.append(mail)
        # Created by the superuser: Odoo lets the creator of a message read it.
        return self.env["mail.mail"].with_user(SUPERUSER_ID).create(mails)

    def _mail_bodies(self, template):
        """``{offer id: body}``. The template's body calls the view ``OFFER_BODY_VIEW``, which
        is rendered as a view (compiled once per worker; a template's own body is compiled
        again for each mail). A coop that wrote its own body in the template gets it."""
        if str(template.body_html or "").strip() == STOCK_BODY:
            return template._render_template(
                OFFER_BODY_VIEW,
                self._name,
                self.ids,
                engine="qweb_view",
                options={"post_process": True},
            )
        return template._render_field("body_html", self.ids)

    def _send_by_sms_or_call(self):
        """Offers to volunteers reached by SMS get a short text with the link (queued; the
        offer exists before it is sent); to those reached by phone only, a call of the call
        centre (see ``res.partner._coop_reach``)."""
        if not self:
            return
        sms_template = self.env.ref("coop_solidarity_delivery.sms_template_delivery_offer")
        for offer in self:
            offer.volunteer_id._coop_reach(
                offer,
                self.env["mail.template"],
                sms_template,
                company=offer.request_id.company_id,
                call_texts=offer._call_texts,
            )

    def _call_texts(self, env):
        """The call to make to a volunteer reached by phone only (no link: a coordinator
        assigns the delivery if they take it)."""
        offer = self.with_env(env).sudo()
        return (
            env._("Call %s: a delivery to offer", offer.volunteer_id.name),
            env._(
                "%(offer)s, %(distance)s from them. If they take it, assign it to them on the "
                "request %(request)s.",
                offer=offer.display_name,
                distance=offer.distance_label,
                request=offer.request_id.display_name,
            ),
        )

    def _drop_unreachable(self):
        """The offers whose volunteer may be written to; the others (consent withdrawn, on
        holiday) expire unsent."""
        unreachable = self.filtered(
            lambda offer: not offer.volunteer_id._coop_volunteer_reachable()
        )
        unreachable.state = "expired"
        return self - unreachable
