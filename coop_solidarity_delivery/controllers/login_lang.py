from odoo.http import request, route

from odoo.addons.website.controllers.main import Website


class WebsiteLoginLanguage(Website):
    @route(readonly=False)
    def web_login(self, *args, **kw):
        """Show the web site in the member's language once signed in.

        The language of the pages follows the ``frontend_lang`` cookie, set to the web site's
        default language on the first anonymous visit (the sign-in page itself): a French
        member who signs in would otherwise go on reading the site in English.
        """
        response = super().web_login(*args, **kw)
        uid = request.session.uid
        if request.httprequest.method == "POST" and uid and request.params.get("login_success"):
            lang = request.env["res.users"].sudo().browse(uid).lang
            website = getattr(request, "website", None)
            if lang and website and lang in website.language_ids.mapped("code"):
                response.set_cookie("frontend_lang", lang)
        return response
