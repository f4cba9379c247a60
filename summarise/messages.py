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
    # what the command line prints
    "cli.error": ("summarise：错误：{message}", "summarise: error: {message}"),
    "cli.interrupted": ("summarise：已中断", "summarise: interrupted"),
    "cli.internal": (
        "summarise：内部错误：{kind}：{detail}（设置 SUMMARISE_DEBUG=1 可查看详情）",
        "summarise: internal error: {kind}: {detail} (set SUMMARISE_DEBUG=1 for details)",
    ),
    "cli.wrote": ("已写入 {path}", "wrote {path}"),
    "cli.dry_run.engine": (
        "--dry-run 估算的是 llm 引擎的调用：请加 --engine llm",
        "--dry-run estimates the llm engine's calls: add --engine llm",
    ),
    "cli.dry_run.format": (
        "--dry-run 只能输出 {formats}，不能输出 {fmt!r}；请改用 -f {first}",
        "--dry-run prints {formats}, not {fmt!r}; use -f {first}",
    ),
    "cli.bulk.not_folder": (
        "{path}：不是文件夹（单个文件请用 summarise report）",
        "{path}: not a folder (use `summarise report` for one file)",
    ),
    "cli.bulk.same_folder": (
        "OUT_DIR 必须是与 IN_DIR 不同的文件夹；请给 -o 另指一个文件夹",
        "OUT_DIR must be a different folder from IN_DIR; give -o another folder",
    ),
    "cli.bulk.batch_needs_llm": ("--batch 需要 LLM 引擎：请加 --engine llm", "--batch needs --engine llm"),
    "cli.bulk.unreadable": ("无法读取：{problem}", "unreadable: {problem}"),
    "cli.batch.submitted": (
        "批量接口：已提交 {lines} 个请求，分 {files} 个文件（本次上传 {uploaded} 个，新建 {created} 个批次）；"
        "状态保存在 {state}；请运行 summarise collect {out_dir}",
        "batch: submitted {lines} requests in {files} files ({uploaded} uploaded, {created} batches created "
        "now); state in {state}; run `summarise collect {out_dir}`",
    ),
    "cli.batch.resumed": (
        "批量接口：已续提交 {lines} 个请求，分 {files} 个文件（本次上传 {uploaded} 个，新建 {created} 个批次）；"
        "状态保存在 {state}；请运行 summarise collect {out_dir}",
        "batch: resumed {lines} requests in {files} files ({uploaded} uploaded, {created} batches created "
        "now); state in {state}; run `summarise collect {out_dir}`",
    ),
    "cli.batch.collected": (
        "批量接口：已缓存 {cached} 个回答，无效 {invalid} 个，出错 {errors} 个；{batches} 个批次中尚有 {pending} 个未完成",
        "batch: {cached} answers cached, {invalid} invalid, {errors} errors, "
        "{pending} of {batches} batches not finished",
    ),
    # eval's table
    "cli.eval.field": ("字段", "field"),
    "cli.eval.precision": ("精确率", "precision"),
    "cli.eval.recall": ("召回率", "recall"),
    "cli.eval.missed": ("漏检", "missed"),
    "cli.eval.extra": ("多检", "extra"),
    # help: the app, its commands, their arguments and options
    "cli.app.help": (
        "把巡察、巡视整改进展情况通报整理成结构化、可核对的摘要。默认离线运行（规则引擎）。",
        "Structured, checkable summaries of 巡察/巡视整改进展情况 notices. Offline by default (rules engine).",
    ),
    "cli.app.version": ("显示版本号并退出。", "Print the version and exit."),
    "cli.report.help": ("摘要一份通报。", "Summarise one report."),
    "cli.report.file": (
        "通报文件（txt、md、html、pdf、docx），或用 - 从标准输入读取。",
        "Report file (txt, md, html, pdf, docx), or - for stdin.",
    ),
    "cli.report.format": (
        "输出格式：text、md、json、html，或台账 xlsx、csv。",
        "text, md, json, html, or a ledger: xlsx or csv.",
    ),
    "cli.schema.help": ("输出摘要的 JSON Schema。", "Print the JSON Schema of the summary."),
    "cli.eval.help": (
        "用人工标注的金标准核对种子通报的摘要：逐字段计算精确率和召回率。",
        "Compare summaries of the seeds with hand-annotated gold: precision/recall per field.",
    ),
    "cli.eval.gold": (
        "金标准 JSON 文件所在文件夹（默认：本仓库的 tests/gold）。",
        "Folder of gold JSON files (default: tests/gold of this checkout).",
    ),
    "cli.eval.seeds": (
        "金标准所描述的通报所在文件夹（默认：金标准文件夹旁或其上级的 seeds 文件夹）。",
        "Folder of the reports the gold describes (default: a seeds folder beside the gold folder or above it).",
    ),
    "cli.eval.format": ("输出格式：text 或 json。", "text or json."),
    "cli.opt.engine": (
        "引擎：rules（离线，默认）或 llm。环境变量：SUMMARISE_ENGINE。",
        "rules (offline, default) or llm. Env: SUMMARISE_ENGINE.",
    ),
    "cli.opt.model": ("LLM 模型名。环境变量：SUMMARISE_MODEL。", "LLM model name. Env: SUMMARISE_MODEL."),
    "cli.opt.base_url": (
        "兼容 OpenAI 接口的服务地址。环境变量：OPENAI_BASE_URL。",
        "OpenAI-compatible endpoint. Env: OPENAI_BASE_URL.",
    ),
    "cli.opt.mode": (
        "LLM 输出方式：tools、json 或 json_schema。",
        "LLM output mode: tools, json or json_schema.",
    ),
    "cli.opt.concurrency": ("同时进行的 LLM 调用数。", "Concurrent LLM calls."),
    "cli.opt.rpm": (
        "LLM：每分钟最多发出的请求数（服务商返回的限额同样生效）。环境变量：SUMMARISE_RPM。",
        "LLM: at most this many requests per minute (the provider's headers also count). Env: SUMMARISE_RPM.",
    ),
    "cli.opt.tpm": (
        "LLM：每分钟最多使用的 token 数。环境变量：SUMMARISE_TPM。",
        "LLM: at most this many tokens per minute. Env: SUMMARISE_TPM.",
    ),
    "cli.opt.encoding": ("指定输入文件的编码（如 gb18030）。", "Force the input encoding (e.g. gb18030)."),
    "cli.opt.dry_run": (
        "LLM：不生成摘要，只列出所需的调用次数、token 数和费用（实时与批量两种价格）；不发出调用，也不需要密钥。",
        "LLM: print the calls, tokens and cost (real-time and batch) it would take, instead of a summary; "
        "calls nothing, needs no key. A plain flag.",
    ),
    "cli.opt.output": ("写入此文件，而不是标准输出。", "Write here instead of stdout."),
    "cli.opt.max_bytes": (
        "拒绝大于此大小的输入（如 50MB；默认 20MB）。环境变量：SUMMARISE_MAX_BYTES。",
        "Refuse inputs larger than this (e.g. 50MB; default 20MB). Env: SUMMARISE_MAX_BYTES.",
    ),
    "cli.bulk.help": (
        "把 IN_DIR 下的每份通报摘要到 OUT_DIR；再次运行即可续做，只处理新增或改动的文件。退出码见 docs/bulk.md。",
        "Summarise every report under IN_DIR into OUT_DIR; rerun to resume, only new or changed files are "
        "done. Exit codes: see docs/bulk.md.",
    ),
    "cli.bulk.in_dir": (
        "通报所在文件夹（txt、md、html、pdf、docx），含子文件夹。",
        "Folder of reports (txt, md, html, pdf, docx), searched recursively.",
    ),
    "cli.bulk.out_dir": (
        "存放摘要、index.sqlite、overview.csv 和 errors.jsonl 的文件夹。",
        "Folder for the summaries, index.sqlite, overview.csv, errors.jsonl.",
    ),
    "cli.bulk.workers": (
        "规则引擎使用的进程数（默认：全部 CPU 核）。",
        "Processes for the rules engine (default: all cores).",
    ),
    "cli.bulk.concurrency": (
        "LLM 引擎：同时处理的通报数。环境变量：SUMMARISE_CONCURRENCY。",
        "LLM engine: reports in flight at once. Env: SUMMARISE_CONCURRENCY.",
    ),
    "cli.bulk.glob": (
        "只处理路径末尾符合此模式的文件，如 '*.html' 或 '2023/*.txt'；可重复使用。",
        "Only files whose path ends like this pattern, e.g. '*.html' or '2023/*.txt'; repeatable.",
    ),
    "cli.bulk.encoding": (
        "为每个文件指定同一种输入编码（如 gb18030）。",
        "Force one input encoding for every file (e.g. gb18030).",
    ),
    "cli.bulk.force": (
        "重新摘要每个文件，即使已有对应的摘要。",
        "Summarise every file again, even when a matching summary exists.",
    ),
    "cli.bulk.retry_failed": (
        "重试此前因无法读取或不是通报而失败的文件。",
        "Retry files that failed as unreadable or not a report in an earlier run.",
    ),
    "cli.bulk.file_seconds": (
        "规则引擎：单个文件用时超过此秒数即停止，记为超时（默认 300）。",
        "Rules engine: a file that takes longer is stopped and recorded as a timeout (default 300).",
    ),
    "cli.bulk.format": (
        "配合 --dry-run：估算结果输出为 text 或 json。",
        "With --dry-run: the estimate as text or json.",
    ),
    "cli.bulk.batch": (
        "LLM 引擎：把未缓存的分块提交到服务商的批量接口（Batch API），再用 summarise collect 收取结果。",
        "LLM engine: submit the uncached chunks to the provider's Batch API; `summarise collect` finishes.",
    ),
    "cli.collect.help": (
        "收取 bulk --batch 提交的批次，存入回答缓存，再据此完成批量摘要。",
        "Collect the batches of `bulk --batch` into the answer cache, then finish the bulk run from it.",
    ),
    "cli.collect.out_dir": (
        "交给 summarise bulk --batch 的输出文件夹。",
        "The output folder given to `summarise bulk --batch`.",
    ),
    "cli.collect.wait": (
        "轮询直到所有批次完成（默认），或只查看一次。",
        "Poll until every batch has finished (default), or look once.",
    ),
    "cli.collect.poll": ("两次轮询之间的秒数。", "Seconds between polls."),
    "cli.search.help": (
        "列出归档中标题或整改措施提到 QUERY 的问题。",
        "List the problems across the archive whose heading or measures mention QUERY.",
    ),
    "cli.search.query": (
        "须同时出现在同一问题或措施中的词，如 公务用车。",
        "Words that must all occur in one problem or measure, e.g. 公务用车.",
    ),
    "cli.search.index": ("summarise bulk 生成的 index.sqlite。", "index.sqlite written by `summarise bulk`."),
    "cli.search.unit": ("只看名称包含此文字的单位。", "Only units whose name contains this."),
    "cli.search.limit": ("最多列出这么多个问题。", "At most this many problems."),
    "cli.search.format": ("输出格式：text、json 或 csv。", "text, json or csv."),
    # typer's own words (cli_chrome.py)
    "cli.chrome.usage": ("用法：", "Usage: "),
    "cli.chrome.options_metavar": ("[选项]", "[OPTIONS]"),
    "cli.chrome.command_metavar": ("命令 [参数]...", "COMMAND [ARGS]..."),
    "cli.chrome.heading": ("{heading}：", "{heading}:"),
    "cli.chrome.arguments": ("参数", "Arguments"),
    "cli.chrome.options": ("选项", "Options"),
    "cli.chrome.commands": ("命令", "Commands"),
    "cli.chrome.help": ("显示本帮助并退出。", "Show this message and exit."),
    "cli.chrome.default": ("默认：{default}", "default: {default}"),
    "cli.chrome.required": ("必填", "required"),
    "cli.chrome.envvar": ("环境变量：{var}", "env var: {var}"),
    "cli.chrome.dynamic": ("（动态）", "(dynamic)"),
    "cli.chrome.aborted": ("已中止。", "Aborted!"),
    "cli.chrome.try_help": ("运行 {command} {option} 查看帮助。", "Try '{command} {option}' for help."),
    "cli.chrome.missing_command": ("缺少命令。", "Missing command."),
    "cli.chrome.no_such_command": ("没有 {name!r} 这个命令。", "No such command {name!r}."),
    "cli.chrome.did_you_mean": ("是否要用 {names}？", ". Did you mean {names}?"),
    "cli.chrome.missing_argument": ("缺少参数 {name}。", "Missing argument {name}."),
    "cli.chrome.missing_option": ("缺少选项 {name}。", "Missing option {name}."),
    "cli.chrome.no_such_option": ("没有 {name} 这个选项。", "No such option: {name}."),
    "cli.chrome.possible": ("相近的选项：{options}。", " (Possible options: {options})"),
    "cli.chrome.invalid_value": ("{name} 的值无效：{reason}", "Invalid value for {name}: {reason}"),
    "cli.chrome.not_int": ("{value!r} 不是整数。", "{value!r} is not a whole number."),
    "cli.chrome.not_number": ("{value!r} 不是数字。", "{value!r} is not a number."),
    "cli.chrome.not_bool": (
        "{value!r} 不是开关值（用 1 或 0）。",
        "{value!r} is not a flag value (use 1 or 0).",
    ),
    "cli.chrome.at_least": ("不能小于 {limit}。", "must be at least {limit}."),
    "cli.chrome.above": ("必须大于 {limit}。", "must be more than {limit}."),
    "cli.chrome.at_most": ("不能大于 {limit}。", "must be at most {limit}."),
    "cli.chrome.below": ("必须小于 {limit}。", "must be less than {limit}."),
    "cli.chrome.not_choice": (
        "{value!r} 不在可选值 {expected} 之中。",
        "{value!r} is not one of {expected}.",
    ),
    "cli.chrome.needs_value": ("选项 {name} 后面要给一个值。", "Option {name} requires an argument."),
    "cli.chrome.needs_values": (
        "选项 {name} 后面要给 {count} 个值。",
        "Option {name} requires {count} arguments.",
    ),
    "cli.chrome.takes_no_value": ("选项 {name} 不带值。", "Option {name} does not take a value."),
    "cli.chrome.extra_args": ("多余的参数：{args}。", "Got unexpected extra argument(s): {args}."),
    # --- end: cli -------------------------------------------------------------------------------
    # --- section: errors (ingest, extract, fileio, settings) -------------------------------------
    # why the system refused (errno names); other errors keep the system's own words
    "err.os.ENOENT": ("文件或文件夹不存在", "no such file or directory"),
    "err.os.EACCES": ("没有权限", "permission denied"),
    "err.os.EPERM": ("不允许此操作", "operation not permitted"),
    "err.os.ENOSPC": ("磁盘空间已满", "no space left on device"),
    "err.os.EROFS": ("文件系统只读", "read-only file system"),
    "err.os.EISDIR": ("是文件夹", "is a directory"),
    "err.os.ENOTDIR": ("路径中有一段不是文件夹", "a part of the path is not a folder"),
    "err.os.ELOOP": ("符号链接循环", "too many levels of symbolic links"),
    "err.os.EPIPE": ("管道已关闭", "broken pipe"),
    "err.os.EIO": ("输入输出错误", "input/output error"),
    "err.size.mb": ("{size} MB", "{size} MB"),
    "err.size.bytes": ("{size} 字节", "{size} bytes"),
    # reading the input (ingest)
    "err.no_such_file": ("{path}：文件不存在", "{path}: no such file"),
    "err.is_dir": (
        "{path}：是文件夹（整个文件夹请用 summarise bulk）",
        "{path}: is a directory (use `summarise bulk` for a folder)",
    ),
    "err.cannot_read": ("{path}：无法读取（{reason}）", "{path}: cannot read ({reason})"),
    "err.not_regular": ("{path}：不是普通文件（是{kind}）", "{path}: not a regular file ({kind})"),
    "err.kind.fifo": ("命名管道", "a FIFO"),
    "err.kind.socket": ("套接字", "a socket"),
    "err.kind.chardev": ("字符设备", "a character device"),
    "err.kind.blockdev": ("块设备", "a block device"),
    "err.kind.dir": ("文件夹", "a directory"),
    "err.kind.other": ("特殊文件", "not a file"),
    "err.too_large": (
        "{path}：输入超过 {limit}；如需放宽，请加 --max-bytes（或设置 SUMMARISE_MAX_BYTES）",
        "{path}: input larger than {limit}; pass --max-bytes (or set SUMMARISE_MAX_BYTES) to raise the limit",
    ),
    "err.empty": ("{path}：输入为空", "{path}: empty input"),
    "err.legacy_doc": (
        "{path}：不支持旧版 Word（.doc）或 WPS 文件；请另存为 .docx 或 .txt",
        "{path}: legacy Word .doc / WPS file is not supported; save it as .docx or .txt",
    ),
    "err.rtf": (
        "{path}：不支持 RTF 文件；请另存为 .docx 或 .txt",
        "{path}: RTF is not supported; save it as .docx or .txt",
    ),
    "err.bad_zip": (
        "{path}：ZIP 压缩包已损坏，无法作为通报读取",
        "{path}: a damaged ZIP archive, not a readable report",
    ),
    "err.not_docx": (
        "{path}：这是{what}，不是 Word .docx；请把通报另存为 .docx、.pdf、.html 或 .txt",
        "{path}: {what}, not a Word .docx; save the notice as .docx, .pdf, .html or .txt",
    ),
    "err.zip.excel": ("一个 Excel 工作簿", "an Excel workbook"),
    "err.zip.powerpoint": ("一个 PowerPoint 文件", "a PowerPoint file"),
    "err.zip.opendocument": ("一个 OpenDocument 文件", "an OpenDocument file"),
    "err.zip.other": ("一个 ZIP 压缩包", "a ZIP archive"),
    "err.decode_as": (
        "{path}：无法按 {encoding} 解码（{reason}）；请检查 --encoding",
        "{path}: cannot decode as {encoding} ({reason}); check --encoding",
    ),
    "err.binary": ("{path}：是二进制数据，不是文本通报", "{path}: binary data, not a text report"),
    "err.undecodable": (
        "{path}：无法按 UTF-8、GB18030 或检测出的编码解码；请用 --encoding 指定编码",
        "{path}: cannot decode as UTF-8, GB18030 or a detected encoding; pass --encoding",
    ),
    "err.bad_bom": (
        "{path}：开头标明是 {codec} 编码，却无法解码（{reason}）；请用 --encoding 指定编码",
        "{path}: starts like {codec} but does not decode ({reason}); pass --encoding",
    ),
    # extracting the text (extract/*)
    "err.no_text": ("{path}：{what}中没有文字", "{path}: {what} with no text"),
    "err.what.html": ("网页", "HTML page"),
    "err.what.docx": (".docx 文件", ".docx"),
    "err.pdf.stream": (
        "{path}：PDF 中有一个数据流解压后超过 {limit}，不予打开",
        "{path}: a PDF stream inflates to more than {limit}; not opened",
    ),
    "err.pdf.streams": (
        "{path}：PDF 的数据流解压后合计超过 {limit}，不予打开",
        "{path}: the PDF's streams inflate to more than {limit}; not opened",
    ),
    "err.pdf.pages": (
        "{path}：PDF 有 {pages} 页，超过一份通报可能有的 {limit} 页",
        "{path}: the PDF has {pages} pages, more than the {limit} a notice may have",
    ),
    "err.pdf.password": (
        "{path}：PDF 设有密码；请去掉密码后重试",
        "{path}: the PDF is password-protected; remove the password and retry",
    ),
    "err.pdf.unreadable": ("{path}：不是可读取的 PDF（{detail}）", "{path}: not a readable PDF ({detail})"),
    "err.pdf.scan": (
        "{path}：PDF 没有文字层（{pages} 页都是图片，可能是扫描件）；请先做文字识别"
        "（如 ocrmypdf -l chi_sim in.pdf out.pdf），或改用文字版",
        "{path}: the PDF has no text layer ({pages} page(s) of images: a scan?); "
        "run OCR first (e.g. `ocrmypdf -l chi_sim in.pdf out.pdf`) or use a text copy",
    ),
    "err.pdf.little_text": (
        "{path}：PDF 中几乎没有文字（只有 {chars} 个字符）",
        "{path}: the PDF has next to no text ({chars} characters)",
    ),
    "err.pdf.cid": (
        "{path}：PDF 的字体没有 Unicode 映射（提取出的文字是 (cid:NN)）；请从原文档导出文字，或做文字识别",
        "{path}: the PDF's fonts carry no Unicode mapping (text comes out as (cid:NN)); "
        "export the text from the original document or run OCR",
    ),
    "err.html.deep": (
        "{path}：HTML 元素嵌套 {depth} 层，超过 {limit} 层；请把网页文字另存为 .txt 后再摘要",
        "{path}: HTML nested {depth} elements deep, more than {limit}; save the page's text as .txt and summarise that",
    ),
    "err.html.no_body": ("{path}：HTML 没有正文（body）", "{path}: HTML with no body"),
    "err.html.no_text": ("{path}：HTML 中没有文字", "{path}: HTML with no text"),
    "err.docx.part": (
        "{path}：{part} 解压后为 {size}，超过 .docx 单个部件允许的 {limit}，不予打开",
        "{path}: {part} inflates to {size}, more than the {limit} a .docx part may hold; not opened",
    ),
    "err.docx.total": (
        "{path}：.docx 解压后为 {size}，超过 {limit}，不予打开",
        "{path}: the .docx inflates to {size}, more than {limit}; not opened",
    ),
    "err.docx.unreadable": (
        "{path}：不是可读取的 .docx（{detail}）",
        "{path}: not a readable .docx ({detail})",
    ),
    # writing the output (fileio)
    "err.out.cannot_write": ("{path}：无法写入（{reason}）", "{path}: cannot write ({reason})"),
    "err.out.dangling": (
        "{path}：是指向 {target} 的符号链接，而目标所在的文件夹不存在",
        "{path}: a symlink to {target}, whose folder does not exist",
    ),
    "err.out.is_dir": ("{path}：是文件夹；-o 需要一个文件名", "{path}: is a directory; -o needs a file name"),
    "err.out.not_file": (
        "{path}：不是普通文件、命名管道或字符设备，不予替换",
        "{path}: not a regular file, FIFO or character device; not replacing it",
    ),
    "err.out.stdout": ("无法写入标准输出（{reason}）", "cannot write to stdout ({reason})"),
    # settings
    "err.set.size": (
        "{origin}：{value!r} 不是大小（例如 20000000、20MB 或 500k）",
        "{origin}: {value!r} is not a size (e.g. 20000000, 20MB or 500k)",
    ),
    "err.set.size_zero": ("{origin}：上限必须大于 0 字节", "{origin}: the limit must be above 0 bytes"),
    "err.set.whole": ("{origin}={value!r}：不是整数", "{origin}={value!r} is not a whole number"),
    "err.set.minimum": (
        "{origin}={value!r}：不能小于 {minimum}",
        "{origin}={value!r} must be at least {minimum}",
    ),
    "err.set.number": ("{origin}={value!r}：不是数字", "{origin}={value!r} is not a number"),
    "err.set.negative": ("{origin}={value!r}：不能为负数", "{origin}={value!r} must not be negative"),
    "err.set.seconds": (
        "{origin}={value!r}：必须大于 0 秒",
        "{origin}={value!r} must be more than 0 seconds",
    ),
    "err.set.flag": ("{origin}={value!r}：请用 1 或 0", "{origin}={value!r}: use 1 or 0"),
    # eval
    "err.eval.no_gold": (
        "{path}：没有金标准 *.json 文件；请用 --gold 指向金标准文件夹（本仓库中为 tests/gold）",
        "{path}: no gold *.json files; point --gold at the gold folder (tests/gold in this checkout)",
    ),
    "err.eval.no_seed": (
        "{gold}：它描述的通报 {seed} 不存在；请用 --seeds 指向通报所在的文件夹",
        "{gold}: its report {seed} does not exist; point --seeds at the folder of the reports",
    ),
    "err.eval.bad_gold": (
        "{path}：不是有效的金标准 JSON（{reason}）",
        "{path}: not a valid gold JSON ({reason})",
    ),
    # --- end: errors ----------------------------------------------------------------------------
    # --- section: warnings (assemble, reconcile) ------------------------------------------------
    "warn.count_mismatch": ("通报自述 {stated}，摘要识别出 {found}", "report states {stated}; found {found}"),
    "warn.level.areas": ("{n} 个方面", "{n} areas"),
    "warn.level.items": ("{n} 项", "{n} items"),
    "warn.level.problems": ("{n} 个问题", "{n} problems"),
    "warn.level.sub_items": ("{n} 个子项问题", "{n} sub-item problems"),
    "warn.sep": ("、", ", "),
    "warn.more_than.problems": (
        "通报自述{state} {part} 个问题，多于{whose}的 {total} 个",
        "report states {part} {state}, more than the {total} problems {whose}",
    ),
    "warn.more_than.tasks": (
        "通报自述任务{state} {part} 项，多于{whose}的 {total} 项任务",
        "report states {part} tasks {state}, more than the {total} tasks {whose}",
    ),
    "warn.more_than.measures": (
        "通报自述措施{state} {part} 条，多于{whose}的 {total} 条措施",
        "report states {part} measures {state}, more than the {total} measures {whose}",
    ),
    "warn.whose.stated": ("其所述", "it states"),
    "warn.whose.found": ("摘要识别出", "found"),
    "warn.state.completed": ("已完成", "completed"),
    "warn.state.basically_completed": ("基本完成", "basically completed"),
    "warn.state.partially_completed": ("阶段性完成", "partially completed"),
    "warn.state.in_progress": ("正在整改", "in progress"),
    "warn.state.long_term": ("长期整改", "long term"),
    "warn.not_a_report": (
        "本文不像巡察/巡视整改通报，摘要很可能为空",
        "this text does not look like an inspection rectification notice (巡察/巡视整改); "
        "the summary is likely empty",
    ),
    "warn.truncated": (
        "通报似乎不完整：{why}；摘要只含此前的内容",
        "the notice looks cut short: {why}; the summary holds only what comes before",
    ),
    "warn.truncated.excerpt": ("结尾是节选的样子", "it ends as an excerpt does"),
    "warn.truncated.after_heading": ("止于一个标题之后", "it stops after a heading"),
    "warn.truncated.mid_sentence": ("止于句子中间", "it stops mid-sentence"),
    "warn.truncated.in_problems": (
        "止于问题部分，没有落款或日期",
        "it stops inside the problems section, with no signature or date",
    ),
    "warn.truncated.in_organisation": (
        "止于整改组织部分，没有落款或日期",
        "it stops inside the organisation section, with no signature or date",
    ),
    "warn.llm_status_unquoted": (
        "模型给出的 {n} 处整改状态未引用通报原话，未予采用，保留规则引擎的状态",
        "{n} statuses the model gave without quoting the words that state them were not applied; "
        "the rules engine's statuses are kept",
    ),
    "warn.llm_unusable": (
        "模型的回答无法使用（其内容在通报中都找不到），保留规则引擎的措施、数据和状态",
        "the model's answers were unusable (nothing in them could be found in the report); "
        "the rules engine's measures, figures and statuses are kept",
    ),
    "warn.llm_status_unsupported": (
        "{entry}：模型称状态为「{claimed}」，依据{said}，但通报原文不支持；状态仍为「{current}」",
        "{entry}: the model says {claimed} with {said}, which the report does not bear out; "
        "the status stays {current}",
    ),
    "warn.no_quote": ("（未引用原文）", "no quote"),
    "warn.llm_unverified": (
        "{entry}：模型给出的 {n} 条{what}在通报中找不到，已标为未核验并附上，规则引擎的结果保留",
        "{entry}: {n} {what} from the model could not be found in the report; they are added, "
        "marked unverified, and the rules engine's are kept",
    ),
    "warn.what.measures": ("措施", "measures"),
    "warn.what.figures": ("数据", "figures"),
    # --- end: warnings --------------------------------------------------------------------------
    # --- section: rules -------------------------------------------------------------------------
    # warnings of the rules engine (summarise/rules/); {field} is the name from rules.field.*
    "rules.no_problems_section": (
        "未找到列出巡察反馈问题的部分",
        "no section listing the inspection's problems was found",
    ),
    "rules.problems_empty": (
        "问题整改部分为空：正文止于该部分标题",
        "the problems section is empty: the text stops at its heading",
    ),
    "rules.no_areas": (
        "问题整改部分没有编号的方面或事项，其正文作为整改措施保留",
        "the problems section has no numbered areas or items; its text is kept as measures",
    ),
    "rules.date_order": (
        "通报落款日期 {published} 早于反馈日期 {feedback}，请核对",
        "the notice is dated {published}, before the feedback date {feedback}; check both",
    ),
    "rules.round_level": (
        "本通报涵盖一整轮巡察（{n} 个单位，列于 meta.units），没有单一的被巡察单位",
        "the notice covers a whole round ({n} units, listed in meta.units); no single unit",
    ),
    "rules.missing_unit": (
        "开头部分未写明被巡察单位名称（…对X开展了巡察）",
        "the inspected unit is not named in the introduction (…对X开展了巡察)",
    ),
    "rules.unit_is_town": (
        "开头只列出各村，被巡察单位取其所属乡镇，依据{where}",
        "the opening names only villages; the unit is the town, from {where}",
    ),
    "rules.unit_resolved": (
        "开头称「{said}」，未写单位名称；单位名称依据{where}",
        "the opening says “{said}”, not the unit by name; it is named by {where}",
    ),
    "rules.where.fed_back": ("「向…反馈」一句", "the 向…反馈 clause"),
    "rules.where.title": ("标题", "the title"),
    "rules.where.signature": ("落款", "the signature"),
    "rules.where.source": ("网页的「来源」栏", "the page's 来源 line"),
    "rules.field.inspection_start": ("巡察开始日期", "inspection_start"),
    "rules.field.inspection_end": ("巡察结束日期", "inspection_end"),
    "rules.field.feedback_date": ("反馈日期", "feedback_date"),
    "rules.field.published_date": ("落款日期", "published_date"),
    "rules.date_reconstructed": (
        "{field}：「{quote}」在转载中丢失了年/月/日，按唯一成立的读法识别为 {iso}",
        "{field}: “{quote}” lost 年/月/日 in copying; read as {iso}, the only valid reading",
    ),
    "rules.date_ambiguous": (
        "{field}：「{quote}」在转载中丢失了年/月，读法不唯一，留空",
        "{field}: “{quote}” lost 年/月 in copying and has no single reading; left empty",
    ),
    "rules.date_not_exact": ("{field}：通报未写明确切日期", "{field}: the report gives no exact date"),
    "rules.end_not_stated": (
        "未写明巡察结束时间（只写了开始时间，…起）",
        "the inspection's end is not stated (only its start, …起)",
    ),
    "rules.no_period": ("开头部分未找到巡察起止时间", "inspection period not found in the introduction"),
    "rules.no_feedback_date": (
        "开头部分未写明反馈日期（反馈）",
        "feedback date (反馈) not stated in the introduction",
    ),
    "rules.feedback_period": (
        "反馈时间写的是一段时间而非某一天，留空",
        "feedback is given as a period, not one day; left empty",
    ),
    "rules.feedback_not_exact": ("反馈日期不确切，留空", "feedback date is not exact; left empty"),
    "rules.no_signature_date": ("通报末尾没有落款日期", "no signature date at the end of the notice"),
    "rules.published_from_page": (
        "没有落款日期，落款日期取自网页的「发布时间」",
        "no signature date; published_date is the web page's 发布时间",
    ),
    "rules.discipline_no_number": (
        "通报称已对相关人员作出处理，但未写明人数",
        "the report says people were dealt with but gives no number",
    ),
    "rules.discipline_mismatch": (
        "通报自述处理 {people} 人，所列各类处理合计 {total} 人（{parts}）",
        "report states {people} people dealt with; the types it lists add up to {total} ({parts})",
    ),
    "rules.discipline_part": ("{kind} {n} 人", "{kind} {n}"),
    "rules.list_sep": ("、", " + "),
    "rules.deadline_not_exact": ("「{what}」的完成时限不确切", "deadline of {what} is not exact"),
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
    "llm.fail.overview_deadline": (
        "概述调用在 {seconds} 秒内未得到回答（SUMMARISE_REPORT_DEADLINE）",
        "the overview call got no answer within {seconds} s (SUMMARISE_REPORT_DEADLINE)",
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
    # the overview the model writes (llm/overview.py)
    "llm.overview.areas": ("问题分布的方面：{areas}", "Areas of the problems: {areas}"),
    "llm.overview.outstanding": (
        "尚未完成：{item}（期限：{deadline}）",
        "Outstanding: {item} (deadline: {deadline})",
    ),
    "llm.overview.ungrounded": (
        "模型所写概述只有 {kept} 句能在原文中核实，保留据摘要字段生成的概述",
        "only {kept} sentences of the model's overview could be checked against the report; "
        "the overview built from the summary's fields is kept",
    ),
    "llm.overview.dropped": (
        "模型所写概述中有 {n} 句无法在原文中核实，已删去",
        "{n} sentences of the model's overview could not be checked against the report and were left out",
    ),
    "llm.overview.failed": (
        "模型未能写出概述（{message}），保留据摘要字段生成的概述",
        "the model wrote no overview ({message}); the overview built from the summary's fields is kept",
    ),
    "err.engine.unavailable": (
        "此安装中没有模型引擎（{error}）",
        "the llm engine is not available in this install ({error})",
    ),
    "err.engine.unknown": (
        "未知的引擎 {engine!r}；可选：{choices}",
        "unknown engine {engine!r}; choose one of: {choices}",
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
    # titles, headings, labels
    "view.title.default": ("巡察整改通报摘要", "Summary of an inspection rectification notice"),
    "view.title.of_unit": ("{unit}巡察整改通报摘要", "Summary of the rectification notice of {unit}"),
    "view.title.page": ("{title} · 摘要", "{title} · summary"),
    "view.h.overview": ("概览", "Overview"),
    "view.h.statuses": ("整改状态", "Status of the problems"),
    "view.h.meta": ("基本信息", "The notice"),
    "view.h.counts": ("规模", "Scale"),
    "view.h.warnings": ("提示", "Warnings"),
    "view.h.organisation": ("整改组织", "How the rectification was organised"),
    "view.h.areas": ("问题与整改", "Problems and rectification"),
    "view.h.outstanding": ("尚需整改事项", "Outstanding items"),
    "view.h.discipline": ("问责处理", "Discipline"),
    "view.h.next_steps": ("下一步工作", "Next steps"),
    "view.h.contact": ("联系方式", "Contact"),
    "view.h.offsets": ("出处（原文字符位置）", "Sources (character offsets in the text)"),
    "view.meta.title": ("标题", "Title"),
    "view.meta.unit": ("被巡察单位", "Inspected unit"),
    "view.meta.inspector": ("巡察组", "Inspection group"),
    "view.meta.inspection_kind": ("巡察类型", "Kind of inspection"),
    "view.meta.inspection_round": ("轮次", "Round"),
    "view.meta.inspection_start": ("巡察开始", "Inspection began"),
    "view.meta.inspection_end": ("巡察结束", "Inspection ended"),
    "view.meta.feedback_date": ("反馈日期", "Feedback given"),
    "view.meta.published_date": ("落款日期", "Dated"),
    "view.meta.page_date": ("网页发布", "Posted online"),
    "view.meta.issuer": ("发布单位", "Issued by"),
    "view.meta.inspectors": ("各巡察组", "Inspection groups"),
    "view.meta.units": ("各被巡察单位", "Inspected units"),
    "view.meta.villages": ("所涉村（社区）", "Villages and communities"),
    "view.meta.inspection_time": ("巡察时间", "Inspection"),
    "view.meta.signed": ("落款", "Signed"),
    "view.meta.range": ("{start} 至 {end}", "{start} to {end}"),
    "view.meta.inferred": ("（年份据上下文推定）", " (year inferred from context)"),
    "view.meta.reconstructed": ("（据缺字日期复原）", " (read from a date missing 年/月/日)"),
    "view.status.done": ("已完成", "done"),
    "view.status.in_progress": ("推进中", "in progress"),
    "view.status.long_term": ("长期", "long-term"),
    "view.status.unknown": ("未说明", "not stated"),
    "view.overdue": ("逾期", "overdue"),
    "view.measure_deadline": ("（时限 {date}）", " (due {date})"),
    "view.measure_deadline_late": ("（时限 {date}，逾期）", " (due {date}, overdue)"),
    "view.as_of": ("逾期按 {date} 判断", "overdue as of {date}"),
    "view.col.field": ("字段", "Field"),
    "view.col.value": ("内容", "Value"),
    "view.col.item": ("事项", "Item"),
    "view.col.deadline": ("完成时限", "Deadline"),
    "view.col.status": ("状态", "Status"),
    "view.col.kind": ("方式", "Type"),
    "view.col.people": ("人数", "People"),
    "view.col.count": ("个数", "Count"),
    "view.untitled_area": ("（未分方面）", "(no area heading)"),
    "view.no_areas": ("未识别出问题清单。", "No list of problems was found."),
    "view.area_items": ("（{n} 项）", " ({n} items)"),
    "view.problem": ("问题：{text}", "Problem: {text}"),
    "view.figures": ("数据：{figures}", "Figures: {figures}"),
    "view.dir.up": ("（增）", " (up)"),
    "view.dir.down": ("（减）", " (down)"),
    "view.deadline": ("时限 {date}", "due {date}"),
    "view.next_steps": ("下一步：{steps}", "Next steps: {steps}"),
    "view.contact": ("联系方式：{contact}", "Contact: {contact}"),
    "view.phone": ("电话", "Phone"),
    "view.email": ("邮箱", "Email"),
    "view.address": ("地址", "Address"),
    "view.people_total": ("共处理 {n} 人", "{n} people dealt with in all"),
    "view.people_kind": ("{kind} {n} 人", "{kind}: {n}"),
    "view.discipline_line": ("问责处理：{text}", "Discipline: {text}"),
    "view.sources": ("出处：{refs}", "Sources: {refs}"),
    "view.unverified": ("未核验", "unverified"),
    "view.unverified_quote": ("未核验的引文：{quote}", "Unverified quote: {quote}"),
    "view.unverified_count": ("{n} 条引文未核验", "{n} quotes unverified"),
    "view.sep": ("、", ", "),
    "view.colon": ("：", ": "),
    "view.bad_as_of": (
        "--as-of {value!r} 不是日期，请写成 YYYY-MM-DD，例如 2021-12-31",
        "--as-of {value!r} is not a date; write it as YYYY-MM-DD, e.g. 2021-12-31",
    ),
    "view.help.as_of": (
        "按此日期（YYYY-MM-DD）判断哪些完成时限已逾期，默认今天。",
        "Mark deadlines passed as of this date (YYYY-MM-DD) as overdue; default today.",
    ),
    "view.help.full": (
        "终端视图中完整显示每条措施（和数据），不截断。",
        "Show every measure (and figure) whole in the terminal view, not cut short.",
    ),
    "view.help.offsets": (
        "Markdown 中以脚注列出每项在原文中的字符位置。",
        "In Markdown, give each entry's character offsets in the source as a footnote.",
    ),
    "view.unknown_format": (
        "不支持的格式 {fmt!r}；可选 {choices}",
        "unknown format {fmt!r}; choose {choices}",
    ),
    "view.list_sep": ("；", "; "),
    "view.stdin": ("标准输入", "standard input"),
    # the scale line: found counts, and what the report states about itself
    "view.counts": (
        "{areas} 个方面 · {items} 项 · {problems} 个问题",
        "{areas} areas · {items} items · {problems} problems",
    ),
    "view.counts.stated": ("（通报自述：{parts}）", " (the report states: {parts})"),
    "view.counts.stated_label": ("通报自述", "The report states"),
    "view.counts.coverage": (
        "；问题部分仅 {share} 的文字归入条目",
        "; only {share} of the problems text is under an entry",
    ),
    "view.found.areas": ("方面", "areas"),
    "view.found.items": ("项", "items"),
    "view.found.problems": ("问题", "problems"),
    "view.found.measures": ("措施", "measures"),
    "view.found.done": ("已完成", "done"),
    "view.found.in_progress": ("推进中", "in progress"),
    "view.found.outstanding": ("尚需整改", "outstanding"),
    "view.stated.areas": ("方面", "areas"),
    "view.stated.items": ("大项", "items"),
    "view.stated.sub_items": ("子项", "sub-items"),
    "view.stated.problems": ("问题", "problems"),
    "view.stated.suggestions": ("意见建议", "suggestions"),
    "view.stated.tasks": ("整改任务", "tasks"),
    "view.stated.measures": ("整改措施", "measures"),
    "view.stated.completed": ("已完成", "completed"),
    "view.stated.basically_completed": ("基本完成", "basically completed"),
    "view.stated.partially_completed": ("阶段性完成", "partially completed"),
    "view.stated.in_progress": ("正在整改", "in progress"),
    "view.stated.long_term": ("长期整改", "long-term"),
    "view.stated.tasks_completed": ("任务已完成", "tasks completed"),
    "view.stated.tasks_basically_completed": ("任务基本完成", "tasks basically completed"),
    "view.stated.tasks_partially_completed": ("任务阶段性完成", "tasks partially completed"),
    "view.stated.tasks_in_progress": ("任务正在推进", "tasks in progress"),
    "view.stated.tasks_long_term": ("长期任务", "long-term tasks"),
    "view.stated.measures_completed": ("措施已完成", "measures completed"),
    "view.stated.measures_basically_completed": ("措施基本完成", "measures basically completed"),
    "view.stated.measures_partially_completed": ("措施阶段性完成", "measures partially completed"),
    "view.stated.measures_in_progress": ("措施正在推进", "measures in progress"),
    "view.stated.measures_long_term": ("长期措施", "long-term measures"),
    "view.stated.completion_rate": ("完成率", "completion rate"),
    "view.stated.rules_made": ("建章立制", "rules made"),
    "view.stated.rules_revised": ("修订制度", "rules revised"),
    "view.stated.money_recovered": ("挽回/追缴金额", "money recovered"),
    "view.stated.clues": ("问题线索", "leads on problems"),
    "view.stated.pair": ("{label} {value}", "{label} {value}"),
    # the Markdown and HTML footers, and the page
    "view.md.footer": (
        "_引擎：{engine}；来源 sha256 {sha}…；偏移为源文本字符位置。_",
        "_Engine: {engine}; source sha256 {sha}…; offsets are character positions in the source text._",
    ),
    "view.html.footer": (
        "引擎 {engine}{model} · 摘要格式 {schema} · 来源 {path}（{format}，{chars} 字，sha256 {sha}）· "
        "偏移为提取文本的字符位置 · summarise {version}",
        "Engine {engine}{model} · summary format {schema} · source {path} ({format}, {chars} characters, "
        "sha256 {sha}) · offsets are character positions in the extracted text · summarise {version}",
    ),
    "view.html.model": (" · 模型 {model}", " · model {model}"),
    "view.html.legend": ("点击条目定位原文", "Click an entry to find it in the text"),
    "view.html.summary": ("摘要", "Summary"),
    "view.html.source": ("原文", "Source text"),
    "view.html.source_head": ("原文 · {format} · {chars} 字", "Source text · {format} · {chars} characters"),
    "view.html.cannot_locate": (
        "该条目的引文未能在原文中核验，无法定位：",
        "This entry's quote could not be verified in the text, so it cannot be shown: ",
    ),
    "view.html.at": ("原文第 {start}–{end} 字", "Characters {start}–{end} of the text"),
    "view.html.warning_code": ("提示代码：{code}", "Warning code: {code}"),
    # the overview: sentences built from the summary's own fields
    "view.ov.who": (
        "{inspector}{when}对{unit}开展{kind}{feedback}{published}。",
        "{inspector} carried out {kind} of {unit}{when}{feedback}{published}.",
    ),
    "view.ov.who_unknown": (
        "通报未写明巡察组和被巡察单位{published}。",
        "The notice names neither the inspection group nor the unit{published}.",
    ),
    "view.ov.inspector_unknown": ("巡察组", "An inspection group"),
    "view.ov.unit_unknown": ("被巡察单位", "the unit"),
    "view.ov.units": ("{first}等{n}个单位", "{n} units ({first} and others)"),
    "view.ov.villages": ("及{n}个村（社区）", " and {n} villages"),
    "view.ov.inspectors": ("{first}等{n}个巡察组", "{n} inspection groups ({first} and others)"),
    "view.ov.kind.xuncha": ("{kind}巡察", "a {kind} inspection"),
    "view.ov.kind.xunshi": ("{kind}巡视", "a {kind} inspection"),
    "view.ov.kind.none_xuncha": ("巡察", "an inspection"),
    "view.ov.kind.none_xunshi": ("巡视", "an inspection"),
    "view.ov.when_range": ("于{start}至{end}", " from {start} to {end}"),
    "view.ov.when_start": ("自{start}起", " from {start}"),
    "view.ov.feedback": ("，{date}反馈意见", "; the findings were fed back on {date}"),
    "view.ov.published": ("；通报落款日期为{date}", "; the notice is dated {date}"),
    "view.ov.found": (
        "摘要列出{areas}个方面{items}项共{problems}个问题{stated}。",
        "Found: {areas} areas, {items} items, {problems} problems{stated}.",
    ),
    "view.ov.found_none": (
        "摘要未识别出问题清单{stated}。",
        "The summary found no list of problems{stated}.",
    ),
    "view.ov.stated_same": ("，与通报自述一致", ", as the report states"),
    "view.ov.stated_other": ("；通报自述{parts}", "; the report states {parts}"),
    "view.ov.n.areas": ("{n}个方面", "{n} areas"),
    "view.ov.n.items": ("{n}项", "{n} items"),
    "view.ov.n.sub_items": ("{n}个子项问题", "{n} sub-item problems"),
    "view.ov.n.problems": ("{n}个问题", "{n} problems"),
    "view.ov.statuses": ("其中{parts}{stated}。", "Status: {parts}{stated}."),
    "view.ov.status.done": ("已完成{n}个", "{n} done"),
    "view.ov.status.in_progress": ("推进中{n}个", "{n} in progress"),
    "view.ov.status.long_term": ("长期坚持{n}个", "{n} long-term"),
    "view.ov.status.unknown": ("未说明进展{n}个", "{n} with no status stated"),
    "view.ov.statuses_stated": ("（通报自述{parts}）", " (the report states {parts})"),
    "view.ov.outstanding": (
        "尚需整改事项{n}项{deadline}{undated}{overdue}。",
        "Outstanding items: {n}{deadline}{undated}{overdue}.",
    ),
    "view.ov.earliest": ("，最早完成时限为{date}", "; the earliest deadline is {date}"),
    "view.ov.undated": ("，{n}项未写明时限", "; {n} have no deadline"),
    "view.ov.overdue_at_publication": (
        "，落款时已有{n}项逾期",
        "; {n} were already overdue on the notice's date",
    ),
    "view.ov.discipline": ("问责处理共{people}人{kinds}。", "{people} people were dealt with{kinds}."),
    "view.ov.discipline_kinds": ("，其中{parts}", ": {parts}"),
    "view.ov.discipline_only_kinds": ("问责处理：{parts}。", "Discipline: {parts}."),
    "view.ov.kind_people": ("{kind}{n}人", "{kind} {n}"),
    # --- end: views -----------------------------------------------------------------------------
    # --- section: ledger ------------------------------------------------------------------------
    "ledger.sheet.problems": ("问题台账", "Problems"),
    "ledger.sheet.outstanding": ("整改未完成事项", "Outstanding"),
    "ledger.sheet.discipline": ("问责处理", "Discipline"),
    "ledger.col.unit": ("被巡察单位", "Unit"),
    "ledger.col.inspector": ("巡察组", "Inspection group"),
    "ledger.col.round": ("轮次", "Round"),
    "ledger.col.feedback_date": ("反馈日期", "Feedback date"),
    "ledger.col.published_date": ("落款日期", "Published"),
    "ledger.col.source": ("源文件", "Source file"),
    "ledger.col.area": ("方面", "Area"),
    "ledger.col.item": ("事项", "Item"),
    "ledger.col.problem": ("问题", "Problem"),
    "ledger.col.named_problem": ("问题概括", "Named problem"),
    "ledger.col.measures": ("整改措施", "Measures"),
    "ledger.col.status": ("整改状态", "Status"),
    "ledger.col.deadline": ("完成时限", "Deadline"),
    "ledger.col.figures": ("涉及数据", "Figures"),
    "ledger.col.overdue_at_publication": ("通报发布时已逾期", "Overdue at publication"),
    "ledger.col.start": ("原文起点", "Source start"),
    "ledger.col.end": ("原文终点", "Source end"),
    "ledger.col.discipline_type": ("处理类型", "Type"),
    "ledger.col.people": ("人数", "People"),
    "ledger.discipline.total": ("合计（通报自述）", "Total (as stated)"),
    "ledger.yes": ("是", "yes"),
    "ledger.no": ("否", "no"),
    "ledger.figure": ("{label}{text}", "{label} {text}"),
    "ledger.figures.sep": ("；", "; "),
    "ledger.help.table": (
        "-f csv 时输出哪张表：problems（问题台账，默认）、outstanding（整改未完成事项）或 discipline（问责处理）；"
        "xlsx 一个文件含全部三张表。",
        "With -f csv, the table to write: problems (the default), outstanding or discipline; "
        "an xlsx workbook holds all three.",
    ),
    "ledger.err.table": (
        "--table {table!r}：没有这张表，请用 {choices}",
        "--table {table!r}: no such table; choose {choices}",
    ),
    "ledger.err.table_needs_csv": (
        "--table 只用于 -f csv（xlsx 一个文件含全部三张表）",
        "--table goes with -f csv (an xlsx workbook holds all three tables)",
    ),
    "ledger.err.xlsx_tty": (
        "xlsx 是二进制文件，不能输出到终端；请用 -o 指定文件名，如 -o 台账.xlsx",
        "xlsx is a binary file and cannot go to a terminal; name a file with -o, e.g. -o ledger.xlsx",
    ),
    "ledger.err.format": (
        "台账格式 {fmt!r} 不可用，请用 xlsx 或 csv",
        "ledger format {fmt!r} is not available; use xlsx or csv",
    ),
    "ledger.err.skipped": (
        "{error}（未计入台账）",
        "{error} (left out of the ledger)",
    ),
    "ledger.err.write": ("{path}：无法写入（{error}）", "{path}: cannot write ({error})"),
    "ledger.err.not_a_file": ("不是普通文件，-o 须指定文件名", "not a regular file; -o needs a file name"),
    "ledger.err.outside": (
        "{path}：索引所指的摘要在 OUT_DIR 之外",
        "{path}: the index points outside OUT_DIR",
    ),
    "ledger.list.sep": ("、", ", "),
    "ledger.err.index": (
        "{path}：无法从中读取通报列表（{error}）",
        "{path}: cannot read the list of reports from it ({error})",
    ),
    "ledger.wrote": (
        "台账已写入 {paths}：{reports} 份通报，{tables}",
        "ledger written to {paths}: {reports} reports; {tables}",
    ),
    "ledger.table_rows": ("{table} {rows} 行", "{table}: {rows} rows"),
    "ledger.help.command": (
        "把批量处理结果（OUT_DIR 中的摘要）汇总为一份台账：xlsx（三张表）或 csv（三个文件）。",
        "Write the ledger of a bulk output folder (its summaries): an xlsx workbook of three sheets, "
        "or three csv files.",
    ),
    "ledger.help.out_dir": (
        "summarise bulk 的输出文件夹（含 index.sqlite）。",
        "The output folder of summarise bulk (with index.sqlite).",
    ),
    "ledger.help.format": ("xlsx（默认）或 csv。", "xlsx (the default) or csv."),
    "ledger.help.output": (
        "写到这一个文件，而不是 OUT_DIR 中的 ledger.xlsx（csv 时为 ledger.csv、ledger-outstanding.csv、"
        "ledger-discipline.csv 三个文件）；csv 写 --table 所选的那张表。",
        "Write this one file instead of ledger.xlsx in OUT_DIR (with csv: ledger.csv, ledger-outstanding.csv "
        "and ledger-discipline.csv); with csv, the table --table names.",
    ),
    "ledger.help.bulk": (
        "处理完成后在输出文件夹写出台账 ledger.xlsx（覆盖整个档案库）。",
        "After the run, write the ledger of the whole archive to ledger.xlsx in the output folder.",
    ),
    # --- end: ledger ----------------------------------------------------------------------------
    # --- section: diff --------------------------------------------------------------------------
    "diff.title": ("巡察整改对比 · {unit}", "Rectification diff · {unit}"),
    "diff.unit_unknown": ("单位不详", "unit unknown"),
    "diff.old": ("旧", "OLD"),
    "diff.new": ("新", "NEW"),
    "diff.old_report": ("旧通报", "OLD"),
    "diff.new_report": ("新通报", "NEW"),
    "diff.date_unknown": ("日期不详", "no date"),
    "diff.none": ("无", "none"),
    "diff.sep": ("；", "; "),
    "diff.list_sep": ("、", ", "),
    # the overview line: changes first
    "diff.overview": ("概览", "Overview"),
    "diff.overview.problems": (
        "问题：不再提及 {dropped} · 新出现 {new} · 再次出现 {recurring}"
        "（有变化 {changed}，未变 {unchanged}；上轮已报完成 {done_before}）",
        "Problems: {dropped} no longer raised · {new} new · {recurring} recurring"
        " ({changed} changed, {unchanged} unchanged; {done_before} reported done before)",
    ),
    "diff.overview.deadlines": (
        "完成时限：推迟 {postponed} · 提前 {advanced} · 不再列明 {removed} · 新定 {added}",
        "Deadlines: {postponed} postponed · {advanced} advanced · {removed} removed · {added} added",
    ),
    "diff.overview.outstanding": (
        "尚需整改事项：已完成 {closed} · 逾期 {overdue} · 仍未完成 {open} · 未提及 {not_mentioned}",
        "Outstanding items: {closed} closed · {overdue} overdue · {open} still open · {not_mentioned} not mentioned",
    ),
    "diff.overview.figures": ("数据变化 {changed}", "Figures moved: {changed}"),
    # section headings
    "diff.h.warnings": ("提示", "Warnings"),
    "diff.h.dropped": ("不再提及的问题（{n}）", "Problems no longer raised ({n})"),
    "diff.h.new": ("新出现的问题（{n}）", "New problems ({n})"),
    "diff.h.changed": ("再次出现且有变化的问题（{n}）", "Recurring problems that changed ({n})"),
    "diff.h.unchanged": ("再次出现、两轮未变的问题（{n}）", "Recurring problems, unchanged ({n})"),
    "diff.h.deadlines": ("完成时限调整（{n}）", "Deadline changes ({n})"),
    "diff.h.outstanding": ("尚需整改事项（旧通报所列，{n}）", "Outstanding items, as OLD lists them ({n})"),
    "diff.h.figures": (
        "数据变化（{changed}，同名数据共 {total} 项）",
        "Figures that moved ({changed} of {total} with the same label)",
    ),
    "diff.h.counts": ("数字对比", "Counts"),
    "diff.h.meta": ("基本信息", "Metadata"),
    # identical recurring problems, folded into one count
    "diff.fold": (
        "再次出现、两轮表述和整改状态均未变的问题 {n} 个（其中上轮已报整改完成 {done_before} 个，屡改屡犯？）",
        "{n} recurring problems unchanged in wording and status ({done_before} of them reported done before:"
        " raised again?)",
    ),
    "diff.fold.hint": ("加 --all 逐条列出", "add --all to list them"),
    "diff.fold.open": ("（点击展开）", " (click to expand)"),
    # a recurring pair
    "diff.done_before": ("上轮已报整改完成", "reported done in OLD"),
    "diff.same_as_above": ("（同上）", "(as above)"),
    "diff.changes": ("变化：{what}", "Changed: {what}"),
    "diff.change.wording": ("表述", "wording"),
    "diff.change.status": ("整改状态", "status"),
    "diff.change.measures": ("整改措施", "measures"),
    "diff.measures": (
        "措施：保留 {kept} · 新增 {new} · 不再提及 {dropped}",
        "Measures: {kept} kept · {new} new · {dropped} dropped",
    ),
    "diff.measure.kept": ("保留", "kept"),
    "diff.measure.new": ("新增", "new"),
    "diff.measure.dropped": ("不再提及", "dropped"),
    "diff.parts.name": ("名称 {value}", "name {value}"),
    "diff.parts.body": ("措施 {value}", "measures {value}"),
    "diff.parts.context": ("方面 {value}", "area {value}"),
    "diff.quote": ("{side}原文 [{start}–{end}]", "{side} text [{start}–{end}]"),
    "diff.unverified": ("，未核验", ", not verified"),
    # outstanding items
    "diff.outstanding.closed": ("已完成", "closed"),
    "diff.outstanding.open": ("仍未完成", "still open"),
    "diff.outstanding.not_mentioned": ("未提及", "not mentioned"),
    "diff.overdue": ("逾期", "overdue"),
    "diff.no": ("否", "no"),
    "diff.unknown": ("不详", "unknown"),
    "diff.due": ("时限 {date}", "due {date}"),
    "diff.match": (
        "新通报{kind}：{text}（{status}，相似度 {score}）",
        "NEW {kind}: {text} ({status}, score {score})",
    ),
    "diff.match.none": ("新通报未提及", "not mentioned in NEW"),
    "diff.match.outstanding": ("尚需整改事项", "outstanding item"),
    "diff.match.problem": ("问题", "problem"),
    "diff.match.measure": ("整改措施", "measure"),
    # deadline changes
    "diff.shift.postponed": ("推迟", "postponed"),
    "diff.shift.advanced": ("提前", "advanced"),
    "diff.shift.removed": ("不再列明时限", "deadline removed"),
    "diff.shift.added": ("新定时限", "deadline added"),
    "diff.shift.days": ("（{days} 天）", " ({days} days)"),
    "diff.shift.line": ("{shift}：{old} → {new}{days}", "{shift}: {old} → {new}{days}"),
    # figures and counts
    "diff.fig.same": ("不变", "unchanged"),
    "diff.fig.points": ("{change} 个百分点", "{change} percentage points"),
    "diff.fig.pct": ("，{pct}%", ", {pct}%"),
    "diff.count.stated": ("{label}（自述）", "{label} (stated)"),
    "diff.count.found": ("{label}（识别）", "{label} (found)"),
    "diff.count.areas": ("方面", "areas"),
    "diff.count.items": ("项", "items"),
    "diff.count.problems": ("问题", "problems"),
    "diff.count.suggestions": ("意见建议", "suggestions"),
    "diff.count.measures": ("整改措施", "measures"),
    "diff.count.completed": ("已完成", "completed"),
    "diff.count.basically_completed": ("基本完成", "basically completed"),
    "diff.count.partially_completed": ("阶段性完成", "partly completed"),
    "diff.count.in_progress": ("正在整改", "in progress"),
    "diff.count.completion_rate": ("完成率", "completion rate"),
    "diff.count.rules_made": ("建章立制", "rules made"),
    "diff.count.money_recovered": ("挽回资金", "money recovered"),
    "diff.count.clues": ("问题线索", "leads"),
    "diff.count.named_problems": ("具名问题", "named problems"),
    "diff.count.done": ("已完成", "done"),
    "diff.count.outstanding": ("尚需整改事项", "outstanding items"),
    # table columns
    "diff.col.field": ("字段", "Field"),
    "diff.col.score": ("相似度", "Score"),
    "diff.col.measures": ("措施", "Measures"),
    "diff.col.item": ("事项", "Item"),
    "diff.col.deadline": ("完成时限", "Deadline"),
    "diff.col.state": ("状态", "State"),
    "diff.col.overdue": ("逾期", "Overdue"),
    "diff.col.in_new": ("新通报中", "In NEW"),
    "diff.col.shift": ("调整", "Change"),
    "diff.col.figure": ("数据", "Figure"),
    "diff.col.change": ("变化", "Change"),
    "diff.col.count": ("项目", "Count"),
    "diff.footer": (
        "配对门槛 {threshold}；旧 sha256 {old}… · 新 sha256 {new}…；偏移为各自源文本的字符位置。",
        "Pairing threshold {threshold}; OLD sha256 {old}… · NEW sha256 {new}…; offsets are character"
        " positions in each side's source text.",
    ),
    # warnings (the codes are English identifiers; these are their messages)
    "diff.warn.unit_unknown": (
        "有一份通报未能识别被巡察单位，无法核对两份通报是否属于同一单位",
        "the unit of one report is unknown; cannot check both are about the same unit",
    ),
    "diff.warn.unit_mismatch": (
        "两份通报似为不同单位（{old} 与 {new}），对比照常进行，问题配对门槛提高至 {threshold}；"
        "列为再次出现的问题可能只是表述相近",
        "the two reports look like different units ({old} vs {new}); the diff still ran, with the problem"
        " pairing threshold raised to {threshold}, and recurring problems may only be alike in wording",
    ),
    "diff.warn.evidence_mismatch": (
        "{side}有 {count} 处引文与其源文本不符（摘要 JSON 是否被改动过？）",
        "{side}: {count} evidence quotes do not match its source text (was the JSON edited?)",
    ),
    "diff.warn.engine_mismatch": (
        "旧通报由 {old} 引擎提取，新通报由 {new} 引擎提取，差异可能来自引擎而非通报本身",
        "OLD was summarised by the {old} engine and NEW by {new}; differences may come from the engines,"
        " not the reports",
    ),
    "diff.warn.figures_ambiguous": (
        "有 {count} 个数据名称在两份通报中各出现多次、取值不一，未作对比",
        "{count} figure labels appear in both reports with several values each and were not compared",
    ),
    "diff.warn.same_input": ("旧通报与新通报是同一份通报", "OLD and NEW are the same report"),
    "diff.warn.new_date_unknown": (
        "新通报没有日期，无法判断哪些完成时限已过",
        "NEW has no date; cannot tell which deadlines have passed",
    ),
    "diff.warn.dates_reversed": (
        "旧通报日期（{old}）晚于新通报（{new}），两个参数是否颠倒了？",
        "OLD is dated {old}, after NEW ({new}); were the two arguments swapped?",
    ),
    # reading a side
    "diff.load.not_utf8": ("{name}：不是 UTF-8 编码的 JSON", "{name}: JSON that is not UTF-8"),
    "diff.load.not_json": (
        "{name}：不是有效的 JSON（第 {line} 行第 {column} 列有误）",
        "{name}: not valid JSON (error at line {line}, column {column})",
    ),
    "diff.load.too_deep": (
        "{name}：JSON 嵌套过深，不可能是摘要",
        "{name}: JSON nested too deeply to be a summary",
    ),
    "diff.load.not_summary": (
        "{name}：是 JSON，但不是摘要；请用 `summarise report` 命令加 --format json 生成",
        "{name}: JSON, but not a summary; write one with `summarise report FILE --format json`",
    ),
    "diff.load.schema": (
        "{name}：本版本读不了格式版本为 {version} 的摘要（当前格式版本 {expected}），请重新摘要该通报",
        "{name}: summary schema {version} is not readable by this version (schema {expected});"
        " summarise the report again",
    ),
    "diff.load.invalid": (
        "{name}：不是有效的摘要（{where}：{kind}）；请用 `summarise report` 命令加 --format json 重新生成",
        "{name}: not a valid summary ({where}: {kind}); write one with `summarise report FILE --format json`",
    ),
    "diff.load.spans": (
        "{name}：有 {count} 处引文位置超出其 {chars} 字的源文本（第一处：{start}-{end}）；"
        "请用 `summarise report` 命令加 --format json 重新生成",
        "{name}: {count} evidence spans lie outside its source text of {chars} characters"
        " (the first: {start}-{end}); write the summary again with `summarise report FILE --format json`",
    ),
    # the command line
    "diff.help": (
        "对比同一单位的两份通报：不再提及、新出现和有变化的问题，完成时限调整，尚需整改事项，数据变化。",
        "Compare two notices of one unit: dropped, new and changed problems, deadline changes,"
        " outstanding items, figures.",
    ),
    "diff.help.old": (
        "较早的通报：通报文件、摘要 JSON，或用 - 表示标准输入。",
        "The earlier notice: a report file, a summary JSON, or - for stdin.",
    ),
    "diff.help.new": (
        "较晚的通报：通报文件、摘要 JSON，或用 - 表示标准输入。",
        "The later notice: a report file, a summary JSON, or - for stdin.",
    ),
    "diff.help.format": ("输出格式：text、md、json 或 html。", "text, md, json or html."),
    "diff.help.threshold": (
        "两个问题配对所需的最低相似度（0–1）。",
        "Minimum similarity for two problems to pair (0–1).",
    ),
    "diff.help.mismatch_threshold": (
        "两份通报似为不同单位时的配对门槛（取其与 --threshold 中较高者）。",
        "The pairing threshold when the notices look like different units (the higher of it and"
        " --threshold applies).",
    ),
    "diff.help.all": (
        "在文本和 Markdown 中逐条列出两轮未变的再次出现问题（默认只给数目）。",
        "List unchanged recurring problems one by one in text and Markdown (by default only their count).",
    ),
    "diff.help.schema": (
        "输出 diff 命令 JSON 格式（--format json）所遵循的 JSON Schema。",
        "Print the JSON Schema of `summarise diff --format json`.",
    ),
    "diff.err.two_stdin": (
        "OLD 和 NEW 只能有一个从标准输入（-）读取",
        "only one of OLD and NEW can be read from stdin (-)",
    ),
    # --- end: diff ------------------------------------------------------------------------------
    # --- section: archive (bulk, search, tallies, progress) -------------------------------------
    # bulk's tally and progress (archive/tally.py, archive/progress.py)
    "archive.tally.line": (
        "共 {files} 个文件，{parts}；用时 {elapsed}",
        "{files} files, {parts} in {elapsed}",
    ),
    "archive.tally.sep": ("，", ", "),
    "archive.tally.summarised": ("新处理 {n} 个", "{n} summarised"),
    "archive.tally.partial": ("（其中 {n} 个部分完成）", " ({n} partial)"),
    "archive.tally.recovered": ("从中断的运行中恢复 {n} 个", "{n} recovered from an interrupted run"),
    "archive.tally.unchanged": ("未变 {n} 个", "{n} unchanged"),
    "archive.tally.duplicates": ("重复 {n} 个", "{n} duplicates"),
    "archive.tally.failed": ("失败 {n} 个", "{n} failed"),
    "archive.tally.pending": ("待处理 {n} 个", "{n} pending"),
    "archive.seconds.hours": ("{h}小时{m:02d}分{s:02d}秒", "{h}h{m:02d}m{s:02d}s"),
    "archive.seconds.minutes": ("{m}分{s:02d}秒", "{m}m{s:02d}s"),
    "archive.seconds.seconds": ("{s}秒", "{s}s"),
    "archive.progress.line": ("批量处理：{text}", "bulk: {text}"),
    "archive.progress.start": ("待检查 {total} 个文件", "{total} files to check"),
    "archive.progress.update": (
        "{processed}/{total}（{pct}%）：完成 {done} 个，跳过 {skipped} 个，失败 {failed} 个；每秒 {rate} 个{eta}",
        "{processed}/{total} ({pct}%): {done} done, {skipped} skipped, {failed} failed; {rate} files/s{eta}",
    ),
    "archive.progress.eta": ("，预计还需 {left}", ", ETA {left}"),
    "archive.progress.bar": ("批量处理", "bulk"),
    "archive.progress.counts": (
        "完成 {done} · 跳过 {skipped} · 失败 {failed}",
        "{done} done · {skipped} skipped · {failed} failed",
    ),
    "archive.progress.rate": ("{rate} 个/秒", "{rate}/s"),
    "archive.progress.remaining": ("剩余", "ETA"),
    # search's views (archive/present.py)
    "archive.search.no_date": ("日期不详", "date unknown"),
    "archive.search.no_unit": ("单位不详", "unit unknown"),
    "archive.search.area": ("方面", "area"),
    "archive.search.measure": ("措施：{text}{more}", "measure: {text}{more}"),
    "archive.search.more": ("（另有 {n} 条）", " (+{n} more)"),
    "archive.search.summary": (
        "{reports} 份通报中有 {total} 个问题匹配{shown}",
        "{total} matching problems in {reports} reports{shown}",
    ),
    "archive.search.shown": ("，显示前 {n} 个", ", showing {n}"),
    "archive.search.level.item": ("事项", "item"),
    "archive.search.level.problem": ("子问题", "sub-problem"),
    "archive.search.level.area": ("方面", "area"),
    "archive.search.yes": ("是", "yes"),
    "archive.search.no": ("否", "no"),
    "archive.search.col.path": ("源文件", "Source file"),
    "archive.search.col.json_path": ("摘要文件", "Summary file"),
    "archive.search.col.unit": ("被巡察单位", "Unit"),
    "archive.search.col.date": ("落款日期", "Date"),
    "archive.search.col.inspector": ("巡察组", "Inspection group"),
    "archive.search.col.area": ("方面", "Area"),
    "archive.search.col.level": ("层级", "Level"),
    "archive.search.col.problem": ("问题", "Problem"),
    "archive.search.col.item": ("所属事项", "Item"),
    "archive.search.col.named_problem": ("问题概括", "Named problem"),
    "archive.search.col.status": ("整改状态", "Status"),
    "archive.search.col.measure": ("匹配的措施", "Matching measure"),
    "archive.search.col.measures": ("匹配措施数", "Matching measures"),
    "archive.search.col.direct": ("问题标题匹配", "Heading matches"),
    "archive.search.col.span_start": ("原文起点", "Source start"),
    "archive.search.col.span_end": ("原文终点", "Source end"),
    # stored summaries (archive/store.py) and the index schema (archive/index.py)
    "archive.err.unreadable": ("{name}：无法读取（{error}）", "{name}: cannot read it ({error})"),
    "archive.err.invalid": (
        "{name}：不是有效的摘要（{error}）；请重新运行 `summarise bulk` 生成",
        "{name}: not a valid summary ({error}); run `summarise bulk` again to make it",
    ),
    "archive.err.no_text": (
        "{name}：找不到该摘要引用的原文 {path}；请将整个输出文件夹（含 texts/）一并复制，或重新运行 `summarise bulk`",
        "{name}: the source text it refers to, {path}, is missing; copy the whole output folder"
        " (texts/ included), or run `summarise bulk` again",
    ),
    "archive.err.bad_text": (
        "{name}：原文 {path} 已损坏或被改动（{error}）；请重新运行 `summarise bulk`",
        "{name}: its source text {path} is damaged or was changed ({error}); run `summarise bulk` again",
    ),
    "archive.err.span": (
        "{name}：证据位置 {start}-{end} 超出原文长度（{size} 字）；请重新运行 `summarise bulk`",
        "{name}: an evidence span {start}-{end} lies outside its source text of {size} characters;"
        " run `summarise bulk` again",
    ),
    "archive.err.index_newer": (
        "{path}：由更新版本的 summarise 生成（索引版本 {version}，本版本为 {current}）；请升级 summarise 或另选输出文件夹",
        "{path}: made by a newer summarise (index version {version}, this one writes {current});"
        " upgrade summarise or use another output folder",
    ),
    "archive.err.index_old": (
        "{path}：索引版本 {version} 无法升级（{reason}）；请另选输出文件夹，或删除该索引后重新运行 `summarise bulk`",
        "{path}: index version {version} cannot be upgraded ({reason}); use another output folder,"
        " or delete the index and run `summarise bulk` again",
    ),
    "archive.err.search_version": (
        "{path}：索引版本 {version} 与本版本（{current}）不符；请对同一文件夹再运行一次 `summarise bulk` 以升级索引",
        "{path}: index version {version}, this summarise reads {current}; run the same `summarise bulk`"
        " once more to upgrade it",
    ),
    "archive.err.no_index": (
        "未指定索引：请用 --index 指定 `summarise bulk` 生成的 index.sqlite，或设置环境变量 SUMMARISE_INDEX",
        "no index given: name the index.sqlite `summarise bulk` wrote with --index, or set SUMMARISE_INDEX",
    ),
    # runner
    "archive.run.dry_run": (
        "批量处理不支持试运行；如需估算，请对单个文件运行 report 命令，并加 --engine llm --dry-run",
        "bulk has no dry run; estimate one report with `summarise report FILE --engine llm --dry-run`",
    ),
    "archive.run.not_folder": (
        "{path}：不是文件夹（单个文件请用 `summarise report`）",
        "{path}: not a folder (use `summarise report` for one file)",
    ),
    "archive.run.same_folder": (
        "输出文件夹（OUT_DIR）不能与输入文件夹（IN_DIR）相同",
        "OUT_DIR must be a different folder from IN_DIR",
    ),
    "archive.run.out_not_folder": (
        "{path}：不是文件夹；-o 应指定存放摘要的文件夹",
        "{path}: not a folder; -o names the folder for the summaries",
    ),
    "archive.run.out_unwritable": (
        "{path}：无法在此写入摘要（{error}）",
        "{path}: cannot write the summaries there ({error})",
    ),
    "archive.run.locked": (
        "另一个 `summarise bulk` 正在写入 {path}；请等其结束，或用 -o 另选文件夹",
        "another `summarise bulk` is writing to {path}; wait for it or use another -o",
    ),
    "archive.run.stopped": (
        "提前停止：{reason}；{pending} 个文件留待处理，接口恢复后请再次运行同一命令",
        "stopped early: {reason}; {pending} files left pending, run the same command again once the"
        " endpoint answers",
    ),
    "archive.run.interrupted": (
        "已中断；再次运行同一命令即可继续完成",
        "interrupted; run the same command again to finish",
    ),
    "archive.run.index_set_aside": (
        "{index} 已损坏，已改名为 {aside}，并根据各摘要 JSON 重建索引",
        "{index} was damaged; moved it to {aside} and rebuilt the index from the summary JSONs",
    ),
    "archive.run.damaged": (
        "{n} 个摘要 JSON 已损坏（被截断或改动），已重新生成",
        "{n} summary JSONs were damaged (truncated or changed) and were made again",
    ),
    "archive.run.see_errors": (
        "{n} 个文件未能生成摘要，详见 {path}",
        "{n} files could not be summarised: see {path}",
    ),
    "archive.run.sep": ("；", "; "),
    "archive.fail.timeout": (
        "{name}：处理超过单个文件的时限 {seconds} 秒，已停止，其余文件照常处理",
        "{name}: took longer than {seconds} s, the time a file may take; stopped so that the run could go on",
    ),
    "archive.fail.crash": (
        "{name}：处理该文件时工作进程退出（内存不足或程序崩溃）",
        "{name}: the worker process died on this file (out of memory or a crash)",
    ),
    "archive.fail.same_content": (
        "{name}：与 {other} 内容相同，后者处理失败：{error}",
        "{name}: same content as {other}, which failed: {error}",
    ),
    "archive.fail.write": (
        "{name}：无法写入摘要文件 {json}（{error}）",
        "{name}: cannot write its summary {json} ({error})",
    ),
    "archive.fail.fallback": ("改用规则引擎的结果", "fell back to the rules engine"),
    "archive.index.none_here": (
        "{path}：此处没有索引；请先运行 `summarise bulk IN_DIR -o OUT_DIR` 生成",
        "{path}: no index here; build one with `summarise bulk IN_DIR -o OUT_DIR`",
    ),
    "archive.index.unusable": (
        "{path}：无法用作索引（{error}）；请另选输出文件夹",
        "{path}: cannot use this file as the index ({error}); use another output folder",
    ),
    "archive.walk.root": (
        "{path}：无法列出文件夹内容（{error}）",
        "{path}: cannot list the folder ({error})",
    ),
    "archive.walk.folder": (
        "{name}：无法列出该文件夹内容（{error}），其中的文件未读取",
        "{name}: cannot list this folder ({error}); its files were not read",
    ),
    "archive.walk.special": (
        "{name}：{kind}，不是普通文件，未读取",
        "{name}: {kind}, not a regular file; not read",
    ),
    "archive.walk.fifo": ("命名管道（FIFO）", "a FIFO"),
    "archive.walk.socket": ("套接字", "a socket"),
    "archive.walk.device": ("设备文件", "a device"),
    "archive.walk.other": ("特殊文件", "a special file"),
    "archive.walk.loop": ("{name}：符号链接循环，未跟随", "{name}: a symlink loop; not followed"),
    "archive.walk.dangling": (
        "{name}：符号链接指向的 {target} 不存在",
        "{name}: a symlink to {target}, which does not exist",
    ),
    "archive.walk.nowhere": ("{name}：符号链接无指向", "{name}: a symlink to nothing"),
    "archive.walk.unreadable": ("{name}：无法读取（{error}）", "{name}: cannot read ({error})"),
    # --- end: archive ---------------------------------------------------------------------------
    # --- section: units (unit keys, rounds) -----------------------------------------------------
    "units.help.command": (
        "按单位归并通报：列出有多份通报的单位，按时间排出各轮次，比对相邻两轮（重复问题、整改未完成事项、"
        "推迟的完成时限、变化的数据），比对结果存于 OUT/diffs 并写入索引。",
        "Group an archive's notices by unit: list the units with more than one notice, their rounds in "
        "time order, and the diff of each pair of consecutive rounds (recurring problems, outstanding "
        "items, postponed deadlines, figures that moved), stored under OUT/diffs and indexed.",
    ),
    "units.help.out": ("`summarise bulk` 的输出文件夹。", "The output folder of `summarise bulk`."),
    "units.help.format": ("text 或 json。", "text or json."),
    "units.help.aliases": (
        "单位别名文件（TOML 或 CSV，别名 → 标准名）；默认读取 OUT/aliases.toml 或 OUT/aliases.csv（如有）。",
        "Unit alias file (TOML or CSV, alias → standard name); by default OUT/aliases.toml or "
        "OUT/aliases.csv when present.",
    ),
    "units.err.format": (
        "--format 只能是 {formats}，不能是 {fmt!r}",
        "--format is one of {formats}, not {fmt!r}",
    ),
    "units.err.no_index": (
        "{out}：此处没有索引；请先运行 `summarise bulk 输入文件夹 -o {out}`",
        "{out}: no index here; run `summarise bulk IN_DIR -o {out}` first",
    ),
    "units.err.bad_index": (
        "{path}：无法读取索引（{error}）；请重新运行 `summarise bulk`",
        "{path}: cannot read the index ({error}); run `summarise bulk` again",
    ),
    "units.err.alias_read": (
        "无法读取别名文件 {path}：{error}",
        "cannot read the alias file {path}: {error}",
    ),
    "units.err.alias_toml": (
        "别名文件 {path} 不是有效的 TOML：{error}",
        "the alias file {path} is not valid TOML: {error}",
    ),
    "units.err.alias_shape": (
        "别名文件 {path} 应为“别名 = 标准名”形式的字符串对（可置于 [aliases] 表下）",
        "the alias file {path} should hold pairs of strings, alias = standard name (optionally under [aliases])",
    ),
    "units.err.alias_row": (
        "别名文件 {path} 第 {line} 行：应有两列，别名和标准名",
        "the alias file {path}, line {line}: it needs two columns, the alias and the standard name",
    ),
    "units.text.unit": ("{name}（{count} 份通报）", "{name} ({count} notices)"),
    "units.text.key": ("  单位标识：{key}", "  unit key: {key}"),
    "units.text.notice": (
        "  第 {n} 轮  巡察 {period}  反馈 {feedback}  发布 {published}  {path}",
        "  round {n}  inspected {period}  feedback {feedback}  published {published}  {path}",
    ),
    "units.text.copy": ("  （同一通报的另一份副本）  {path}", "  (another copy of the same notice)  {path}"),
    "units.text.undated": ("  日期不明，未参与比对  {path}", "  no dates, not compared  {path}"),
    "units.text.unknown_date": ("不明", "unknown"),
    "units.text.sep": ("；", "; "),
    "units.text.pair": (
        "  第 {a} 轮 → 第 {b} 轮：重复问题 {recurring} 个（此前已报整改完成 {reported_done_before} 个），"
        "新增 {new} 个，不再提及 {dropped} 个；未完成事项已完成 {closed} 项、仍在整改 {open} 项、"
        "未提及 {not_mentioned} 项、逾期 {overdue} 项；完成时限推迟 {postponed} 项；数据变化 {figures_changed} 项",
        "  round {a} → round {b}: {recurring} recurring problems ({reported_done_before} reported done "
        "before), {new} new, {dropped} dropped; outstanding items {closed} closed, {open} open, "
        "{not_mentioned} not mentioned, {overdue} overdue; {postponed} deadlines postponed; "
        "{figures_changed} figures moved",
    ),
    "units.text.diff_file": ("    比对结果：{path}", "    diff: {path}"),
    "units.text.none": ("没有哪个单位有多份通报。", "No unit has more than one notice."),
    "units.text.total": (
        "共 {units} 个单位有多份通报（{keyed} 份通报确定了单位）；相邻轮次比对 {diffs} 份：本次新算 {computed} 份，"
        "沿用 {reused} 份，移除过时的 {removed} 份。",
        "{units} units have more than one notice ({keyed} notices have a unit key); {diffs} diffs of "
        "consecutive rounds: {computed} computed now, {reused} reused, {removed} out-of-date removed.",
    ),
    "units.text.unkeyed": (
        "另有 {count} 份通报未确定单位：{reasons}。可在别名文件中写明（见 docs/rounds.md）。",
        "{count} notices have no unit key: {reasons}. An alias file can name them (see docs/rounds.md).",
    ),
    "units.reason.no_unit": ("未识别出单位名称 {n} 份", "no unit name found in {n}"),
    "units.reason.round_level": ("整轮通报（涉及多个单位）{n} 份", "{n} cover a whole round of many units"),
    "units.reason.place_unknown": ("单位所在地不明 {n} 份", "the unit's place is unknown in {n}"),
    "units.reason.unreadable": (
        "摘要文件无法读取 {n} 份（请重新运行 `summarise bulk`）",
        "the summary cannot be read in {n} (run `summarise bulk` again)",
    ),
    # --- end: units -----------------------------------------------------------------------------
    # --- section: serve -------------------------------------------------------------------------
    "serve.app": ("巡察整改通报档案", "Inspection notices archive"),
    "serve.nav.archive": ("档案总览", "Archive"),
    "serve.nav.search": ("检索", "Search"),
    "serve.nav.units": ("被巡察单位", "Units"),
    "serve.search.placeholder": (
        "检索问题与整改措施，如：公务用车",
        "Search problems and measures, e.g. 公务用车",
    ),
    "serve.search.label": ("检索词", "Search words"),
    "serve.search.heading": ("检索问题与整改措施", "Search problems and measures"),
    "serve.search.submit": ("检索", "Search"),
    "serve.search.help": (
        "多个检索词以空格分隔，须同时出现在同一问题标题或同一条整改措施中；不填检索词时按筛选条件列出问题。",
        "Separate words with spaces; all must occur in the same problem heading or the same measure. "
        "With no words, the filters alone choose the problems.",
    ),
    "serve.search.count": (
        "共找到 {total} 个问题，涉及 {reports} 份通报",
        "{total} problems in {reports} notices",
    ),
    "serve.search.count_more": (
        "已找到 {total} 个以上问题，涉及 {reports} 份以上通报（检索词不足三字时按落款日期由近及远检索，不统计全部）",
        "More than {total} problems in more than {reports} notices (words shorter than three characters "
        "are read newest first and not counted to the end)",
    ),
    "serve.any": ("不限", "Any"),
    "serve.back_home": ("返回档案总览", "Back to the archive"),
    "serve.archive.heading": ("档案总览", "The archive at a glance"),
    "serve.archive.empty": (
        "档案中尚无通报摘要，请先用 summarise bulk 汇总通报。",
        "The archive holds no summaries yet; run summarise bulk first.",
    ),
    "serve.archive.by_year": ("分年度情况", "By year"),
    "serve.archive.by_level": ("分层级情况", "By level"),
    "serve.archive.by_unit": ("通报较多的被巡察单位", "Units with the most notices"),
    "serve.archive.all_units": ("查看全部被巡察单位", "All units"),
    "serve.archive.by_area": ("分年度、分方面问题数", "Problems by year and area"),
    "serve.archive.discipline": ("问责处理合计", "People dealt with, by type"),
    "serve.archive.rate_note": (
        "完成率为已完成问题占所列问题的比例，按通报中各问题的整改状态统计；通报自述完成率为通报自行报告的完成率的平均值。",
        "The done rate is the share of listed problems each notice reports as rectified; the stated rate is "
        "the mean of the rates the notices give themselves.",
    ),
    "serve.archive.area_note": (
        "按方面标题的用语归类：决策部署、从严治党、组织建设、巡察整改，其余归入其他。",
        "Areas are grouped by the wording of their headings: policy, discipline, organisation, "
        "rectification; the rest are other.",
    ),
    "serve.reports": ("通报", "Notices"),
    "serve.units": ("被巡察单位", "Units"),
    "serve.problems": ("问题", "Problems"),
    "serve.measures": ("整改措施", "Measures"),
    "serve.outstanding": ("尚需整改", "Outstanding"),
    "serve.people": ("问责人数", "People dealt with"),
    "serve.col.year": ("年度", "Year"),
    "serve.col.level": ("层级", "Level"),
    "serve.col.unit": ("被巡察单位", "Unit"),
    "serve.col.rounds": ("通报数", "Notices"),
    "serve.col.years": ("年度范围", "Years"),
    "serve.col.status": ("整改状态", "Status"),
    "serve.col.area": ("方面", "Area"),
    "serve.col.kind": ("处理方式", "Type"),
    "serve.col.done_rate": ("完成率", "Done rate"),
    "serve.col.stated_rate": ("通报自述完成率", "Stated rate"),
    "serve.pct": ("{pct}%", "{pct}%"),
    "serve.stated_rate": ("{pct}%（{n} 份）", "{pct}% ({n} notices)"),
    "serve.unknown_year": ("年度不详", "Year unknown"),
    "serve.no_date": ("日期不详", "Date unknown"),
    "serve.none": ("暂无。", "None."),
    "serve.status.done": ("已完成", "Done"),
    "serve.status.in_progress": ("推进中", "In progress"),
    "serve.status.long_term": ("长期坚持", "Long term"),
    "serve.status.unknown": ("未说明", "Not stated"),
    "serve.level.central": ("中央巡视", "Central inspection"),
    "serve.level.province": ("省级巡视", "Provincial inspection"),
    "serve.level.city": ("市级巡察", "City inspection"),
    "serve.level.county": ("县级巡察", "County inspection"),
    "serve.level.village": ("村（社区）巡察", "Village inspection"),
    "serve.level.unknown": ("层级不详", "Level unknown"),
    "serve.area.policy": ("决策部署落实", "Policy and decisions"),
    "serve.area.discipline": ("全面从严治党", "Party discipline"),
    "serve.area.organisation": ("组织建设", "Organisation and cadres"),
    "serve.area.rectification": ("巡察整改", "Earlier rectification"),
    "serve.area.other": ("其他", "Other"),
    "serve.chart.reports": ("各年度通报数", "Notices per year"),
    "serve.chart.statuses": (
        "各年度问题整改状态（柱顶为完成率）",
        "Problems per year by status (done rate on top)",
    ),
    "serve.chart.areas": ("各年度分方面问题数", "Problems per year by area"),
    "serve.chart.levels": ("分层级通报数", "Notices by level"),
    "serve.chart.discipline": ("问责处理人数", "People dealt with"),
    "serve.download": ("下载台账：", "Download the ledger:"),
    "serve.download.capped": (
        "台账收录最新的 {n} 份通报。",
        "The ledger holds the newest {n} notices.",
    ),
    "serve.measure": ("措施：", "Measure: "),
    "serve.more_measures": ("另有 {n} 条措施匹配", "and {n} more matching measures"),
    "serve.compare.pick": ("勾选两份通报进行对比", "Tick two notices to compare them"),
    "serve.compare.selected": ("对比勾选的两份通报", "Compare the two ticked notices"),
    "serve.prev": ("上一页", "Previous"),
    "serve.next": ("下一页", "Next"),
    "serve.page": ("第 {page} / {pages} 页", "Page {page} of {pages}"),
    "serve.report.rounds": ("该单位各轮通报：", "This unit's notices:"),
    "serve.report.compare": ("对比", "Compare"),
    "serve.report.compare_with": (
        "与另一份通报对比（填写其 sha256）：",
        "Compare with another notice (its sha256): ",
    ),
    "serve.report.view": ("摘要与原文", "Summary and source"),
    "serve.compare.heading": ("两份通报对比", "Two notices compared"),
    "serve.compare.old": ("前一份：", "Earlier: "),
    "serve.compare.new": ("后一份：", "Later: "),
    "serve.compare.swap": ("交换前后", "Swap"),
    "serve.units.heading": ("被巡察单位", "Units inspected"),
    "serve.unit.summary": (
        "共 {rounds} 份通报，按巡察时间排列。",
        "{rounds} notices, in the order of their inspections.",
    ),
    "serve.unit.recurring": ("屡改屡犯：再次出现的问题（{n}）", "Problems raised again ({n})"),
    "serve.unit.similarity": ("相似度", "Similarity"),
    "serve.unit.earlier": ("前一轮", "Earlier round"),
    "serve.unit.later": ("后一轮", "Later round"),
    "serve.unit.done_before": ("前一轮已报整改完成", "Reported done before"),
    "serve.unit.one_round": (
        "该单位仅有一份通报，无可对比的轮次。",
        "This unit has one notice: no rounds to compare.",
    ),
    "serve.unit.rounds": ("各轮通报及前后对比", "Rounds, and what changed between them"),
    "serve.unit.dates": (
        "巡察开始 {start}，反馈 {feedback}，落款 {published}",
        "inspection {start}, feedback {feedback}, signed {published}",
    ),
    "serve.unit.counts": (
        "问题 {problems} 个，尚需整改 {outstanding} 项",
        "{problems} problems, {outstanding} outstanding",
    ),
    "serve.unit.diff": ("查看与下一轮的对比", "The diff with the next round"),
    "serve.unit.totals": (
        "再次出现 {recurring} 个，新增 {new} 个，不再提及 {dropped} 个；尚需整改事项已完成 {closed} 项、仍未完成 {open} 项、"
        "延期 {postponed} 项；数据变化 {figures} 处",
        "{recurring} raised again, {new} new, {dropped} no longer raised; outstanding items {closed} closed, "
        "{open} open, {postponed} postponed; {figures} figures moved",
    ),
    "serve.err.bad_hash": (
        "通报地址有误：应为 64 位十六进制 sha256。",
        "Not a notice address: it must be a sha256 of 64 hex digits.",
    ),
    "serve.err.no_report": ("档案中没有这份通报。", "The archive holds no such notice."),
    "serve.err.no_json": (
        "这份通报的摘要文件 {path} 缺失或已损坏，请重新运行 summarise bulk。",
        "The summary file {path} of this notice is missing or damaged; run summarise bulk again.",
    ),
    "serve.err.no_unit": ("档案中没有这个被巡察单位。", "The archive holds no such unit."),
    "serve.err.not_found": ("页面不存在。", "No such page."),
    "serve.err.empty_search": ("请先填写检索词或筛选条件。", "Give search words or a filter first."),
    "serve.err.pick_two": ("请选择两份通报进行对比。", "Choose two notices to compare."),
    "serve.err.http": ("请求无法处理（{status}）。", "The request cannot be served ({status})."),
    "serve.err.internal": (
        "服务内部出错，请查看命令行窗口中的提示。",
        "Internal error; see the terminal for details.",
    ),
    "serve.file.search": ("检索台账-{query}", "search-ledger-{query}"),
    "serve.file.filtered": ("筛选结果", "filtered"),
    "serve.file.unit": ("单位台账-{unit}", "unit-ledger-{unit}"),
    "serve.help": (
        "在本机浏览器中查阅汇总档案：总览、检索、单位各轮通报对比、台账下载（只读）。",
        "Browse a bulk output folder in a local web app: overview, search, rounds of a unit, ledgers (read-only).",
    ),
    "serve.help.out": (
        "summarise bulk 的输出文件夹（含 index.sqlite）。",
        "A summarise bulk output folder (with index.sqlite).",
    ),
    "serve.help.host": (
        "监听地址，默认 127.0.0.1（仅本机可访问）。",
        "Address to listen on; 127.0.0.1 (this machine only) by default.",
    ),
    "serve.help.port": ("监听端口。", "Port to listen on."),
    "serve.cli.listening": (
        "档案已就绪：{url}（按 Ctrl+C 停止）",
        "Serving the archive at {url} (Ctrl+C stops)",
    ),
    "serve.cli.exposed": (
        "注意：监听 {host}，同一网络中的其他计算机也能查阅该档案。",
        "Note: listening on {host}, so other machines on the network can read this archive.",
    ),
    "serve.err.no_index": (
        "{path}：没有 index.sqlite，请先运行 summarise bulk IN_DIR -o {path}",
        "{path}: no index.sqlite here; build one with summarise bulk IN_DIR -o {path}",
    ),
    "serve.err.bad_index": (
        "{path}：无法读取档案索引（{error}）",
        "{path}: cannot read this index ({error})",
    ),
    "serve.err.port": ("无法监听 {host}:{port}（{error}）", "Cannot listen on {host}:{port} ({error})"),
    # --- end: serve -----------------------------------------------------------------------------
}
