"""Unit keys: one normalised name per inspected organisation, so its notices of different rounds group.

A key is `place/body`: the place as the administrative division it names (广东省河源市), the body as the
organisation within it in its standard form (卫生健康委员会). It is read from the unit the notice names,
the signing organisation and the title's organisation, which in one notice name the same unit in
different ways (高新区党工委 / 中共河源市高新区工作委员会); a place the names leave out is looked for in
the opening (来源：广州市住房和城乡建设局, 根据东营市委统一部署). A notice whose place cannot be told gets
no key: two notices of 市卫健委 from an archive of many cities may be two organisations, and a wrong
group would show one unit's problems as another's. An alias file names what rules cannot know.

Nothing here is keyed to a sample: the place names come from a table of China's divisions
(data/places.tsv), the short forms from data/abbreviations.tsv.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import tomllib
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

from ..errors import InputError
from ..i18n import say
from ..models import Evidence, ReportSummary

RULES_VERSION = "1"  # bump when a rule changes what key a name gets
OPENING_CHARS = 800  # how far into the text a place is looked for

_PARTY_PREFIX = re.compile(r"^(?:中国共产党|中共)")
# Party organisations of a unit, longest first: X局党组 and X局 are one unit; X局机关党委 is X局机关.
_PARTY_SUFFIX = re.compile(r"(?:党工作委员会|党工委|党委员会|党委|党组织|党组|党总支|党支部|工委)$")
# Behind 中共, 委员会 names the Party committee of what precedes it (中共河源江东新区委员会), unless what
# precedes it is a commission's own name (中共某市卫生健康委员会委员会).
_COMMITTEE = re.compile(r"(?:工作委员会|委员会)$")
# A name that begins with a level but no place (市卫健委, 区司法局): the place is the level's own.
_LEVEL = re.compile(r"^(省|自治区|市|州|盟|县|区|旗)(?=[\u4e00-\u9fff]{2})")
# Organisations with no place of their own: the centre.
_NATIONAL = re.compile(r"^(?:最高人民|中央|中国|中华全国|全国|国家|国务院)")
_YOUTH = re.compile(r"^共青团(.+?)(?:委员会|委)$")
_SPACE = re.compile(r"[\s\u3000]+")
_TITLE_ORG = re.compile(r"(?:中国共产党|中共)[^关]{2,60}?(?=关于)")
# In the opening, the Party committee that ordered the inspection: 根据东营市委统一部署, 东营市委第二巡察组.
_INSPECTOR_PLACE = re.compile(r"(?:省|市|县|区|旗|州)委")

LEVEL_SUFFIXES = {
    "省": ("省",),
    "自治区": ("自治区", "省"),
    "市": ("市",),
    "州": ("州", "盟", "市"),
    "盟": ("盟",),
    "县": ("县",),
    "区": ("区",),
    "旗": ("旗",),
}


# -- the tables -------------------------------------------------------------------------------------


def _data(name: str) -> str:
    return (resources.files("summarise.archive") / "data" / name).read_text(encoding="utf-8")


@dataclass(frozen=True)
class Place:
    code: str | None  # six-digit division code; None for a place the table lacks (read by its suffix)
    name: str


@dataclass(frozen=True)
class _Gazetteer:
    by_code: dict[str, str]
    full: dict[str, list[str]]  # 河源市 → codes
    short: dict[str, list[str]]  # 河源 → codes (provinces and prefectures only)
    longest: int

    def chain(self, code: str) -> str:
        """广东省河源市 for 441600: the province, prefecture and county the code lies in."""
        parts: list[str] = []
        for prefix in (code[:2] + "0000", code[:4] + "00", code):
            name = self.by_code.get(prefix)
            if name and (not parts or parts[-1] != name):
                parts.append(name)
        return "".join(parts)


@cache
def gazetteer() -> _Gazetteer:
    by_code: dict[str, str] = {}
    full: dict[str, list[str]] = defaultdict(list)
    short: dict[str, list[str]] = defaultdict(list)
    for line in _data("places.tsv").splitlines():
        if not line or line.startswith("#"):
            continue
        code, name = line.split("\t")
        by_code[code] = name
        full[name].append(code)
        if code.endswith("00"):  # a province or a prefecture: its name is written without 省/市 too
            stem = _short(name)
            if stem and stem != name:
                short[stem].append(code)
    return _Gazetteer(by_code, dict(full), dict(short), max(map(len, full)))


def _short(name: str) -> str | None:
    if name.endswith(("自治州", "自治区")):
        m = re.match(r"^(.{2,}?)(?:[\u4e00-\u9fff]{1,4}族)*自治[州区]$", name)
        stem = m.group(1) if m else name[:2]
        # 广西壮族自治区 → 广西; 凉山彝族自治州 → 凉山 (and 凉山州)
        return stem[:2] if len(stem) > 2 and "族" in stem else stem
    for suffix in ("特别行政区", "省", "市", "地区", "盟"):
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return None


@dataclass(frozen=True)
class _Abbreviations:
    standard: dict[str, str]  # every form → its standard form
    pattern: re.Pattern[str]
    commissions: frozenset[str]  # standard names ending 委员会, without it: 卫生健康, 发展和改革, …


@cache
def abbreviations() -> _Abbreviations:
    standard: dict[str, str] = {}
    for line in _data("abbreviations.tsv").splitlines():
        if not line or line.startswith("#"):
            continue
        forms = [f.strip() for f in line.split("\t") if f.strip()]
        for form in forms:
            standard[form] = forms[0]
    # Longest first, and every standard form maps to itself, so 高级人民法院 is never read as 高级+人民法院.
    alternatives = sorted(standard, key=len, reverse=True)
    commissions = frozenset(s[: -len("委员会")] for s in standard.values() if s.endswith("委员会"))
    return _Abbreviations(standard, re.compile("|".join(map(re.escape, alternatives))), commissions)


def tables_fingerprint() -> str:
    blob = RULES_VERSION + _data("places.tsv") + _data("abbreviations.tsv")
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


# -- aliases ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Aliases:
    """The user's `别名 → 标准名` pairs, matched on names with party words and short forms normalised."""

    pairs: dict[str, str] = field(default_factory=dict)  # normalised alias → standard name as written
    fingerprint: str = ""

    def lookup(self, name: str) -> tuple[str, str] | None:
        hit = self.pairs.get(_alias_form(name))
        return (name, hit) if hit else None


