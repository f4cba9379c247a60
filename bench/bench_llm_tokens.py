"""Prompt size per report: outline-first chunks versus one whole-document prompt.

    python bench/bench_llm_tokens.py

Tokens are estimated from characters (summarise.llm.usage.estimate_tokens: one per CJK character,
one per four other characters), input including the JSON schema that JSON mode sends with every call;
output is 200 tokens per entry for both, since both ask for the same entries.
"""

from __future__ import annotations

import json
from pathlib import Path

from summarise.ingest import read_path
from summarise.llm import prompts
from summarise.llm.chunking import Chunk, plan
from summarise.llm.engine import OUTPUT_TOKENS_PER_ENTRY, messages_for, render_entries
from summarise.llm.schemas import ChunkAnswer
from summarise.llm.usage import estimate_tokens
from summarise.rules import summarise_text
from summarise.rules.context import Context

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))
SCHEMA = json.dumps(ChunkAnswer.model_json_schema(), indent=2, ensure_ascii=False)


def _tokens(messages: list[dict[str, str]]) -> int:
    return sum(estimate_tokens(m["content"]) for m in messages) + estimate_tokens(SCHEMA)


def main() -> None:
    print(
        f"{'seed':<6}{'chars':>7}{'calls':>6}{'entries':>8}{'outline in':>11}{'whole in':>10}{'in ratio':>9}{'out':>7}"
    )
    totals = [0, 0]
    for seed in SEEDS:
        doc = read_path(seed)
        summary, ctx = summarise_text(doc), Context.of(doc.text)
        unit = summary.meta.unit or ""
        chunks = plan(summary, ctx.outline)
        outline_in = sum(_tokens(messages_for(c, ctx.view, unit)) for c in chunks)
        entries = tuple(e for c in chunks for e in c.entries)
        whole = Chunk("ALL", "area", "(the whole report)", ((0, len(ctx.view.text)),), entries)
        whole_user = prompts.load("area").render(
            unit=unit,
            area="(the whole report)",
            count=str(len(entries)),
            entries=render_entries(whole),
            report=prompts.fence(doc.text),
        )
        whole_in = _tokens([{"content": prompts.load("system").render()}, {"content": whole_user}])
        out = len(entries) * OUTPUT_TOKENS_PER_ENTRY
        totals[0] += outline_in
        totals[1] += whole_in
        print(
            f"{seed.name[:3]:<6}{len(doc.text):>7}{len(chunks):>6}{len(entries):>8}"
            f"{outline_in:>11,}{whole_in:>10,}{outline_in / whole_in:>9.2f}{out:>7,}"
        )
    print(f"{'all':<6}{'':>7}{'':>6}{'':>8}{totals[0]:>11,}{totals[1]:>10,}{totals[0] / totals[1]:>9.2f}")


if __name__ == "__main__":
    main()
