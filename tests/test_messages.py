"""The message catalogue: both languages for every key, the same placeholders, Chinese that is Chinese."""

from __future__ import annotations

import string

import pytest
from language import english_sentences

from summarise import i18n
from summarise.messages import CATALOGUE


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_each_message_has_both_languages_with_the_same_placeholders(key: str) -> None:
    zh, en = CATALOGUE[key]
    assert zh.strip() and en.strip()
    assert _fields(zh) == _fields(en), key


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_the_chinese_text_holds_no_english_sentence(key: str) -> None:
    zh, _ = CATALOGUE[key]
    assert english_sentences(zh) == [], (key, zh)


def test_say_follows_the_language_in_force() -> None:
    with i18n.use_lang("en"):
        assert i18n.say("help.lang").startswith("Interface language")
    with i18n.use_lang("zh"):
        assert i18n.say("help.lang").startswith("界面语言")


def test_the_sentence_detector_finds_english_and_passes_what_users_type() -> None:
    assert english_sentences("report states 12 people dealt with") != []
    assert english_sentences("请加 --engine llm，或设置 SUMMARISE_LANG=en；代码 count_mismatch") == []


@pytest.mark.parametrize(
    ("raw", "lang"), [("zh", "zh"), ("EN", "en"), ("en_GB.UTF-8", "en"), ("zh-CN", "zh"), ("fr", None)]
)
def test_language_names_parse(raw: str, lang: str | None) -> None:
    assert i18n.parse_lang(raw) == lang