def _alias_form(name: str) -> str:
    stripped, _ = _strip_party(_SPACE.sub("", name))
    return _expand(stripped)[0]


def read_aliases(path: Path | None) -> Aliases:
    """A TOML file (`"市卫健委" = "宿迁市卫生健康委员会"`, at the top or under [aliases]) or a two-column
    CSV (别名,标准名; a header row is skipped). None: no aliases."""
    if path is None:
        return Aliases()
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(say("units.err.alias_read", path=path, error=exc.strerror or exc)) from None
    text = data.decode("utf-8-sig", errors="replace")
    rows: list[tuple[str, str]] = []
    if path.suffix.lower() == ".toml":
        try:
            doc = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise InputError(say("units.err.alias_toml", path=path, error=exc)) from None
        table = doc.get("aliases", doc)
        if not isinstance(table, dict):
            raise InputError(say("units.err.alias_shape", path=path))
        for alias, standard in table.items():
            if not isinstance(standard, str):
                raise InputError(say("units.err.alias_shape", path=path))
            rows.append((alias, standard))
    else:
        for n, row in enumerate(csv.reader(io.StringIO(text))):
            cells = [c.strip() for c in row]
            if not any(cells):
                continue
            if len(cells) < 2 or not cells[0] or not cells[1]:
                raise InputError(say("units.err.alias_row", path=path, line=n + 1))
            if n == 0 and cells[0].lower() in ("别名", "alias"):
                continue
            rows.append((cells[0], cells[1]))
    pairs = {_alias_form(a): s.strip() for a, s in rows if a.strip() and s.strip()}
    return Aliases(pairs, hashlib.sha256(data).hexdigest()[:16])


# -- reading one name -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Parsed:
    """A name taken apart: the places it begins with, a level with no place (市卫健委), and the body."""

    places: tuple[Place, ...]
    level: str | None
    body: str
    national: bool
    rules: tuple[str, ...]

    @property
    def place(self) -> str | None:
        if not self.places:
            return "中央" if self.national else None
        last = self.places[-1]
        return gazetteer().chain(last.code) if last.code else "".join(p.name for p in self.places)


