"""Accessibility checks with axe-core (WCAG 2.1 A and AA) on pages served by the test server.

axe-core comes from the ``axe-playwright-python`` package (tests/requirements.txt), which
ships ``axe.min.js``; without it the checks fail, they never skip."""

import importlib.resources
import json

AXE_PACKAGE = "axe_playwright_python"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# The impacts that fail a page; "moderate" and "minor" ones are reported by axe but allowed.
FAILING_IMPACTS = ["serious", "critical"]

# The page is loaded, its lazy scripts too, and every script or style sheet in the page
# (the bundles loaded on demand too) has arrived: then the browser can be closed without
# cutting a load short.
LOADED = """(
    document.readyState === "complete"
    && !document.querySelector("script[data-src]")
    && [...document.querySelectorAll("script[src], link[rel=stylesheet][href]")].every(
        (el) => performance.getEntriesByName(el.src || el.href).some((e) => e.responseEnd > 0)
    )
)"""

RUNNER = """
(async () => {
    // Wait until nothing loads any more (two checks in a row, half a second apart).
    let quiet = 0;
    for (let tries = 0; quiet < 2 && tries < 60; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        quiet = %(loaded)s ? quiet + 1 : 0;
    }
    await new Promise((resolve, reject) => {
        const script = document.createElement("script");
        script.src = %(source_url)s;
        script.onload = resolve;
        script.onerror = () => reject(new Error("axe-core could not be loaded"));
        document.head.appendChild(script);
    });
    // What the page fetches after loading (a picker's slots) may come later: wait for it.
    const expected = %(expected)s;
    for (let tries = 0; expected && !document.querySelector(expected) && tries < 40; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 500));
    }
    if (expected && !document.querySelector(expected)) {
        throw new Error(`the page has no ${expected}: not the page to check (${location.href})`);
    }
    const results = await window.axe.run(document, {
        runOnly: {type: "tag", values: %(tags)s},
        resultTypes: ["violations"],
        // No stylesheet preloading: the test server serves no external fonts.
        preload: false,
    });
    const failing = results.violations.filter((v) => %(impacts)s.includes(v.impact));
    if (failing.length) {
        console.error("axe-core found " + failing.length + " violation(s):\\n" + failing.map(
            (v) => `${v.id} (${v.impact}): ${v.help}\\n    ` + v.nodes.slice(0, 5).map(
                (node) => node.target.join(" ") + " " + node.failureSummary.replace(/\\n/g, " ")
            ).join("\\n    ")
        ).join("\\n"));
    } else {
        console.log("test successful");
    }
})().catch((error) => console.error("axe-core did not run: " + error));
"""


def axe_source():
    """The source of axe-core, or a failure saying how to install it."""
    try:
        return (importlib.resources.files(AXE_PACKAGE) / "axe.min.js").read_text()
    except (ModuleNotFoundError, FileNotFoundError) as error:
        raise AssertionError(
            "axe-core is missing: install the test requirements "
            "(pip install -r tests/requirements.txt, which brings axe-playwright-python)."
        ) from error


class AxeMixin:
    """For an HttpCase: ``assertAccessible(url, login)`` runs axe-core on the page."""

    def assertAccessible(self, url, login=None, expected=None):
        """Run axe-core on ``url`` (as ``login``); ``expected``: a CSS selector the page must
        contain, so that a redirection elsewhere does not pass unnoticed."""
        # axe-core is served to the page as a public attachment of the test's transaction
        # (Odoo logs the test code it runs: the code stays a few lines).
        source = self.env["ir.attachment"].create(
            {
                "name": "axe.min.js",
                "raw": axe_source().encode(),
                "mimetype": "application/javascript",
                "public": True,
            }
        )
        code = RUNNER % {
            "loaded": LOADED,
            "source_url": json.dumps(f"/web/content/{source.id}"),
            "expected": json.dumps(expected),
            "tags": json.dumps(AXE_TAGS),
            "impacts": json.dumps(FAILING_IMPACTS),
        }
        try:
            self.browser_js(url, code, ready=LOADED, login=login, timeout=120)
        except AssertionError as error:
            # Odoo's message quotes the test code: keep the browser's report.
            report = str(error).split("\n\n", 1)[-1]
            raise AssertionError(f"{url}: {report}") from None
