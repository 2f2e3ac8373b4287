from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools.daily_rank import take_daily_rank

# As many as a member's directory messages: the board is no channel for mass mailings.
DAILY_LIMIT = 10


class CoopBoardAnswer(models.Model):
    """That a member answered a board post, on a day: the coop delivers the answer to the
    post's author (the text is in the delivered message, see ``action_coop_answer``). Kept for
    the daily limit and for coordinators who handle a complaint; members never read these
    records."""

    _name = "coop.board.answer"
    _description = "Answer to a Board Post"
    _order = "create_date desc, id desc"
    _rec_name = "post_id"

    post_id = fields.Many2one("coop.board.post", required=True, readonly=True, ondelete="cascade")
    sender_id = fields.Many2one(
        "res.partner", string="Answered By", required=True, readonly=True, ondelete="cascade"
    )
    sent_on = fields.Date(
        required=True, readonly=True, default=fields.Date.context_today, help="The sender's day."
    )
    day_rank = fields.Integer(
        readonly=True,
        copy=False,
        help="The answer's number among its sender's answers of the day (1 to 10): a unique "
        "index on (sender, day, number) holds the daily limit with answers sent at once.",
    )
    message_id = fields.Many2one(
        "mail.message", string="Delivered Message", readonly=True, ondelete="set null"
    )

    def init(self):
        self.env.cr.execute(
            """CREATE UNIQUE INDEX IF NOT EXISTS coop_board_answer_daily_rank
               ON coop_board_answer (sender_id, sent_on, day_rank)"""
        )

    @api.model
    def _coop_count_answer(self, post, sender):
        """Count an answer of ``sender`` on ``post`` among their answers of the day, or refuse
        it when they already sent the day's limit (see ``tools.daily_rank``)."""
        answer = self.sudo().create({"post_id": post.id, "sender_id": sender.id})
        if take_daily_rank(answer, "sender_id", DAILY_LIMIT) is None:
            answer.unlink()  # nothing is kept of a refused answer, even by a caller who goes on
            raise UserError(
                self.env._(
                    "You have sent %(limit)s answers on the board today: answer again tomorrow.",
                    limit=DAILY_LIMIT,
                )
            )
        return answer
