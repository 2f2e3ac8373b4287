"""What a French or Dutch user actually reads: pages and e-mails rendered in the language, and
the English source texts of the addons' ``.po`` files found in them.

Tier 1 checks that each ``.po`` entry has a translation; it cannot see a translation that is
not applied: a template text that was not extracted, a term that no longer matches its source
(whitespace, markup), a string built in Python without ``_()``, an attribute, a label taken
from a Python constant. Here the output itself is searched for the English.
"""

import html
import inspect
import json
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

import polib
from lxml import etree
from lxml import html as lxml_html

from odoo import http
from odoo.modules.module import get_module_path
from odoo.tools import SQL

LANGS = ("fr_FR", "nl_BE")
# The .po file of each language (nl.po serves nl_BE, as Odoo loads it).
PO_FILES = {"fr_FR": "fr.po", "nl_BE": "nl.po"}

# Elements whose text is never shown.
HIDDEN_TAGS = ("script", "style", "template", "noscript", "svg")
# Attributes a user reads (or hears from a screen reader).
READ_ATTRIBUTES = ("placeholder", "title", "alt", "aria-label", "aria-description")
# Inside a msgid: an expression, with or without a default text (``<t t-out="..."/>``, in
# mail templates ``<t t-out="...">Marc</t>``), stands for a value of the record.
DYNAMIC_ELEMENT = re.compile(
    r"<(\w+)\b[^>]*\bt-(?:out|esc|field|raw)=[^>]*?(?:/>|>.*?</\1\s*>)", re.DOTALL
)
# Python and QWeb placeholders: %s, %(name)s, {{ expression }}.
PLACEHOLDER = re.compile(r"%(?:\(\w+\))?[sdfr]|\{\{.*?\}\}", re.DOTALL)
TAG = re.compile(r"<[^<>]*>")
HOLE = "\x00"
# Words of the coop's .po files that are words of the language too, as Odoo's own pages
# use them: found on a page, they say nothing about the coop's translations.
WORDS_OF_THE_LANGUAGE = {
    # website_sale's confirmation page: "Order S00042" (the coop translates it "Bestelling").
    "nl_BE": {"Order"},
}
# A text of this many letters or fewer names nothing a user would miss; a few such words
# ("OK", "km", "h") are the same in every language.
MIN_LETTERS = 3


def normalise(text):
    """Text as read: entities decoded, runs of white space as one space."""
    return " ".join(html.unescape(text).split())


class Needle:
    """A text to look for: literal parts with a value of the record between them."""

    def __init__(self, text):
        self.parts = [part for part in map(normalise, text.split(HOLE)) if part]
        self.text = " … ".join(self.parts)
        self.letters = sum(char.isalpha() for char in self.text)
        # A single word is found only as a whole text (a button, a badge, an option): inside
        # a sentence it could be any word of the language.
        self.word = len(self.parts) == 1 and " " not in self.parts[0]
        if not self.word:
            pattern = r".{0,200}?".join(re.escape(part) for part in self.parts)
            self.pattern = re.compile(rf"(?<!\w){pattern}(?!\w)", re.DOTALL)

    def found_in(self, texts, joined):
        if self.word:
            return self.parts[0] in texts
        return bool(self.pattern.search(joined))


def needles(msgid):
    """What of ``msgid`` a reader would see, as ``Needle``s.

    A text without markup is one needle. A text with markup (a template's paragraph, a whole
    mail body whose ``t-if`` branches are never all shown) is cut at its tags, and each piece
    of two words or more is a needle of its own.
    """
    text = DYNAMIC_ELEMENT.sub(HOLE, msgid)
    text = PLACEHOLDER.sub(HOLE, text.replace("%%", "%"))
    pieces = [Needle(piece) for piece in TAG.split(text)]
    pieces = [piece for piece in pieces if piece.parts and piece.letters >= MIN_LETTERS]
    if len(pieces) > 1:
        pieces = [piece for piece in pieces if not piece.word]
    return pieces


def english_msgids(addons, lang):
    """The source texts of ``addons``' ``.po`` files for ``lang`` that read differently once
    translated.

    Left out: entries without a translation or translated by the same text (tier 1 checks
    those), fuzzy and obsolete ones, and texts of fewer than ``MIN_LETTERS`` letters. Texts of
    a single word are kept (the board's "Need" and "Offer" are single words), but are matched
    against whole texts only (see ``Needle``), and a few are also words of the language that
    Odoo's own pages use (``WORDS_OF_THE_LANGUAGE``). Returns ``{msgid: needles}``.
    """
    msgids = {}
    for addon in addons:
        path = Path(get_module_path(addon)) / "i18n" / PO_FILES[lang]
        for entry in polib.pofile(str(path)):
            if entry.obsolete or entry.fuzzy or not entry.msgid:
                continue
            if not entry.msgstr or normalise(entry.msgstr) == normalise(entry.msgid):
                continue
            found = [
                needle
                for needle in needles(entry.msgid)
                if needle.text not in WORDS_OF_THE_LANGUAGE.get(lang, ())
            ]
            if found:
                msgids[entry.msgid] = found
    return msgids


