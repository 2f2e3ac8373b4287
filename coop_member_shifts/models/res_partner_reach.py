from odoo import SUPERUSER_ID, models

CALL_ACTIVITY = "mail.mail_activity_data_call"


class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    def _coop_reach(self, record, mail_template, sms_template, company=None, **options):
        """Tell this contact about ``record`` the way they are reached (see
        ``coop_reach_channel``), always in the coop's name and in their language:

        - e-mail: ``mail_template`` through ``_coop_send_as_coop`` (``mail_kwargs``);
        - SMS: ``sms_template`` rendered for ``record`` (see ``_coop_send_sms``);
        - neither: a call to make on the call list (see ``_coop_put_on_call_list``).

        Returns the channel used: 'email', 'sms' or 'call'.
        """
        self.ensure_one()
        company = company or self.env.company
        channel = self.coop_reach_channel
        if channel == "email":
            mail_template._coop_send_as_coop(
                record.id, company=company, **options.get("mail_kwargs", {})
            )
        elif channel == "sms":
            self._coop_send_sms(record, sms_template, company=company)
        else:
            self._coop_put_on_call_list(record, options.get("call_texts"))
        return channel

    def _coop_send_sms(self, record, sms_template, company=None):
        """Queue ``sms_template`` rendered for ``record`` in this contact's language.

        On a record with a chatter the SMS is posted through Odoo's ``_message_sms`` (its
        delivery and failures are shown there, and can be sent again), by the superuser in the
        coop's name; on another record (an offer, whose link is the volunteer's key) the
        ``sms.sms`` alone is queued, readable only by the administrators. Either way it waits
        in Odoo's SMS queue, sent by its cron after this transaction: the record it is about
        exists before, and an SMS the gateway could not take is put back in the queue by the
        hourly job (``sms.sms._cron_coop_requeue_failed``).
        """
        self.ensure_one()
        company = company or self.env.company
        number = self._coop_sms_number()
        lang = self.lang or self.env.lang
        template = sms_template.with_user(SUPERUSER_ID)
        body = template._render_field("body", record.ids, set_lang=lang)[record.id]
        if isinstance(record, self.pool["mail.thread"]):
            record.with_user(SUPERUSER_ID).with_context(lang=lang)._message_sms(
                body,
                partner_ids=self.ids,
                sms_pid_to_number={self.id: number},
                author_id=company.partner_id.id,
                put_in_queue=True,
            )
        else:
            self.env["sms.sms"].sudo().create(
                {"partner_id": self.id, "number": number, "body": body, "state": "outgoing"}
            )
        self.env.ref("sms.ir_cron_sms_scheduler_action").sudo()._trigger()

    def _coop_put_on_call_list(self, record, texts=None):
        """Give the call centre a call to make to this contact about ``record``, in the
        caller's language, once while it is open."""
        self.ensure_one()

        def default_texts(env):
            return (
                env._("Call %s: they are reached by phone only", self.name),
                env._("About: %s", record.with_env(env).sudo().display_name),
            )

        return self.sudo()._coop_schedule_todo(
            self._coop_call_list_user(),
            texts or default_texts,
            once=True,
            activity_type=CALL_ACTIVITY,
        )

    def _coop_call_list_user(self):
        """Who makes the calls of the call list (the delivery addon names its call centre)."""
        return self.env["coop.shift"]._coordinator_user()
