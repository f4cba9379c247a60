"""The rules engine's summaries of every text in the repo, saved once and compared after a change.

    python bench/compare_outputs.py dump DIR      # write DIR/summaries.json from the summarise on sys.path
    python bench/compare_outputs.py compare DIR   # summarise again and list every summary that differs

The texts are the seeds, tests/realworld, tests/llm/fixtures and tests/fixtures, each also rewritten by
tests/variants.py (punctuation, numbering, layout, chrome, traditional characters, markdown, encodings),
and a long generated notice of numbered items. To compare against an older tree, run `dump` with
PYTHONPATH pointing at it: the texts are always read from this checkout, the code from sys.path.
`overview` and each warning's `message` are left out: they are written in the interface language and
change with the wording, while the facts they state are compared through every other field.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from variants import ENCODINGS, MARKDOWN_VARIANTS, TEXT_VARIANTS  # noqa: E402

from summarise.errors import SummariseError  # noqa: E402
from summarise.ingest import from_bytes  # noqa: E402
from summarise.pipeline import Pipeline  # noqa: E402

_DIRS = ("seeds", "tests/realworld/notices", "tests/llm/fixtures", "tests/fixtures")


def _files() -> list[Path]:
    found: list[Path] = []
    for d in _DIRS:
        found.extend(p for p in sorted((ROOT / d).rglob("*")) if p.suffix in (".txt", ".md"))
    return [p for p in found if p.name != "README.md"]


def _many_items(n: int) -> str:
    """A notice with `n` numbered items under one area: the shape whose cost must stay linear."""
    head = "关于县委第一巡察组巡察反馈问题整改进展情况的通报\n根据县委统一部署，2024年4月12日至7月12日，县委第一巡察组对县财政局开展了常规巡察。9月13日反馈了巡察意见。\n"
    body = "一、巡察反馈问题整改落实情况\n(一)关于落实主体责任不到位方面\n"
    items = "".join(
        f"{i}.关于第{i}项问题整改不到位的问题。一是完善制度{i}项，已完成。二是开展检查{i}次，正在推进。完成时限：2025年{i % 12 + 1}月底。\n"
        for i in range(1, n + 1)
    )
    return head + body + items + "县财政局党组\n2024年12月30日\n"


def corpus() -> Iterator[tuple[str, bytes, str]]:
    """(name, bytes, file name) of every text the comparison covers."""
    for path in _files():
        rel = path.relative_to(ROOT).as_posix()
        data = path.read_bytes()
        yield rel, data, path.name
        if path.suffix != ".txt":
            continue
        text = data.decode("utf-8")
        for vname, rewrite in TEXT_VARIANTS.items():
            yield f"{rel}#{vname}", rewrite(text).encode("utf-8"), path.name
        if rel.startswith("seeds/"):
            for vname, rewrite in MARKDOWN_VARIANTS.items():
                yield f"{rel}#{vname}", rewrite(text).encode("utf-8"), path.stem + ".md"
            for enc in ENCODINGS:
                yield f"{rel}@{enc}", text.encode(enc), path.name
    yield "generated/many_items_1500", _many_items(1500).encode("utf-8"), "many.txt"


def _comparable(summary: dict[str, Any]) -> dict[str, Any]:
    summary.pop("overview", None)
    for w in summary.get("warnings", []):
        w.pop("message", None)
    return summary


def summaries() -> dict[str, dict[str, Any]]:
    pipeline = Pipeline()
    out: dict[str, dict[str, Any]] = {}
    for name, data, fname in corpus():
        key = {"input_sha256": hashlib.sha256(data).hexdigest()}
        try:
            summary = pipeline.summarise(from_bytes(data, name=fname, path=fname))
        except SummariseError as exc:  # a refused input is an output too
            out[name] = {**key, "error": type(exc).__name__}
            continue
        out[name] = {**key, "summary": _comparable(summary.model_dump(mode="json"))}
    return out


def _without_new_keys(before: Any, now: Any, new: set[str], where: str = "") -> Any:
    """`now` without the keys `before` lacks (fields a model change added), their paths put in `new`."""
    if isinstance(before, dict) and isinstance(now, dict):
        out = {}
        for k, v in now.items():
            if k not in before:
                new.add(re.sub(r"\[\d+\]", "[]", f"{where}.{k}"))
            else:
                out[k] = _without_new_keys(before[k], v, new, f"{where}.{k}")
        return out
    if isinstance(before, list) and isinstance(now, list) and len(before) == len(now):
        return [
            _without_new_keys(x, y, new, f"{where}[{i}]")
            for i, (x, y) in enumerate(zip(before, now, strict=True))
        ]
    return now


def _first_difference(a: Any, b: Any, where: str = "") -> str:
    if type(a) is not type(b):
        return f"{where}: {a!r:.120} != {b!r:.120}"
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                return f"{where}.{k}: {'added' if k not in a else 'removed'}"
            if a[k] != b[k]:
                return _first_difference(a[k], b[k], f"{where}.{k}")
    if isinstance(a, list):
        if len(a) != len(b):
            return f"{where}: {len(a)} items != {len(b)}"
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            if x != y:
                return _first_difference(x, y, f"{where}[{i}]")
    return f"{where}: {a!r:.120} != {b!r:.120}"


def main() -> int:
    if os.environ.get("PYTHONHASHSEED") != "0":
        # OpenCC's traditional rewrite picks among variants in hash order: fix it so the texts repeat.
        os.execve(sys.executable, [sys.executable, *sys.argv], {**os.environ, "PYTHONHASHSEED": "0"})
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("action", choices=("dump", "compare"))
    parser.add_argument("dir", type=Path)
    args = parser.parse_args()
    saved = args.dir / "summaries.json"
    now = summaries()
    if args.action == "dump":
        args.dir.mkdir(parents=True, exist_ok=True)
        saved.write_text(json.dumps(now, ensure_ascii=False, sort_keys=True), encoding="utf-8")
        print(f"{len(now)} summaries written to {saved}")
        return 0
    before: dict[str, dict[str, Any]] = json.loads(saved.read_text(encoding="utf-8"))
    differ = 0
    new_fields: set[str] = set()
    for name in sorted(set(before) | set(now)):
        a, b = before.get(name), now.get(name)
        if a is not None and b is not None:
            b = _without_new_keys(a, b, new_fields)
        if a is None or b is None:
            print(f"{name}: {'new' if a is None else 'gone'}")
            differ += 1
        elif a["input_sha256"] != b["input_sha256"]:
            print(f"{name}: the input text changed; not comparable")
            differ += 1
        elif a != b:
            print(f"{name}: {_first_difference(a, b)}")
            differ += 1
    if new_fields:
        print(f"fields the saved summaries lack, not compared: {', '.join(sorted(new_fields))}")
    print(f"{len(now)} summaries, {differ} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
