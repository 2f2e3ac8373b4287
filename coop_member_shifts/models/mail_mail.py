"""E-mails wait in the queue while the outgoing mail server cannot be reached."""

import logging

from odoo import models

_logger = logging.getLogger(__name__)

# The failure type Odoo gives a batch whose mail server refused the connection (and only it).
CONNECTION_FAILURE = "mail_smtp"


class MailMail(models.Model):
    _inherit = "mail.mail"

    def _postprocess_sent_message(self, success_pids, failure_reason=False, failure_type=None):
        """Keep the mails of a batch whose server could not be reached in the queue.

        Odoo sends many e-mails at once (order confirmations, notifications) and marks them
        failed for good when the mail server refuses the connection; only queued e-mails are
        retried by the mail queue's scheduled job. A refused connection says nothing about the
        e-mail itself, so it goes back to the queue (its notifications stay "ready") and is sent
        once the server answers; failures of the e-mail itself (invalid address) still fail.
        """
        if failure_type != CONNECTION_FAILURE:
            return super()._postprocess_sent_message(
                success_pids, failure_reason=failure_reason, failure_type=failure_type
            )
        _logger.info("Mail server unreachable: %s e-mail(s) wait in the queue.", len(self))
        self.sudo().write({"state": "outgoing"})
        return True
