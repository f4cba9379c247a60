"""The LLM engine speaks the run's language: Chinese by default, English with --lang en.

The other LLM tests read the messages in English (conftest.english_messages); these read them in
Chinese, with every row of the provider table and every fallback warning a user can meet."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from language import english_sentences

from summarise import i18n
from summarise.llm.failures import TABLE, Signal, describe
from summarise.llm.usage import format_usage

BASE = "https://api.example.com/v1"


@pytest.fixture(autouse=True)
def chinese() -> Iterator[None]:
    with i18n.use_lang("zh"):
        yield


def _signal(row_name: str) -> Signal:
    row = next(r for r in TABLE if r.name == row_name)
    if row.finish:
        return Signal(finish=row.finish[0], said=row.finish[0])
    if row.transport:
        return Signal(transport=row.transport[0], said="Name or service not known")
    return Signal(status=(row.statuses or (400,))[0], said="Some provider message")


@pytest.mark.parametrize("row", [r.name for r in TABLE])
def test_every_provider_failure_reads_in_chinese(row: str) -> None:
    known = next(r for r in TABLE if r.name == row)
    message = describe(known, _signal(row), base_url=BASE, model="deepseek-chat", mode="json").message
    # The provider's own words are quoted as sent; the rest of the line is ours, in Chinese.
    ours = message.replace("Some provider message", "").replace("Name or service not known", "")
    assert english_sentences(ours) == [], message
    with i18n.use_lang("en"):
        english = describe(known, _signal(row), base_url=BASE, model="deepseek-chat", mode="json").message
    assert english != message and not any("\u4e00" <= ch <= "\u9fff" for ch in english), english


def test_the_usage_line_is_chinese_by_default_and_english_on_request() -> None:
    usage = {
        "calls": 3,
        "cache_hits": 1,
        "http_requests": 2,
        "prompt_tokens": 12345,
        "completion_tokens": 678,
    }
    line = format_usage(usage)
    assert "12,345" in line and "次调用" in line and english_sentences(line) == []
    with i18n.use_lang("en"):
        assert format_usage(usage).startswith("llm (no model called): 3 calls, 1 from cache")