def _strip_party(name: str) -> tuple[str, list[str]]:
    rules = []
    prefixed = bool(_PARTY_PREFIX.match(name))
    if prefixed:
        name = _PARTY_PREFIX.sub("", name)
        rules.append("strip:中共")
    m = _PARTY_SUFFIX.search(name)
    if m and m.start() >= 2:
        rules.append(f"strip:{m.group(0)}")
        name = name[: m.start()]
    elif prefixed and (c := _COMMITTEE.search(name)) and c.start() >= 2:
        stem = name[: c.start()]
        if not any(stem.endswith(s) for s in abbreviations().commissions):
            rules.append(f"strip:{c.group(0)}")
            name = stem
    return name, rules


def _expand(name: str) -> tuple[str, list[str]]:
    table = abbreviations()
    rules: list[str] = []

    def one(m: re.Match[str]) -> str:
        standard = table.standard[m.group(0)]
        if standard != m.group(0):
            rules.append(f"abbr:{m.group(0)}→{standard}")
        return standard

    return table.pattern.sub(one, name), rules


def _places(name: str) -> tuple[list[Place], int]:
    """The places `name` begins with, each inside the one before (泉州市鲤城区), and where they end."""
    gz = gazetteer()
    found: list[Place] = []
    i = 0
    while i < len(name):
        hit = None
        for n in range(min(gz.longest, len(name) - i - 1), 1, -1):  # a body must follow
            text = name[i : i + n]
            codes = gz.full.get(text) or gz.short.get(text)
            if not codes:
                continue
            if found and found[-1].code:
                inside = [c for c in codes if _within(c, found[-1].code)]
                if not inside:
                    continue
                codes = inside
            elif found:
                continue
            hit = Place(codes[0] if len(codes) == 1 else None, text)
            break
        if hit is None:
            break
        found.append(hit)
        i += len(hit.name)
        if name[i : i + 1] == "委" and len(name) - i > 2:
            i += 1  # 鲤城区委高新区: the district committee's zone
    return found, i


def _within(code: str, parent: str) -> bool:
    if parent.endswith("0000"):
        return code[:2] == parent[:2] and code != parent
    if parent.endswith("00"):
        return code[:4] == parent[:4] and code != parent
    return False


def parse_name(raw: str) -> Parsed | None:
    name = _SPACE.sub("", raw)
    if not name:
        return None
    name, rules = _strip_party(name)
    youth = _YOUTH.match(name)
    if youth:  # 共青团南县委员会: the league committee of 南县
        name = youth.group(1) + "共青团委员会"
        rules.append("youth_league")
    name, more = _expand(name)
    rules += more
    places, end = _places(name)
    body = name[end:]
    level = None
    if not places:
        m = _LEVEL.match(body)
        if m:
            level = m.group(1)
            body = body[m.end() :]
    if not body:  # 中共某县委员会: the county committee itself
        body = "委员会"
    return Parsed(tuple(places), level, body, bool(not places and _NATIONAL.match(body)), tuple(rules))


# -- reading a notice -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """Where a part of the key was read: a meta field (unit, issuer, title) or the opening text."""

    field: str
    text: str
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class UnitKey:
    key: str | None  # place/body; None when the notice cannot be given one (see reason)
    name: str | None  # for people: the place and the body as one name
    place: str | None
    body: str | None
    unit_from: Source | None
    place_from: Source | None
    rules: tuple[str, ...] = ()
    reason: str | None = None  # no_unit | round_level | place_unknown


@dataclass(frozen=True)
class _Candidate:
    source: Source
    parsed: Parsed


def _evidence_source(field_name: str, text: str, ev: Evidence | None) -> Source:
    return Source(field_name, text, ev.start if ev else None, ev.end if ev else None)


def _candidates(summary: ReportSummary, aliases: Aliases) -> list[tuple[_Candidate, list[str]]]:
    meta = summary.meta
    raw: list[Source] = []
    if meta.unit:
        raw.append(_evidence_source("unit", meta.unit, meta.evidence.get("unit")))
    if meta.issuer:
        raw.append(_evidence_source("issuer", meta.issuer, meta.evidence.get("issuer")))
    if meta.title:
        m = _TITLE_ORG.search(meta.title)
        if m:
            ev = meta.evidence.get("title")
            start = ev.start + m.start() if ev and ev.quote == meta.title else None
            raw.append(
                Source("title", m.group(0), start, start + len(m.group(0)) if start is not None else None)
            )
    out = []
    for source in raw:
        alias_rules: list[str] = []
        text = source.text
        hit = aliases.lookup(text)
        if hit:
            text = hit[1]
            alias_rules.append(f"alias:{hit[0]}→{hit[1]}")
        parsed = parse_name(text)
        if parsed is not None:
            out.append((_Candidate(source, parsed), alias_rules))
    return out


