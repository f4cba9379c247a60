"""Paragraphs and tables of a Word file, with the list numbers Word draws (一、 （一） 1.) put back."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import Any

from ..errors import InputError
from ..i18n import say
from ..settings import size_text
from .common import finish

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
# Subtrees whose text is not part of the paragraph as read: properties, deletions, text boxes
# (drawn elsewhere on the page) and the VML fallback copy of a drawing.
_SKIP = {f"{_W}{tag}" for tag in ("pPr", "rPr", "del", "moveFrom", "txbxContent", "instrText")} | {
    f"{_MC}Fallback"
}
_CN_DIGITS = "零一二三四五六七八九"
_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def _cn_number(n: int, digits: str = _CN_DIGITS, ten: str = "十", hundred: str = "百") -> str:
    if n < 0 or n >= 1000:
        return str(n)
    if n < 10:
        return digits[n]
    h, rest = divmod(n, 100)
    t, u = divmod(rest, 10)
    out = f"{digits[h]}{hundred}" if h else ""
    if t:
        out += ("" if t == 1 and not h and digits is _CN_DIGITS else digits[t]) + ten
    elif h and u:
        out += digits[0]
    return out + (digits[u] if u else "")


def _roman(n: int) -> str:
    out = ""
    for value, sym in zip((1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1), _ROMAN, strict=True):
        count, n = divmod(n, value)
        out += sym * count
    return out


_ROMAN = ("m", "cm", "d", "cd", "c", "xc", "l", "xl", "x", "ix", "v", "iv", "i")


def _letters(n: int) -> str:
    # Word repeats the letter: a … z, aa … zz.
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else str(n)


def number_label(n: int, fmt: str) -> str:
    """Word's rendering of list number `n` in numbering format `fmt` (w:numFmt)."""
    if fmt.startswith(("chineseCounting", "taiwaneseCounting")):
        return _cn_number(n)
    if fmt in {"chineseLegalSimplified", "ideographLegalTraditional"}:
        return _cn_number(n, _LEGAL, "拾", "佰")
    if fmt == "ideographDigital" or fmt == "taiwaneseDigital":
        return "".join("〇一二三四五六七八九"[int(d)] for d in str(n))
    if fmt == "ideographTraditional":
        return "甲乙丙丁戊己庚辛壬癸"[(n - 1) % 10]
    if fmt == "ideographZodiac":
        return "子丑寅卯辰巳午未申酉戌亥"[(n - 1) % 12]
    if fmt in {"decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle"}:
        return _CIRCLED[n - 1] if 1 <= n <= 20 else str(n)
    if fmt == "decimalEnclosedParen":
        return chr(0x2474 + n - 1) if 1 <= n <= 20 else f"({n})"
    if fmt == "decimalEnclosedFullstop":
        return chr(0x2488 + n - 1) if 1 <= n <= 20 else f"{n}."
    if fmt in {"decimalFullWidth", "decimalFullWidth2"}:
        return "".join(chr(0xFF10 + int(d)) for d in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt in {"bullet", "none"}:
        return ""
    return str(n)


def _val(el: Any, tag: str) -> str | None:
    child = el.find(f"{_W}{tag}") if el is not None else None
    return child.get(f"{_W}val") if child is not None else None


@dataclass
class _Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    legal: bool = False
    suffix: str = "tab"
    restart: int | None = (
        None  # w:lvlRestart: restart only when a level numbered (1-based) ≤ this is used; 0 = never
    )


def _level(el: Any) -> _Level:
    lvl = _Level()
    lvl.fmt = _val(el, "numFmt") or "decimal"
    text = el.find(f"{_W}lvlText")
    lvl.text = (text.get(f"{_W}val") or "") if text is not None else f"%{int(el.get(f'{_W}ilvl', '0')) + 1}."
    lvl.start = int(_val(el, "start") or 1)
    legal = el.find(f"{_W}isLgl")
    lvl.legal = legal is not None and legal.get(f"{_W}val", "1") not in {"0", "false"}
    lvl.suffix = _val(el, "suff") or "tab"
    restart = _val(el, "lvlRestart")
    lvl.restart = int(restart) if restart is not None else None
    return lvl


class _Numbering:
    """Word list numbering: numId/ilvl → the label Word would draw (一、 （一） 1. …)."""

    def __init__(self, numbering: Any | None, styles: Any | None) -> None:
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.abstract_styles: dict[str, dict[str, int]] = {}  # abstractNumId → pStyle → ilvl
        self.nums: dict[str, tuple[str, dict[int, int], dict[int, _Level]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[str] = set()
        self.style_num: dict[str, tuple[str | None, str | None]] = {}
        self.style_base: dict[str, str] = {}
        if numbering is not None:
            for absn in numbering.iter(f"{_W}abstractNum"):
                aid = absn.get(f"{_W}abstractNumId")
                levels = {int(lv.get(f"{_W}ilvl", "0")): _level(lv) for lv in absn.iter(f"{_W}lvl")}
                self.abstract[aid] = levels
                self.abstract_styles[aid] = {
                    s: int(lv.get(f"{_W}ilvl", "0"))
                    for lv in absn.iter(f"{_W}lvl")
                    if (s := _val(lv, "pStyle"))
                }
            for num in numbering.iter(f"{_W}num"):
                starts: dict[int, int] = {}
                overrides: dict[int, _Level] = {}
                for ov in num.iter(f"{_W}lvlOverride"):
                    ilvl = int(ov.get(f"{_W}ilvl", "0"))
                    start = _val(ov, "startOverride")
                    if start is not None:
                        starts[ilvl] = int(start)
                    lvl = ov.find(f"{_W}lvl")
                    if lvl is not None:
                        overrides[ilvl] = _level(lvl)
                self.nums[num.get(f"{_W}numId")] = (_val(num, "abstractNumId") or "", starts, overrides)
        if styles is not None:
            for style in styles.iter(f"{_W}style"):
                sid = style.get(f"{_W}styleId")
                ppr = style.find(f"{_W}pPr")
                numpr = ppr.find(f"{_W}numPr") if ppr is not None else None
                if numpr is not None:
                    self.style_num[sid] = (_val(numpr, "numId"), _val(numpr, "ilvl"))
                base = _val(style, "basedOn")
                if base:
                    self.style_base[sid] = base

    def _from_style(self, style: str | None) -> tuple[str | None, str | None]:
        seen: set[str] = set()
        while style and style not in seen:
            seen.add(style)
            if style in self.style_num:
                return self.style_num[style]
            style = self.style_base.get(style)
        return None, None

    def label(self, p: Any) -> str:
        ppr = p.find(f"{_W}pPr")
        numpr = ppr.find(f"{_W}numPr") if ppr is not None else None
        style = _val(ppr, "pStyle") if ppr is not None else None
        num_id, ilvl_s = (_val(numpr, "numId"), _val(numpr, "ilvl")) if numpr is not None else (None, None)
        if num_id is None:
            num_id, style_ilvl = self._from_style(style)
            ilvl_s = ilvl_s or style_ilvl
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        aid, starts, overrides = self.nums[num_id]
        levels = {**self.abstract.get(aid, {}), **overrides}
        if ilvl_s is None and style is not None:
            ilvl_s = str(self.abstract_styles.get(aid, {}).get(style, 0))
        ilvl = int(ilvl_s or 0)
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(aid, {})
        if num_id not in self.started:
            # A num with a start override restarts its list the first time it is used.
            self.started.add(num_id)
            for lv, start in starts.items():
                counters[lv] = start - 1
        lvl = levels[ilvl]
        counters[ilvl] = counters.get(ilvl, lvl.start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            restart = levels[deeper].restart if deeper in levels else None
            if restart is None or ilvl + 1 <= restart:
                del counters[deeper]

        def sub(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            ref = levels.get(k, _Level())
            n = counters.get(k, ref.start)
            return number_label(n, "decimal" if lvl.legal else ref.fmt)

        if lvl.fmt == "bullet":
            return ""
        text = re.sub(r"%([1-9])", sub, lvl.text)
        if text and lvl.suffix != "nothing" and text[-1].isalnum():
            text += " "
        return text


def _run_hidden(r: Any) -> bool:
    rpr = r.find(f"{_W}rPr")
    vanish = rpr.find(f"{_W}vanish") if rpr is not None else None
    return vanish is not None and vanish.get(f"{_W}val", "1") not in {"0", "false"}


def _inline_text(el: Any, out: list[str]) -> None:
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == f"{_W}t":
            out.append(child.text or "")
        elif tag in {f"{_W}tab", f"{_W}ptab"}:
            out.append("\t")
        elif tag in {f"{_W}br", f"{_W}cr"}:
            out.append("\n")
        elif tag == f"{_W}noBreakHyphen":
            out.append("-")
        elif tag == f"{_W}r" and _run_hidden(child):
            continue
        else:
            _inline_text(child, out)


def _docx_blocks(parent: Any, numbering: _Numbering, out: list[str]) -> None:
    for child in parent:
        tag = child.tag
        if tag == f"{_W}p":
            parts: list[str] = []
            _inline_text(child, parts)
            text = "".join(parts)
            # Word numbers an empty list paragraph too, so the counter advances even when nothing shows.
            label = numbering.label(child)
            for i, line in enumerate(text.split("\n")):
                line = line.strip(" \t\u3000\u00a0")
                if i == 0 and label:
                    line = label + line
                if line:
                    out.append(line)
        elif tag == f"{_W}tbl":
            for row in child.iter(f"{_W}tr"):
                if row.getparent() is not child:
                    continue  # rows of nested tables are read through their cell
                cells = [c for c in row if c.tag == f"{_W}tc"]
                texts = []
                for cell in cells:
                    cell_lines: list[str] = []
                    _docx_blocks(cell, numbering, cell_lines)
                    texts.append(cell_lines)
                filled = [t for t in texts if t]
                if len(filled) == 1:
                    out.extend(filled[0])  # a layout table: its one cell is ordinary paragraphs
                elif filled:
                    out.append(" | ".join(" ".join(t) for t in filled))
        elif tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                _docx_blocks(content, numbering, out)
        elif tag in {f"{_W}customXml", f"{_W}ins", f"{_W}moveTo"}:
            _docx_blocks(child, numbering, out)


def _related_xml(part: Any, reltype: str) -> Any | None:
    """The XML of a related part (numbering, styles), or None when the file has none."""
    try:
        return part.part_related_by(reltype).element
    except (KeyError, AttributeError):
        return None


# What a .docx may inflate to. A long notice's document.xml is 1-5 MB; parsing XML costs about 20 times
# its size in memory, so a zip bomb's 300 MB part would take 6 GB. The ZIP directory states every
# part's size, and the zip reader never inflates a part past it (a lie fails its CRC check), so these
# bounds are checked before anything is inflated.
MAX_PART_BYTES = 16_000_000  # one XML part (document.xml, styles.xml, numbering.xml …)
MAX_TOTAL_BYTES = 64_000_000  # every part together, images included (python-docx loads them all)


def check_sizes(data: bytes, name: str) -> None:
    """Refuse a .docx whose parts would inflate past the bounds above; a broken ZIP is left to python-docx."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return
    total = 0
    for part in parts:
        total += part.file_size
        xml = part.filename.lower().endswith((".xml", ".rels"))
        if xml and part.file_size > MAX_PART_BYTES:
            raise InputError(
                say(
                    "err.docx.part",
                    path=name,
                    part=part.filename,
                    size=size_text(part.file_size),
                    limit=size_text(MAX_PART_BYTES),
                )
            )
    if total > MAX_TOTAL_BYTES:
        raise InputError(
            say("err.docx.total", path=name, size=size_text(total), limit=size_text(MAX_TOTAL_BYTES))
        )


def docx_text(data: bytes, name: str) -> str:
    """Paragraphs and tables of a Word document in order, with the list numbers Word would draw."""
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    check_sizes(data, name)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises KeyError/BadZipFile/ValueError for broken files
        raise InputError(say("err.docx.unreadable", path=name, detail=exc.__class__.__name__)) from exc
    numbering = _Numbering(_related_xml(document.part, RT.NUMBERING), _related_xml(document.part, RT.STYLES))
    out: list[str] = []
    _docx_blocks(document.element.body, numbering, out)
    return finish(out, name, say("err.what.docx"))
