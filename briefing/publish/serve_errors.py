"""Under `make serve`, a rebuild that stopped on bad facts shows its problems in the browser.

The plugin keeps serving the last good pages (plugin.Builder) and MkDocs reloads the browser after
every rebuild, so without this the editor sees the old page and thinks the edit was lost. Here the
preview server's responses are wrapped (`server.set_app`, WSGI): while the last rebuild failed, every
HTML page served, in every edition, gets a banner fixed to the bottom of the window listing every
problem, `file:line:col`, message and code, escaped; the next good build takes it away. Nothing is
written to disk, so `make site` and CI never see it: they run no server.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from typing import Any

from briefing.facts.problems import Problems
from briefing.i18n import language

BANNER_ID = "briefing-problems"

WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]

_STYLE = (
    f"#{BANNER_ID}{{position:fixed;left:0;right:0;bottom:0;z-index:10000;max-height:45vh;overflow:auto;"
    "margin:0;padding:.6rem 1rem;background:#fff3f3;color:#1a1a1a;border-top:4px solid #b00020;"
    "font:14px/1.45 system-ui,sans-serif;box-shadow:0 -2px 8px rgba(0,0,0,.25)}"
    f"#{BANNER_ID} summary{{cursor:pointer;font-weight:bold;color:#8a0018}}"
    f"#{BANNER_ID} ol{{margin:.4rem 0 0;padding-left:1.4rem}}"
    f"#{BANNER_ID} li{{margin:.25rem 0}}"
    f"#{BANNER_ID} code{{font:13px/1.4 ui-monospace,monospace;background:none;color:#1a1a1a;word-break:break-all}}"
    f"#{BANNER_ID} .briefing-problem-code{{color:#555}}"
)


def banner(problems: Problems, code: str) -> str:
    """The banner's HTML in the edition's language (its words; the problems are the command line's)."""
    say = language(code).gettext
    errors = problems.errors
    title = (say("This page is the last good version: the facts have {n} problems.") if len(errors) != 1
             else say("This page is the last good version: the facts have 1 problem.")).format(n=len(errors))
    items = "".join(
        f'<li><code>{html.escape(f"{p.file}:{p.line}:{p.col}")}</code> {html.escape(p.level)}: '
        f'{html.escape(p.message)} <span class="briefing-problem-code">[{html.escape(str(p.code))}]</span></li>'
        for p in problems.sorted())
    after = say("Fix them and save: the page reloads by itself.")
    skipped = f"<p>{html.escape(problems.skipped_line())}</p>" if problems.skipped else ""
    return (f'<style>{_STYLE}</style><details id="{BANNER_ID}" role="alert" lang="{html.escape(code)}" open>'
            f"<summary>{html.escape(title)}</summary><p>{html.escape(after)}</p><ol>{items}</ol>{skipped}</details>")


def inject(page: bytes, block: str) -> bytes:
    """The page with the block at the end of its body."""
    at = page.rfind(b"</body>")
    at = len(page) if at < 0 else at
    return page[:at] + block.encode("utf-8") + page[at:]


def showing_problems(app: WsgiApp, problems: Callable[[], Problems | None],
                     language_of: Callable[[str], str]) -> WsgiApp:
    """A WSGI app that adds the banner to the HTML `app` serves while `problems()` has any.

    `language_of(path)` names the edition a request's path is in."""

    def serve(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        held: list[Any] = []

        def hold(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Callable[[bytes], None]:
            held[:] = [status, headers, exc_info]
            return lambda data: None  # MkDocs' server returns its body; it never writes

        body = app(environ, hold)
        found = problems()
        status, headers, exc_info = held
        html_page = any(k.lower() == "content-type" and v.startswith("text/html") for k, v in headers)
        if not found or not html_page:
            start_response(status, headers, exc_info)
            return body
        try:
            page = b"".join(body)
        finally:
            close = getattr(body, "close", None)
            if close is not None:
                close()
        page = inject(page, banner(found, language_of(str(environ.get("PATH_INFO", "")))))
        headers = [(k, str(len(page)) if k.lower() == "content-length" else v) for k, v in headers]
        start_response(status, headers, exc_info)
        return [page]

    return serve
