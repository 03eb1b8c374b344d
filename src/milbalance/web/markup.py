"""Markdown to safe HTML for the pages: articles, docs/methodology.md and API docstrings.

markdown-it-py (CommonMark) with raw HTML off: any ``<script>`` or ``<img onerror=…>`` in the
text comes out as the characters typed. Images are not rendered (the page loads nothing the
text names; the alt text and the address show instead), links keep only the schemes
markdown-it allows (no ``javascript:``) and open with ``rel="noopener noreferrer nofollow"``.

``article_html`` renders an article's Markdown with its claims highlighted: each claim's
sentence is bracketed by two private-use characters before parsing, and the text renderer
turns them into ``<mark>`` elements, closed and reopened at every element boundary so the
HTML stays well nested whatever the Markdown does around a sentence.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from html import escape
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from markupsafe import Markup

from milbalance.web.claims_view import Segment

END = "\ue000"
"""Marks the end of a claim's sentence in the text given to the parser."""
START = 0xE100
"""``chr(START + i)`` marks the start of claim ``i``'s sentence."""
MAX_MARKS = 0xF000 - START
_SENTINELS = re.compile("[\ue000-\uefff]")
_BLOCK_PREFIX = re.compile(r"[ \t]*(?:#{1,6}[ \t]+|[-*+][ \t]+|\d{1,9}[.)][ \t]+|>[ \t]*)*")


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.disable("image")
    return md


@functools.lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    return _parser()


def render(text: str) -> Markup:
    """Markdown → HTML, raw HTML escaped, images off, links safe."""
    md = parser()
    tokens = md.parse(text)
    return Markup(_Renderer(md).render(tokens, md.options, {}))


def docstring_html(text: str) -> Markup:
    """An endpoint's docstring as HTML (````code```` spans as code, paragraphs kept)."""
    return render(text or "")


class _Renderer(RendererHTML):
    """The HTML renderer with safe links and claim marks in text (see the module docstring)."""

    def __init__(self, md: MarkdownIt, *, linked: bool = False,
                 labels: Sequence[str] = ()):
        super().__init__(md)
        self.linked = linked
        self.labels = labels
        self.open: int | None = None  # the claim whose sentence the text is in
        self.seen: set[int] = set()  # claims whose first piece is drawn (it takes the focus)
        self.in_link = 0

    def _mark(self, index: int) -> str:
        label = self.labels[index] if index < len(self.labels) else ""
        css = label.replace("_", "-")
        title = label.replace("_", " ")
        focus = "" if index in self.seen else ' tabindex="0"'
        self.seen.add(index)
        head = (f'<mark class="claim {escape(css)}" data-claim="{index}"{focus} '
                f'title="{escape(title)}">')
        return head + (f'<a href="#claim-{index}">' if self._linking else "")

    @property
    def _linking(self) -> bool:
        return self.linked and not self.in_link

    def _unmark(self) -> str:
        return ("</a>" if self._linking else "") + "</mark>"

    def _marked(self, content: str) -> str:
        """Text escaped, each run inside a claim's sentence wrapped in its own mark."""
        out: list[str] = []
        for piece in re.split("([\ue000-\uefff])", content):
            if piece == END:
                self.open = None
            elif _SENTINELS.fullmatch(piece):
                self.open = ord(piece) - START
            elif piece and self.open is not None:
                out.append(self._mark(self.open) + escape(piece, quote=False) + self._unmark())
            elif piece:
                out.append(escape(piece, quote=False))
        return "".join(out)

    def link_open(self, tokens: Sequence[Token], idx: int, options: OptionsDict,
                  env: EnvType) -> str:
        token = tokens[idx]
        href = _SENTINELS.sub("", str(token.attrGet("href") or ""))
        token.attrSet("href", href)
        if not href.startswith("#"):
            token.attrSet("rel", "noopener noreferrer nofollow")
        self.in_link += 1
        return self.renderToken(tokens, idx, options, env)

    def link_close(self, tokens: Sequence[Token], idx: int, options: OptionsDict,
                   env: EnvType) -> str:
        self.in_link = max(0, self.in_link - 1)
        return self.renderToken(tokens, idx, options, env)

    def text(self, tokens: Sequence[Token], idx: int, options: OptionsDict,
             env: EnvType) -> str:
        return self._marked(tokens[idx].content)

    def code_inline(self, tokens: Sequence[Token], idx: int, options: OptionsDict,
                    env: EnvType) -> str:
        return "<code>" + self._marked(tokens[idx].content) + "</code>"

    def code_block(self, tokens: Sequence[Token], idx: int, options: OptionsDict,
                   env: EnvType) -> str:
        return "<pre><code>" + self._marked(tokens[idx].content) + "</code></pre>\n"

    def fence(self, tokens: Sequence[Token], idx: int, options: OptionsDict,
              env: EnvType) -> str:
        return self.code_block(tokens, idx, options, env)

    @staticmethod
    def renderAttrs(token: Token) -> str:  # markdown-it's name
        """Attributes without sentinels; a table cell's ``style="text-align:…"`` (which the
        page's CSP would refuse) becomes ``class="align-…"``."""
        attrs = dict(token.attrs or {})
        style = str(attrs.pop("style", ""))
        if style.startswith("text-align:"):
            attrs["class"] = "align-" + style.removeprefix("text-align:").strip()
        token.attrs = {k: _SENTINELS.sub("", str(v)) for k, v in attrs.items()}
        return RendererHTML.renderAttrs(token)


def _start(text: str, pos: int) -> int:
    """Where a sentence's start mark goes: past any Markdown block marker (``## ``, ``- ``,
    ``1. ``, ``> ``) that opens its line, so the mark never breaks the block's syntax."""
    line_start = text.rfind("\n", 0, pos) + 1
    if text[line_start:pos].strip(" \t#>*+-.)0123456789") == "":
        match = _BLOCK_PREFIX.match(text, line_start)
        if match is not None and match.end() > pos:
            return match.end()
    return pos


def article_html(segments: Sequence[Segment], linked: bool = False) -> Markup:
    """The article (cut into ``claims_view.article_segments``) as Markdown-rendered HTML with
    each claim's sentence in a ``<mark class="claim LABEL" data-claim="i">`` (inside a link to
    ``#claim-i`` when ``linked``, for the static report). Raw HTML in the text stays text."""
    pieces: list[str] = []
    labels: list[str] = []
    for seg in segments:
        clean = _SENTINELS.sub("", seg.text)
        if seg.index < 0 or seg.index >= MAX_MARKS:
            pieces.append(clean)
            continue
        while len(labels) <= seg.index:
            labels.append("")
        labels[seg.index] = seg.label
        text = "".join(pieces)
        at = _start(text + clean, len(text))
        lead = (text + clean)[len(text):at]
        body = clean[len(lead):]
        pieces.append(lead + chr(START + seg.index) + body.rstrip() + END
                      + body[len(body.rstrip()):])
    md = parser()
    tokens = md.parse("".join(pieces))
    renderer = _Renderer(md, linked=linked, labels=labels)
    return Markup(renderer.render(tokens, md.options, {}))


def filters() -> dict[str, Any]:
    """The Jinja filters this module adds to the pages' environment."""
    return {"markdown": render, "docstring": docstring_html, "article_html": article_html}