def page_texts(markup):
    """``(texts, joined)``: the texts a reader sees in ``markup`` (text nodes and the
    attributes read aloud), whitespace-normalised, and all of them joined by spaces."""
    if not markup or not markup.strip():
        return set(), ""
    root = lxml_html.fromstring(markup)
    for element in list(root.iter(*HIDDEN_TAGS)):
        if element.getparent() is not None:
            element.drop_tree()
    pieces = []
    for node in root.iter():
        if not isinstance(node.tag, str):
            # Comments and processing instructions are not shown; their tail is.
            pieces.append(node.tail or "")
            continue
        pieces.extend(node.get(name, "") for name in READ_ATTRIBUTES)
        if node.tag == "input" and node.get("type") in ("submit", "button", "reset"):
            pieces.append(node.get("value", ""))
        pieces += [node.text or "", node.tail or ""]
    texts = {normalise(piece) for piece in pieces} - {""}
    # Text nodes in document order for the sentences that span inline markup.
    joined = normalise(" ".join(root.itertext(tag=etree.Element)))
    joined = " ".join([joined, *sorted(texts)])
    return texts, joined


def leaks(markup, msgids):
    """The texts of ``msgids`` (``{msgid: needles}``) found in ``markup``."""
    texts, joined = page_texts(markup)
    return sorted(
        {
            needle.text
            for found in msgids.values()
            for needle in found
            if needle.found_in(texts, joined)
        }
    )


def declared_page_routes(addon):
    """The URL patterns of the ``http`` routes ``addon`` declares that answer a GET."""
    routes = set()
    prefix = f"odoo.addons.{addon}.controllers"
    for name, module in list(sys.modules.items()):
        if not name.startswith(prefix) or module is None:
            continue
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != name:
                continue
            for attribute in vars(cls).values():
                routing = getattr(attribute, "original_routing", None)
                if not routing or routing.get("type", "http") != "http":
                    continue
                methods = routing.get("methods")
                if methods and "GET" not in methods:
                    continue
                routes.update(routing.get("routes") or [])
    return routes