def _compatible(a: Parsed, b: Parsed) -> bool:
    """Whether two names in one notice are one organisation, written two ways."""
    if a.body == b.body or a.body.endswith(b.body) or b.body.endswith(a.body):
        return True
    ga, gb = _grams(a.body), _grams(b.body)
    return bool(ga and gb) and 2 * len(ga & gb) / (len(ga) + len(gb)) >= 0.5


def _grams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


def _depth(p: Parsed) -> int:
    place = p.place
    return 0 if place is None else len(place)


def unit_key(summary: ReportSummary, aliases: Aliases | None = None) -> UnitKey:
    """The unit key of one summary, with what it was read from."""
    aliases = aliases or Aliases()
    if summary.meta.round_level and not summary.meta.unit:
        return UnitKey(None, None, None, None, None, None, reason="round_level")
    candidates = _candidates(summary, aliases)
    if not candidates:
        return UnitKey(None, None, None, None, None, None, reason="no_unit")
    (first, first_rules) = candidates[0]
    group = [(c, r) for c, r in candidates if c is first or _compatible(first.parsed, c.parsed)]
    # The name that says most about the place decides; among equals, the unit field as the notice gives it.
    best, best_rules = max(group, key=lambda cr: _depth(cr[0].parsed))
    rules = list(best_rules) + list(best.parsed.rules)
    body = best.parsed.body
    place = best.parsed.place
    place_from = best.source if place else None
    if place is None:
        found = _opening_place(summary, best.parsed)
        if found:
            place, place_from = found
            rules.append(f"place:{place_from.field}")
    if place is None:
        return UnitKey(
            None,
            (best.parsed.level or "") + body,
            None,
            body,
            best.source,
            None,
            tuple(rules),
            reason="place_unknown",
        )
    return UnitKey(
        f"{place}/{body}", _display(place, body), place, body, best.source, place_from, tuple(rules)
    )


def _display(place: str, body: str) -> str:
    return body if place == "中央" else place + body


def _opening_place(summary: ReportSummary, parsed: Parsed) -> tuple[str, Source] | None:
    """A place for a name that lacks one: the same body named with its place in the opening, else the
    Party committee that ordered the inspection, when it is of the unit's level (市委 for 市卫健委)."""
    text = summary.source.text[:OPENING_CHARS]
    expanded, _ = _expand(text)
    if len(expanded) == len(text):  # offsets only mean something when no short form was expanded
        hay, exact = expanded, True
    else:
        hay, exact = text, False
    forms = [parsed.body] + [f for f, s in abbreviations().standard.items() if s == parsed.body and f != s]
    for form in forms:
        for m in re.finditer(re.escape(form), hay):
            place = _place_before(hay, m.start(), parsed.level)
            if place:
                start = m.start() - len(place[1])
                return place[0], Source(
                    "opening", hay[start : m.end()], start if exact else None, m.end() if exact else None
                )
    if parsed.level:
        for m in _INSPECTOR_PLACE.finditer(text):
            if text[m.start()] not in LEVEL_SUFFIXES.get(parsed.level, ()):
                continue
            place = _place_before(text, m.start() + 1, parsed.level)
            if place:
                start = m.start() + 1 - len(place[1])
                return place[0], Source("inspector", text[start : m.end()], start, m.end())
    return None


def _place_before(text: str, end: int, level: str | None) -> tuple[str, str] | None:
    """The longest run of places ending at `end` (东营市, 泉州市鲤城区), as (chain, text), when it fits
    the level the name gives (a 市 unit's place is a 市)."""
    gz = gazetteer()
    for n in range(min(end, gz.longest * 2), 1, -1):
        chunk = text[end - n : end]
        places, stop = _places(chunk + "某某")  # _places wants a body after the places
        if places and stop == n:
            last = places[-1]
            if level and not last.name.endswith(LEVEL_SUFFIXES.get(level, (level,))):
                continue
            chain = gz.chain(last.code) if last.code else "".join(p.name for p in places)
            return chain, chunk
    return None
