from datetime import timedelta
from urllib.parse import urlencode

from odoo import fields, http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

from ..models.coop_board_post import (
    DESCRIPTION_MAX_LENGTH,
    KINDS,
    NEIGHBOURHOOD_MAX_LENGTH,
    TITLE_MAX_LENGTH,
)
from ..tools.form_values import clean_text, parse_id

POSTS_PER_PAGE = 20
SEARCH_MAX_LENGTH = 100


class BoardPortal(CustomerPortal):
    """The members' board of needs and offers, on the portal.

    Members only: a visitor is sent to log in and a user who is not a member gets a polite
    page. Everything is read and written as the logged-in user, so that the record rules and
    the model's checks hold here as through any other path.
    """

    def _coop_board_member(self):
        """The logged-in member, or an empty record when the user is not a member."""
        partner = request.env.user.partner_id.commercial_partner_id
        return partner if partner.sudo()._coop_is_member() else partner.browse()

    def _coop_board_members_only(self):
        values = self._prepare_portal_layout_values()
        values.update(page_name="coop_board")
        return request.render("coop_member_shifts.portal_board_members_only", values, status=403)

    def _coop_board_post(self, post_id):
        """The post ``post_id`` if the user may read it; a 404 otherwise."""
        post = request.env["coop.board.post"]
        if parse_id(post_id):
            post = post.browse(int(post_id)).exists()
        if not post or not post.has_access("read"):
            raise request.not_found()
        return post

    def _coop_board_filters(self, search, kind, category, neighbourhood):
        """The board's filters as typed (cleaned) and as a domain; nonsense is left out."""
        Category = request.env["coop.board.category"]
        filters = {
            "search": clean_text(search, SEARCH_MAX_LENGTH) or "",
            "kind": kind if kind in dict(KINDS) else "",
            "category": Category.browse(parse_id(category) or []).exists(),
            "neighbourhood": clean_text(neighbourhood, NEIGHBOURHOOD_MAX_LENGTH) or "",
        }
        domain = [("coop_board_visible", "=", True)]
        if filters["search"]:
            text = filters["search"]
            domain += ["|", ("name", "ilike", text), ("description", "ilike", text)]
        if filters["kind"]:
            domain.append(("kind", "=", filters["kind"]))
        if filters["category"]:
            domain.append(("category_id", "=", filters["category"].id))
        if filters["neighbourhood"]:
            domain.append(("neighbourhood", "ilike", filters["neighbourhood"]))
        return filters, domain

    @staticmethod
    def _coop_board_kinds():
        """``[(value, label)]`` of a post's kind, labels in the reader's language (``KINDS``
        holds the English sources)."""
        field = request.env["coop.board.post"]._fields["kind"]
        return field._description_selection(request.env)

    @http.route(
        ["/my/board", "/my/board/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        readonly=True,
    )
    def portal_board(
        self,
        page=1,
        search="",
        kind="",
        category="",
        neighbourhood="",
        message=None,
        **kwargs,
    ):
        member = self._coop_board_member()
        if not member:
            return self._coop_board_members_only()
        Post = request.env["coop.board.post"]
        filters, domain = self._coop_board_filters(search, kind, category, neighbourhood)
        url_args = {
            "search": filters["search"],
            "kind": filters["kind"],
            "category": filters["category"].id or "",
            "neighbourhood": filters["neighbourhood"],
        }
        url_args = {key: value for key, value in url_args.items() if value}
        total = Post.search_count(domain)
        pager = portal_pager(
            url="/my/board",
            total=total,
            page=page,
            step=POSTS_PER_PAGE,
            url_args=url_args,
        )
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="coop_board",
            member=member,
            posts=Post.search(domain, limit=POSTS_PER_PAGE, offset=pager["offset"]),
            my_posts=Post.search([("partner_id", "=", member.id)], limit=20),
            categories=request.env["coop.board.category"].search([]),
            kinds=self._coop_board_kinds(),
            filters=filters,
            pager=pager,
            message=message,
        )
        return request.render("coop_member_shifts.portal_board", values)

    # === THE POST FORM ===#

    def _coop_board_form(self, post=None, values=None, error=None):
        post = post or request.env["coop.board.post"]
        page = self._prepare_portal_layout_values()
        page.update(
            page_name="coop_board_post",
            post=post,
            form=values or {},
            categories=request.env["coop.board.category"].search([]),
            events=request.env["coop.board.post"]._coop_board_events(),
            kinds=self._coop_board_kinds(),
            error=error,
            limits={
                "title": TITLE_MAX_LENGTH,
                "description": DESCRIPTION_MAX_LENGTH,
                "neighbourhood": NEIGHBOURHOOD_MAX_LENGTH,
            },
            today=fields.Date.context_today(request.env.user),
        )
        return request.render("coop_member_shifts.portal_board_form", page)

    def _coop_board_read_form(self, form):
        """The post's values from the form, or a message saying what to correct."""
        _ = request.env._
        title = clean_text(form.get("name"), TITLE_MAX_LENGTH)
        description = clean_text(form.get("description"), DESCRIPTION_MAX_LENGTH)
        neighbourhood = clean_text(form.get("neighbourhood"), NEIGHBOURHOOD_MAX_LENGTH)
        category = request.env["coop.board.category"].browse(
            parse_id(form.get("category_id")) or []
        )
        if not title:
            return None, _("Give your post a title of %s characters at most.", TITLE_MAX_LENGTH)
        if description is None:
            return None, _("Describe it in %s characters at most.", DESCRIPTION_MAX_LENGTH)
        if neighbourhood is None:
            return None, _(
                "Name the neighbourhood in %s characters at most.",
                NEIGHBOURHOOD_MAX_LENGTH,
            )
        if form.get("kind") not in dict(KINDS):
            return None, _("Say whether you need or offer something.")
        if not category.exists() or not category.active:
            return None, _("Choose a category of the list.")
        event = request.env["event.event"]
        if form.get("event_id"):
            event_id = parse_id(form.get("event_id"))
            event = (
                request.env["coop.board.post"]
                ._coop_board_events()
                .filtered(lambda candidate: candidate.id == event_id)
            )
            if not event:
                return None, _("Choose an event of the list, or none.")
        try:
            date_end = fields.Date.to_date(form.get("date_end") or None)
        except (ValueError, TypeError):
            date_end = None
        if not date_end:
            return None, _("Choose a valid end date.")
        values = {
            "name": title,
            "description": description,
            "neighbourhood": neighbourhood,
            "kind": form["kind"],
            "category_id": category.id,
            "date_end": date_end,
            "event_id": event.id,
        }
        return values, None

    def _coop_board_save(self, post, form):
        """Create or change the post as the member; on an error the form comes back filled."""
        values, error = self._coop_board_read_form(form)
        if error:
            return self._coop_board_form(post, form, error)
        try:
            with request.env.cr.savepoint():
                if post:
                    post.write(values)
                else:
                    post = request.env["coop.board.post"].create(values)
        except (ValidationError, UserError, AccessError) as exc:
            return self._coop_board_form(post, form, exc.args[0])
        return request.redirect(post.access_url)

    @http.route(
        "/my/board/new",
        type="http",
        auth="user",
        website=True,
        methods=["GET", "POST"],
        readonly=False,
    )
    def portal_board_new(self, **form):
        if not self._coop_board_member():
            return self._coop_board_members_only()
        if request.httprequest.method != "POST":
            today = fields.Date.context_today(request.env.user)
            return self._coop_board_form(values={"date_end": today + timedelta(days=30)})
        return self._coop_board_save(request.env["coop.board.post"], form)

    @http.route(
        "/my/board/<int:post_id>/edit",
        type="http",
        auth="user",
        website=True,
        methods=["GET", "POST"],
        readonly=False,
    )
    def portal_board_edit(self, post_id, **form):
        if not self._coop_board_member():
            return self._coop_board_members_only()
        post = self._coop_board_post(post_id)
        if post.partner_id != self._coop_board_member():
            raise request.not_found()
        if request.httprequest.method != "POST":
            form = {name: post[name] for name in ("name", "description", "neighbourhood")}
            form.update(
                kind=post.kind,
                category_id=post.category_id.id,
                date_end=post.date_end,
                event_id=post.event_id.id,
            )
            return self._coop_board_form(post, form)
        return self._coop_board_save(post, form)

    # === ONE POST ===#

    @http.route("/my/board/<int:post_id>", type="http", auth="user", website=True, readonly=True)
    def portal_board_post(self, post_id, message=None, error=None, **kwargs):
        member = self._coop_board_member()
        if not member:
            return self._coop_board_members_only()
        post = self._coop_board_post(post_id)
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="coop_board_post",
            post=post,
            is_author=post.partner_id == member,
            message=message,
            error=error,
        )
        return request.render("coop_member_shifts.portal_board_post", values)

    @http.route(
        "/my/board/<int:post_id>/close",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
        readonly=False,
    )
    def portal_board_close(self, post_id, **kwargs):
        member = self._coop_board_member()
        if not member:
            return self._coop_board_members_only()
        post = self._coop_board_post(post_id)
        if post.partner_id != member:
            raise request.not_found()
        return self._coop_board_act(
            post,
            post.action_close,
            request.env._("Your post is closed. Thank you for keeping the board tidy!"),
        )

    @http.route(
        "/my/board/<int:post_id>/answer",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
        readonly=False,
    )
    def portal_board_answer(self, post_id, answer="", **kwargs):
        """The member's answer, delivered to the author by the coop (``action_coop_answer``)."""
        if not self._coop_board_member():
            return self._coop_board_members_only()
        post = self._coop_board_post(post_id)
        return self._coop_board_act(
            post,
            lambda: post.action_coop_answer(answer),
            request.env._("Your answer is sent to the author, by the coop."),
        )

    @staticmethod
    def _coop_board_act(post, action, message):
        """Run a member's ``action`` on ``post``; back on the post's page with ``message``, or
        with the refusal's own message (nothing of the action kept)."""
        try:
            with request.env.cr.savepoint():
                action()
        except (UserError, AccessError) as exc:
            return request.redirect(f"{post.access_url}?{urlencode({'error': exc.args[0]})}")
        return request.redirect(f"{post.access_url}?{urlencode({'message': message})}")