class RenderedLanguagesMixin:
    """For an ``HttpCase``: render pages and e-mails in each language of ``LANGS`` and report
    the English texts of ``MSGID_ADDONS``' ``.po`` files left in them."""

    MSGID_ADDONS = ()

    @classmethod
    def setup_languages(cls):
        """French and Dutch active, with the translations of every installed module (Odoo's
        own too, so that Odoo's English does not hide or mimic the coop's), on the website."""
        Lang = cls.env["res.lang"]
        langs = Lang.browse([Lang._activate_lang(code).id for code in LANGS])
        modules = cls.env["ir.module.module"].search([("state", "=", "installed")])
        cls.env["ir.module.module"]._load_module_terms(modules.mapped("name"), list(LANGS))
        coop_addons = list(dict.fromkeys(["coop_member_shifts", *cls.MSGID_ADDONS]))
        cls.forget_translations(coop_addons)
        cls.env["ir.module.module"]._load_module_terms(coop_addons, list(LANGS), overwrite=True)
        website = cls.env["website"].get_current_website()
        website.language_ids |= langs
        cls.url_codes = {lang.code: lang.url_code for lang in langs}
        cls.msgids = {code: english_msgids(cls.MSGID_ADDONS, code) for code in LANGS}

    @classmethod
    def forget_translations(cls, addons):
        """Drop the French and Dutch of the records ``addons`` create (views, mail templates,
        selections...), as on the day a coop installs the language: a term the ``.po`` files no
        longer bring (a reference lost from the ``.pot``, a changed source) stays English, as
        it would for the coop, instead of keeping a translation loaded earlier in the database.
        """
        data = cls.env["ir.model.data"].search([("module", "in", addons)])
        by_model = {}
        for row in data:
            by_model.setdefault(row.model, set()).add(row.res_id)
        for model_name, ids in by_model.items():
            model = cls.env.get(model_name)
            if model is None or model._abstract or not model._auto:
                continue
            names = [
                name
                for name, field in model._fields.items()
                if field.translate and field.store and field.column_type
            ]
            if not names:
                continue
            cls.env.flush_all()
            assignments = SQL(", ").join(
                SQL("%s = %s - %s", SQL.identifier(name), SQL.identifier(name), list(LANGS))
                for name in names
            )
            cls.env.cr.execute(
                SQL(
                    "UPDATE %s SET %s WHERE id IN %s",
                    SQL.identifier(model._table),
                    assignments,
                    tuple(ids),
                )
            )
        cls.env.invalidate_all()
        cls.env.registry.clear_cache("templates")

    def setUp(self):
        super().setUp()
        self.found = []

    def login_as(self, user, lang):
        """A session of ``user`` (a ``res.users``, or ``None`` for a visitor) who reads
        ``lang``: their language, and the website's language cookie."""
        if user:
            user.lang = lang
            self.authenticate(user.login, user.login)
        else:
            self.authenticate(None, None)
        self.opener.cookies.set("frontend_lang", lang)

    def check_page(self, user, url, lang, expected_status=200, session=None, fragment=False):
        """GET ``url`` with the language's prefix as ``user`` (with the ``session`` values,
        as a flow would leave them) and record the English texts left in the page.
        ``fragment``: a part of a page that its script fetches after it, with no ``<html>``
        of its own to say its language."""
        self.login_as(user, lang)
        if session:
            self.session.update(session)
            http.root.session_store.save(self.session)
        localised = f"/{self.url_codes[lang]}{url}"
        response = self.url_open(localised, timeout=60)
        where = f"{localised} ({user.login if user else 'visitor'})"
        self.record_page(where, lang, response, expected_status, fragment=fragment)
        return response

    def check_post(self, user, url, data, lang):
        """POST ``data`` to ``url`` as the page's form does (no language prefix: the cookie
        gives the language), and record the English of the page the user ends on, with its
        message or its error, and of the e-mails the action sends (to readers of ``lang``)."""
        self.login_as(user, lang)
        data = {"csrf_token": http.Request.csrf_token(self), **data}
        marks = self.mail_marks()
        response = self.url_open(url, data=data, timeout=60)
        where = f"POST {url} ({user.login if user else 'visitor'}) -> {urlsplit(response.url).path}"
        self.record_page(where, lang, response)
        self.record_mails(f"mail of POST {url}", lang, marks)
        return response

    def check_json(self, user, url, params, lang):
        """Call the JSON route ``url`` as the page's script does and record the English of
        the texts it answers (the script shows them as they come)."""
        self.login_as(user, lang)
        body = {"id": 0, "jsonrpc": "2.0", "method": "call", "params": params}
        response = self.url_open(
            url, data=json.dumps(body), headers={"Content-Type": "application/json"}
        )
        result = response.json().get("result") or {}
        texts = [value for value in result.values() if isinstance(value, str)]
        where = f"JSON {url} ({user.login if user else 'visitor'})"
        if not texts:
            self.found.append((where, lang, f"no text in the answer: {response.text[:200]}"))
        for text in texts:
            self.record(where, lang, f"<p>{html.escape(text)}</p>")

    def record_page(self, where, lang, response, expected_status=200, fragment=False):
        if response.status_code != expected_status:
            self.found.append((where, lang, f"HTTP {response.status_code}"))
            return
        if not fragment and not re.search(
            rf'<html[^>]* lang="{lang.replace("_", "-")}"', response.text
        ):
            self.found.append((where, lang, f"not rendered in {lang}: {response.url}"))
        self.record(where, lang, response.text)

    def record(self, where, lang, markup):
        self.found.extend((where, lang, msgid) for msgid in leaks(markup, self.msgids[lang]))

    def check_mails(self, name, lang, send):
        """Call ``send`` (the way the coop's code sends an e-mail, to a recipient who reads
        ``lang``) and record the English of what it sends."""
        marks = self.mail_marks()
        send()
        if not self.record_mails(f"mail {name}", lang, marks):
            self.found.append((f"mail {name}", lang, "no e-mail sent"))

    def mail_marks(self):
        """The last e-mail and message: what comes after is new."""
        self.env.invalidate_all()
        return tuple(
            self.env[model].sudo().search([], order="id desc", limit=1).id or 0
            for model in ("mail.mail", "mail.message")
        )

    def record_mails(self, where, lang, marks):
        """Record the English of each e-mail queued since ``marks`` (subject, body, layout)
        and of each message posted for someone (a mail sent at once is deleted, its message
        stays in the chatter); internal notes are for the staff. Returns how many."""
        self.env.invalidate_all()
        mails = self.env["mail.mail"].sudo().search([("id", ">", marks[0])])
        messages = (
            self.env["mail.message"]
            .sudo()
            .search(
                [
                    ("id", ">", marks[1]),
                    "|",
                    ("message_type", "in", ("email", "email_outgoing")),
                    ("subtype_id", "=", self.env.ref("mail.mt_comment").id),
                ]
            )
        )
        texts = [(mail.subject, mail.body_html) for mail in mails]
        texts += [(message.subject, message.body) for message in messages]
        for subject, body in texts:
            self.record(where, lang, f"<p>{html.escape(subject or '')}</p>")
            self.record(where, lang, body)
        return len(texts)

    def assertNothingInEnglish(self):
        if self.found:
            report = "\n".join(f"  {where} [{lang}]: {text!r}" for where, lang, text in self.found)
            self.fail(
                f"English left in {len(self.found)} place(s) (page, language, msgid):\n{report}"
            )

    def assertRoutesCovered(self, addon, visited, not_pages):
        """Every GET route ``addon`` declares is visited, or said not to be a page to read."""
        missing = declared_page_routes(addon) - set(visited) - set(not_pages)
        self.assertFalse(
            missing, f"{addon}: routes not rendered in the languages: {sorted(missing)}"
        )
