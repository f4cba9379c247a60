"""Hostile and heavy inputs, each run as `summarise report` in a child process: exit code, time, peak
memory (the child's own VmHWM, see tests/measure.py) and the first line of stderr, next to the bound
docs/inputs-and-html.md documents for it.

    python bench/bench_hostile.py [--tmp DIR] [--big]

--big also summarises a 50 MB text with --max-bytes 60MB (about a minute and 1 GB): the cost of
raising the limit, not a bound.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import bombs  # noqa: E402
from measure import run_measured  # noqa: E402

SEED = sorted((ROOT / "seeds").glob("*.txt"))[1]


def build(tmp: Path, big: bool) -> list[tuple[str, list[str], str | None, str]]:
    seed = SEED.read_bytes()
    text50 = tmp / "text-50mb.txt"
    text50.write_bytes(seed * (50_000_000 // len(seed) + 1))
    text19 = tmp / "text-19mb.txt"
    text19.write_bytes(seed * (19_500_000 // len(seed)))
    lines = [ln for ln in SEED.read_text(encoding="utf-8").split("\n") if ln.strip()]
    paragraphs = "".join(f"<p>{ln}</p>\n" for ln in lines)
    html200 = tmp / "page-200mb.html"
    with html200.open("w", encoding="utf-8") as fh:
        fh.write("<html><body><div>")
        for _ in range(200_000_000 // len(paragraphs.encode()) + 1):
            fh.write(paragraphs)
        fh.write("</div></body></html>")
    html19 = tmp / "page-19mb.html"
    html19.write_text(
        "<html><body><div>" + paragraphs * (19_000_000 // len(paragraphs.encode())) + "</div></body></html>",
        encoding="utf-8",
    )
    deep = tmp / "nested-100k.html"
    deep.write_text(bombs.html_nested(100_000, "巡察整改情况通报。"), encoding="utf-8")
    docx = tmp / "bomb-300mb.docx"
    docx.write_bytes(bombs.docx(300_000_000))
    pdf = tmp / "bomb-1gb-stream.pdf"
    pdf.write_bytes(bombs.pdf(1, bomb=1_000_000_000, bomb_is_page=True))
    docx_edge = tmp / "docx-15.9mb-part.docx"
    docx_edge.write_bytes(bombs.docx(15_900_000, tuple(lines[:40])))
    pdf_edge = tmp / "pdf-31mb-stream.pdf"
    pdf_edge.write_bytes(bombs.pdf(1, bomb=31_000_000, bomb_is_page=True))
    pages = tmp / "pages-2000.pdf"
    pages.write_bytes(bombs.pdf(2000))
    cases = [
        ("stdin from /dev/zero", ["-"], "/dev/zero", "refused at 20 MB read"),
        ("/dev/zero as a path", ["/dev/zero"], None, "refused at 20 MB read"),
        ("50 MB text", [str(text50)], None, "refused from its size"),
        ("19.5 MB text (under the limit)", [str(text19)], None, "~20x the input in memory"),
        ("200 MB HTML page", [str(html200)], None, "refused from its size"),
        ("19 MB HTML page (under the limit)", [str(html19)], None, "~20x the input in memory"),
        ("HTML nested 100k deep", [str(deep)], None, "refused past 20,000 levels"),
        (f"DOCX bomb ({docx.stat().st_size // 1000} KB → 300 MB)", [str(docx)], None, "16 MB per XML part"),
        ("DOCX, document.xml of 15.9 MB", [str(docx_edge)], None, "just under 16 MB: ~25x in memory"),
        (f"PDF bomb ({pdf.stat().st_size // 1000} KB, 1 GB stream)", [str(pdf)], None, "32 MB per stream"),
        ("PDF, one stream of 31 MB", [str(pdf_edge)], None, "just under 32 MB (blank: no text)"),
        ("PDF of 2,000 pages", [str(pages)], None, "500 pages"),
    ]
    if big:
        cases.append(("50 MB text, --max-bytes 60MB", [str(text50), "--max-bytes", "60MB"], None, "no bound"))
    return cases


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tmp", type=Path, default=None, help="Where to build the inputs (about 300 MB).")
    parser.add_argument("--big", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.tmp) as tmp:
        cases = build(Path(tmp), args.big)
        print(f"{'input':38} {'exit':>4} {'time':>8} {'peak':>9}  bound: message")
        for label, argv, stdin, bound in cases:
            code, err, seconds, peak = run_measured(["report", *argv, "--format", "json"], stdin)
            message = (err.splitlines() or [""])[0].removeprefix("summarise: error: ")
            print(f"{label:38} {code:>4} {seconds:7.2f}s {peak:6.0f} MB  {bound}: {message[:80]}")


if __name__ == "__main__":
    main()
