"""The one message catalogue: every text the tool shows a user, as key → (Chinese, English).

Keys are grouped by where the text appears. Warning *codes* (count_mismatch, …) are stable English
identifiers for scripts and are not here; their messages are. Placeholders are str.format fields
and must be the same in both languages (tests/test_messages.py checks). Add a text here, then call
`i18n.say(key, …)`: never write a user-facing string in a module.
"""

from __future__ import annotations

CATALOGUE: dict[str, tuple[str, str]] = {
    # --- language -------------------------------------------------------------------------------
    "lang.unknown": (
        "{origin}={value!r}：不支持的界面语言，请用 zh（中文）或 en（英文）",
        "{origin}={value!r}: not a language the interface speaks; use zh (Chinese) or en (English)",
    ),
    "help.lang": (
        "界面语言：zh（中文，默认）或 en（英文）。环境变量：SUMMARISE_LANG。",
        "Interface language: zh (Chinese, the default) or en (English). Env: SUMMARISE_LANG.",
    ),
    # --- section: cli ---------------------------------------------------------------------------
    # --- end: cli -------------------------------------------------------------------------------
    # --- section: errors (ingest, extract, fileio, settings) -------------------------------------
    # --- end: errors ----------------------------------------------------------------------------
    # --- section: warnings (assemble, reconcile) ------------------------------------------------
    # --- end: warnings --------------------------------------------------------------------------
    # --- section: rules -------------------------------------------------------------------------
    # --- end: rules -----------------------------------------------------------------------------
    # --- section: llm ---------------------------------------------------------------------------
    # --- end: llm -------------------------------------------------------------------------------
    # --- section: views (terminal, markdown, html, overview, deadlines) -------------------------
    # --- end: views -----------------------------------------------------------------------------
    # --- section: ledger ------------------------------------------------------------------------
    # --- end: ledger ----------------------------------------------------------------------------
    # --- section: diff --------------------------------------------------------------------------
    # --- end: diff ------------------------------------------------------------------------------
    # --- section: archive (bulk, search, tallies, progress) -------------------------------------
    # --- end: archive ---------------------------------------------------------------------------
    # --- section: units (unit keys, rounds) -----------------------------------------------------
    # --- end: units -----------------------------------------------------------------------------
    # --- section: serve -------------------------------------------------------------------------
    # --- end: serve -----------------------------------------------------------------------------
}
