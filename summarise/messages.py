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
    # provider failures (llm/failures.py TABLE): placeholders base_url, host, model, mode, other_modes, status, said
    "llm.fail.refused": (
        "服务商的内容审核拒绝了这段文字（HTTP {status}：{said}）",
        "the provider's content check refused the text (HTTP {status}: {said})",
    ),
    "llm.fail.account": (
        "{base_url} 上该 API 密钥所属账户无法支付调用费用（HTTP {status}：{said}）；请充值或核对套餐后重试",
        "the account behind the API key cannot pay for calls at {base_url} (HTTP {status}: {said}); "
        "top it up or check its plan, then run again",
    ),
    "llm.fail.context": (
        "文字超出 {model} 的上下文长度（HTTP {status}：{said}）",
        "the text is longer than {model}'s context (HTTP {status}: {said})",
    ),
    "llm.fail.request": (
        "{base_url} 拒绝了请求（HTTP {status}：{said}）；请对照服务商文档检查 --model、--mode 和 SUMMARISE_* 设置",
        "{base_url} refused the request (HTTP {status}: {said}); "
        "check --model, --mode and the SUMMARISE_* settings against the provider's documentation",
    ),
    "llm.fail.filtered": (
        "服务商的内容过滤中止了回答（finish_reason={said}）",
        "the provider's content filter stopped the answer (finish_reason={said})",
    ),
    "llm.fail.refusal": ("模型拒绝回答：{said}", "the model refused: {said}"),
    "llm.fail.length": (
        "模型回答在 max_tokens={said} 处被截断（finish_reason=length）；请调高 SUMMARISE_MAX_TOKENS 或调低 SUMMARISE_MAX_CHUNK_ITEMS",
        "the model's answer was cut off at max_tokens={said} (finish_reason=length); "
        "raise SUMMARISE_MAX_TOKENS or lower SUMMARISE_MAX_CHUNK_ITEMS",
    ),
    "llm.fail.unknown_model": (
        "{base_url} 没有模型 {model!r}（HTTP {status}：{said}）；请检查 --model",
        "{base_url} has no model {model!r} (HTTP {status}: {said}); check --model",
    ),
    "llm.fail.output_mode": (
        "{base_url} 拒绝了请求（HTTP {status}：{said}）；它不支持 --mode {mode}，请改用 {other_modes}",
        "{base_url} refused the request (HTTP {status}: {said}); it does not take --mode {mode}: try {other_modes}",
    ),
    "llm.fail.max_tokens": (
        "{base_url} 拒绝了请求（HTTP {status}：{said}）；请把 SUMMARISE_MAX_TOKENS 设为 {model} 允许的值",
        "{base_url} refused the request (HTTP {status}: {said}); set SUMMARISE_MAX_TOKENS to what {model} allows",
    ),
    "llm.fail.temperature": (
        "{base_url} 拒绝了请求（HTTP {status}：{said}）；请把 SUMMARISE_TEMPERATURE 设为 {model} 允许的值",
        "{base_url} refused the request (HTTP {status}: {said}); set SUMMARISE_TEMPERATURE to what {model} allows",
    ),
    "llm.fail.key": (
        "{base_url} 拒绝了 API 密钥（HTTP 401）；请检查 OPENAI_API_KEY",
        "{base_url} rejected the API key (HTTP 401); check OPENAI_API_KEY",
    ),
    "llm.fail.forbidden": (
        "{base_url} 拒绝访问模型 {model}（HTTP 403：{said}）",
        "{base_url} refused access to model {model} (HTTP 403: {said})",
    ),
    "llm.fail.not_found": (
        "{base_url} 没有模型 {model!r} 或没有 /chat/completions 接口（HTTP 404）；"
        "请检查 --model，并确认 --base-url 以 /v1（或服务商的兼容路径）结尾",
        "{base_url} has no model {model!r} or no /chat/completions (HTTP 404); "
        "check --model and that --base-url ends with /v1 (or the provider's compatible path)",
    ),
    "llm.fail.http": ("{base_url} 返回 HTTP {status}：{said}", "HTTP {status} from {base_url}: {said}"),
    "llm.fail.dns": (
        "无法解析 --base-url {base_url} 的主机 {host}（{said}）；请检查地址",
        "cannot resolve {host}, the host of --base-url {base_url} ({said}); check the address",
    ),
    "llm.fail.refused_connection": (
        "{base_url} 无法连接（{said}）；请检查 --base-url，并确认服务已启动",
        "nothing accepts connections at {base_url} ({said}); check --base-url and that the server runs",
    ),
    "llm.fail.malformed_url": (
        "--base-url {base_url!r} 不是可调用的地址（{said}）；请写成 https://主机/v1（如 https://api.deepseek.com/v1）",
        "--base-url {base_url!r} is not a URL the client can call ({said}); "
        "write it as https://host/v1 (e.g. https://api.deepseek.com/v1)",
    ),
    "llm.fail.timeout": ("等待 {base_url} 回答超时", "timed out waiting for {base_url}"),
    "llm.fail.connection": ("无法连接 {base_url}（{said}）", "cannot connect to {base_url} ({said})"),
    "llm.fail.schema": (
        "模型回答始终不符合格式要求：{detail}",
        "the answer never matched the schema: {detail}",
    ),
    "llm.fail.deadline": (
        "本报告自首次调用起 {seconds} 秒的时限已过，此段仍未得到回答（SUMMARISE_REPORT_DEADLINE）",
        "the report's deadline of {seconds} s from its first call passed before this chunk was answered "
        "(SUMMARISE_REPORT_DEADLINE)",
    ),
    "llm.fail.too_long": (
        "{message}；已对半切分 {depth} 次（至多 {limit} 次）仍然过长：请调低 SUMMARISE_CHUNK_TOKENS；"
        "若单是 SUMMARISE_MAX_TOKENS 就占满了上下文，请调低它",
        "{message}; halved {depth} times (at most {limit}), still too long: "
        "lower SUMMARISE_CHUNK_TOKENS, or SUMMARISE_MAX_TOKENS if it alone fills the model's context",
    ),
    "llm.log.down": (
        "{base_url} 在本次运行余下时间内视为不可用：{reason}",
        "{base_url} is treated as down for the rest of this run: {reason}",
    ),
    "llm.breaker": (
        "连续 {failures} 次调用未得到回答；最后一次：{why}",
        "{failures} calls in a row got no answer; the last: {why}",
    ),
    "llm.not_sent": (
        "未发送：{base_url} 在本次运行余下时间内视为不可用（{reason}）",
        "not sent: {base_url} is treated as down for the rest of this run ({reason})",
    ),
    "llm.none_succeeded_down": (
        "对 {base_url} 的调用无一成功：本次运行余下时间内视为不可用（{reason}）",
        "no call to {base_url} succeeded: it is treated as down for the rest of this run ({reason})",
    ),
    "llm.none_succeeded": (
        "对 {base_url} 的调用无一成功：{message}",
        "no call to {base_url} succeeded: {message}",
    ),
    # log lines
    "llm.log.retry": (
        "模型调用失败（{error}）；{delay:.2f} 秒后第 {attempt}/{attempts} 次重试",
        "llm call failed ({error}); retry {attempt} of {attempts} in {delay:.2f}s",
    ),
    "llm.log.rate_wait": (
        "为遵守调用频率限制，等待 {delay:.2f} 秒",
        "llm: waiting {delay:.2f}s for the rate limit",
    ),
    "llm.log.fell_back": (
        "第 {chunk} 段改用规则引擎的结果：{message}",
        "llm chunk {chunk} fell back to the rules engine: {message}",
    ),
    "llm.log.split": (
        "第 {chunk} 段超出 {model} 的上下文，改为分两段询问：{first} 和 {second}",
        "llm chunk {chunk} is too long for {model}: asking for {first} and {second}",
    ),
    "llm.log.cache_unreadable": (
        "忽略无法读取的缓存条目 {name}（{error}）",
        "ignoring unreadable cache entry {name} ({error})",
    ),
    "llm.log.cache_unwritable": (
        "无法写入缓存条目 {path}（{error}）",
        "cannot write cache entry {path} ({error})",
    ),
    "llm.usage.dry_run": (
        "模型预估：{calls} 次调用（{cached} 次已有缓存），约输入 {tokens_in:,} 个 token、输出 {tokens_out:,} 个",
        "llm dry run: {calls} calls ({cached} already cached), about {tokens_in:,} tokens in + {tokens_out:,} out",
    ),
    "llm.usage.line": (
        "模型（{models}）：{calls} 次调用，{cached} 次取自缓存，{http} 次 HTTP 请求，输入 {tokens_in:,} 个 token"
        "（其中缓存 {cached_tokens:,} 个），输出 {tokens_out:,} 个，重试 {retries} 次，重问 {reasks} 次{money}",
        "llm ({models}): {calls} calls, {cached} from cache, {http} HTTP requests, {tokens_in:,} tokens in "
        "({cached_tokens:,} cached) + {tokens_out:,} out, {retries} retries, {reasks} re-asks{money}",
    ),
    "llm.usage.money": ("，费用 {cost:.4f} {currency}", ", cost {cost:.4f} {currency}"),
    "llm.usage.no_model": ("未调用模型", "no model called"),
    # warnings (llm/answers.py, llm/engine.py)
    "llm.warn.fallback": (
        "第 {chunk} 段（{section}）：{message}；其中 {entries} 个条目采用规则引擎的结果",
        "llm chunk {chunk} ({section}): {message}; its {entries} entries are the rules engine's",
    ),
    "llm.warn.unknown_item": (
        "第 {chunk} 段：忽略了对未知编号 {id!r} 的回答",
        "llm chunk {chunk}: ignored an answer for unknown id {id!r}",
    ),
    "llm.warn.missing_item": (
        "第 {chunk} 段：模型没有回答 {id}（{label}），保留规则引擎的结果",
        "llm chunk {chunk}: the model gave no answer for {id} ({label}); the rules engine's result is kept",
    ),
    "llm.warn.found_covered": (
        "第 {chunk} 段：模型把「{title}」列为新问题，但已有条目涵盖它，未采用",
        "llm chunk {chunk}: the model listed {title!r} as new, but an entry already covers it; left out",
    ),
    "llm.warn.unverified": (
        "{where} {what}：模型给出的引文不在报告中，保留但标为未核实：{quote!r}",
        "{where} {what}: the model's quote is not in the report and is kept unverified: {quote!r}",
    ),
    "llm.warn.not_a_number": (
        "{where}：{number!r} 不是数字，该数据未采用",
        "{where}: {number!r} is not a number; figure left out",
    ),
    "llm.warn.number_not_in_quote": (
        "{where}：数字 {number!r} 不在其引文中",
        "{where}: figure {number!r} is not in its quote",
    ),
    "llm.warn.dry_run": (
        "预估运行：未调用模型，以下为规则引擎的结果；将向 {model} 发出 {calls} 次调用（{cached} 次已有缓存），"
        "约输入 {tokens_in:,} 个 token、输出 {tokens_out:,} 个",
        "dry run: no model was called and this is the rules engine's summary; {calls} calls ({cached} cached) "
        "with about {tokens_in:,} tokens in and {tokens_out:,} out would go to {model}",
    ),
    # configuration (llm/config.py, usage.py, prompts.py, batch.py)
    "llm.cfg.no_endpoint": (
        "模型引擎需要一个兼容 OpenAI 的接口：请设置 OPENAI_BASE_URL 或传入 --base-url"
        "（如 https://api.openai.com/v1、https://api.deepseek.com/v1）；--engine rules 无需接口",
        "the llm engine needs an OpenAI-compatible endpoint: set OPENAI_BASE_URL or pass --base-url "
        "(e.g. https://api.openai.com/v1, https://api.deepseek.com/v1); --engine rules needs none",
    ),
    "llm.cfg.no_key": (
        "模型引擎调用 {base_url} 需要 API 密钥：请设置 OPENAI_API_KEY 或 SUMMARISE_API_KEY；--engine rules 无需密钥",
        "the llm engine needs an API key for {base_url}: set OPENAI_API_KEY or SUMMARISE_API_KEY; "
        "--engine rules needs none",
    ),
    "llm.cfg.no_model": (
        "不知道 {base_url} 的默认模型：请传入 --model 或设置 SUMMARISE_MODEL",
        "no default model is known for {base_url}: pass --model or set SUMMARISE_MODEL",
    ),
    "llm.cfg.no_model_set": ("（未设模型）", "(no model set)"),
    "llm.cfg.mode": (
        "未知的 --mode {mode!r}；可选：{choices}",
        "unknown --mode {mode!r}; choose one of: {choices}",
    ),
    "llm.cfg.concurrency": ("--concurrency 至少为 1", "--concurrency must be at least 1"),
    "llm.cfg.url_example": (
        "请写成 https://主机/v1（如 https://api.deepseek.com/v1）",
        "write it as https://host/v1 (e.g. https://api.deepseek.com/v1)",
    ),
    "llm.cfg.url_scheme": ("{scheme}:// 不是 http:// 或 https://", "{scheme}:// is not http:// or https://"),
    "llm.cfg.url_no_scheme": ("前面需要 http:// 或 https://", "it needs http:// or https:// in front"),
    "llm.cfg.url_bad": (
        "--base-url {base_url!r} 不是可调用的地址：{why}；{example}",
        "--base-url {base_url!r} is not a URL the client can call: {why}; {example}",
    ),
    "llm.cfg.url_port": (
        "--base-url {base_url!r} 的端口不是 1 到 65535 之间的数字；{example}",
        "--base-url {base_url!r} has a port that is not a number from 1 to 65535; {example}",
    ),
    "llm.cfg.url_host": (
        "--base-url {base_url!r} 没有可调用的主机名；{example}",
        "--base-url {base_url!r} names no host the client can call; {example}",
    ),
    "llm.cfg.prices": ("无法读取价格表 {path}：{error}", "cannot read the price table {path}: {error}"),
    "llm.prompt.placeholder": (
        "提示模板 {name}：占位符无效（字面的 $ 请写作 $$）",
        "prompt {name}: invalid placeholder (write a literal $ as $$)",
    ),
    "llm.prompt.undeclared": (
        "提示模板 {name}：使用了未声明的变量 {names}",
        "prompt {name}: uses undeclared variable(s) {names}",
    ),
    "llm.prompt.unused": (
        "提示模板 {name}：声明了未使用的变量 {names}",
        "prompt {name}: declares unused variable(s) {names}",
    ),
    "llm.prompt.missing": (
        "提示模板 {name} v{version}：缺少变量 {names}",
        "prompt {name} v{version}: missing variable(s) {names}",
    ),
    "llm.prompt.unexpected": (
        "提示模板 {name} v{version}：多余的变量 {names}",
        "prompt {name} v{version}: unexpected variable(s) {names}",
    ),
    "llm.prompt.not_found": (
        "在 {directory} 中找不到提示模板 {name}.toml",
        "prompt template {name}.toml not found in {directory}",
    ),
    "llm.prompt.malformed": (
        "提示模板 {name}.toml 格式有误：{error}",
        "prompt template {name}.toml is malformed: {error}",
    ),
    "llm.prompt.misnamed": (
        "提示模板 {name}.toml 自称 {other!r}",
        "prompt template {name}.toml names itself {other!r}",
    ),
    "llm.batch.no_key": (
        "Batch 接口需要 API 密钥（SUMMARISE_API_KEY）",
        "the Batch API needs an API key (SUMMARISE_API_KEY)",
    ),
    "llm.batch.not_folder": ("{path}：不是文件夹", "{path}: not a folder"),
    "llm.batch.other_settings": (
        "{path} 中的批次是按 {name} {old!r} 提交的，而不是 {new!r}：请先收取这些批次，或换一个输出文件夹",
        "{path} holds batches for {name} {old!r}, not {new!r}: collect them first, or use another output folder",
    ),
    "llm.batch.none": (
        "{path}：尚未提交批次（请先运行 `summarise bulk ... --batch`）",
        "{path}: no batches submitted (run `summarise bulk ... --batch` first)",
    ),
    # the dry-run table (llm/estimate.py)
    "llm.est.title": (
        "模型预估：{model}（{mode} 模式）；未调用任何接口",
        "llm dry run: {model} ({mode} mode); nothing was called",
    ),
    "llm.est.files": ("文件", "files"),
    "llm.est.texts": ("不同文本", "distinct texts"),
    "llm.est.unreadable": ("无法读取的文件", "unreadable files"),
    "llm.est.chunks": ("分段", "chunks"),
    "llm.est.calls": ("调用", "calls"),
    "llm.est.cache_hits": ("缓存命中", "cache hits"),
    "llm.est.prompt_tokens": ("输入 token", "prompt tokens"),
    "llm.est.completion_tokens": ("输出 token", "completion tokens"),
    "llm.est.cost": ("费用", "cost"),
    "llm.est.no_price": (
        "没有 {model} 的价格：请把 SUMMARISE_PRICES 指向价格表（见 docs/llm.md）",
        "no price for {model}: set SUMMARISE_PRICES to a price table (docs/llm.md)",
    ),
    "llm.est.real_time": ("实时", "real-time"),
    "llm.est.batch": ("批量", "batch"),
    "llm.est.how": (
        "token 估算方法：{how}",
        "tokens estimated: {how}",
    ),
    "llm.est.rule": (
        "每个汉字 1 个 token，其他字符每 4 个 1 个，含格式说明；每个条目输出 {per_entry} 个，每段未归类文字 {per_gap} 个",
        "1 token per CJK character + 1 per 4 other characters, schema included; "
        "{per_entry} out per entry, {per_gap} per uncovered stretch",
    ),
    "llm.or": (" 或 ", " or "),
    "llm.what.new": ("新发现", "new"),
    "llm.what.summary": ("摘要", "summary"),
    "llm.what.status": ("状态", "status"),
    "llm.what.problem": ("问题「{title}」", "problem {title!r}"),
    "llm.what.measure": ("措施「{text}」", "measure {text!r}"),
    "llm.what.figure": ("数据「{label}」", "figure {label!r}"),
    "llm.what.overview": ("概述第 {n} 句", "overview sentence {n}"),
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
