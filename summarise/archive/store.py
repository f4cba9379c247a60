"""How a summary is stored in a bulk output folder, and the one way to load it back.

A stored summary is compact JSON without the source text and without the evidence quotes that are
exactly the text at their span: both are the report's own words, kept once per distinct text under
texts/ (gzip), not once more in every JSON. `source.text_sha256` names that text; a verified
quote is written as its span alone, `{"start":s,"end":e}`. Loading re-attaches the text (checking
its hash), cuts each dropped quote from it again, and validates the result: the `ReportSummary`
the pipeline made, byte for byte, so the evidence check, the views (HTML included) and the diff
read it as if it had never been stored. A quote the pipeline could not verify is written as it is.

A JSON written before this form (the text inline, quotes whole) is loaded as it is.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import tempfile
from pathlib import Path

from isal import igzip

from ..errors import InputError
from ..i18n import say
from ..models import ReportSummary

TEXTS_DIR = "texts"
# ISA-L's gzip at level 1: the same gzip format and ratio as zlib's level 1 (46% of the UTF-8 bytes) in
# a fifth of the CPU (0.1 ms for a 20 kB notice, against 0.5 ms), and zlib decompresses it. Level 1:
# Chinese text gets little from more effort (43% at zlib's 6) at twice the CPU.
GZIP_LEVEL = 1
# An Evidence as pydantic dumps it is {"start":s,"end":e,"quote":"…","verified":true}. Inside a JSON
# string every '"' is escaped, so `","verified":` can only close the quote it follows.
_QUOTE = b',"quote":"'
_QUOTE_END = b'","verified":'
_TRUE = b"true"
_SPAN = re.compile(rb'\{"start":(\d+),"end":(\d+)\}')
_SOURCE = b'"source":{'
_HEX = re.compile(r"[0-9a-f]{64}")


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def text_rel(sha: str) -> str:
    """Where a text lives, relative to the output folder (two-letter shards keep folders small)."""
    return f"{TEXTS_DIR}/{sha[:2]}/{sha}.txt.gz"


def encode(summary: ReportSummary) -> tuple[bytes, str]:
    """The stored JSON of a checked summary, and the sha256 of its text (which goes under texts/)."""
    sha = text_sha256(summary.source.text)
    data = summary.model_dump_json(exclude={"source": {"text"}}).encode("utf-8")
    data = _drop_verified_quotes(data)
    at = data.index(_SOURCE) + len(_SOURCE)  # the first object after schema_version
    return data[:at] + b'"text_sha256":"' + sha.encode() + b'",' + data[at:], sha


def _drop_verified_quotes(data: bytes) -> bytes:
    """Each verified Evidence as its span alone, {"start":s,"end":e}: `verified` true means the pipeline
    checked quote == text[start:end], so the quote is the text's and comes back from it. (A scan with
    bytes.find: a regex over the whole JSON costs three times as much.)"""
    out: list[bytes] = []
    pos = 0
    while (at := data.find(_QUOTE, pos)) >= 0:
        end = data.index(_QUOTE_END, at) + len(_QUOTE_END)
        if data.startswith(_TRUE, end):
            out.append(data[pos:at])
            pos = end + len(_TRUE)
        else:  # unverified (an LLM quote not found in the text): kept as it is
            out.append(data[pos:end])
            pos = end
    out.append(data[pos:])
    return b"".join(out)


def decode(data: bytes, text: str, name: str) -> ReportSummary:
    """A stored JSON with its text put back: the summary as the pipeline made it."""
    size = len(text)

    def quote(m: re.Match[bytes]) -> bytes:
        start, end = int(m.group(1)), int(m.group(2))
        if not start <= end <= size:
            raise InputError(say("archive.err.span", name=name, start=start, end=end, size=size))
        cut = json.dumps(text[start:end], ensure_ascii=False).encode("utf-8")
        return b'{"start":%d,"end":%d,"quote":%s,"verified":true}' % (start, end, cut)

    full = _SPAN.sub(quote, data)
    at = full.index(_SOURCE) + len(_SOURCE)
    end = full.index(b'",', at)
    body = json.dumps(text, ensure_ascii=False).encode("utf-8")
    full = full[:at] + b'"text":' + body + b"," + full[end + 2 :]
    try:
        return ReportSummary.model_validate_json(full)
    except ValueError as exc:
        raise InputError(say("archive.err.invalid", name=name, error=_first_line(exc))) from None


def stored_text_sha(data: bytes) -> str | None:
    """The text a stored JSON refers to, or None for a JSON that carries its own text."""
    head = data[:400]
    at = head.find(_SOURCE + b'"text_sha256":"')
    if at < 0:
        return None
    start = at + len(_SOURCE) + len(b'"text_sha256":"')
    sha = head[start : start + 64].decode("ascii", "replace")
    return sha if _HEX.fullmatch(sha) else None


def write_text(out_dir: Path, text: str, sha: str) -> bool:
    """Store a text once: a text already there (same hash, so same words) is left alone. True if written."""
    path = out_dir / text_rel(sha)
    if path.is_file():
        return False
    write_quick(path, igzip.compress(text.encode("utf-8"), GZIP_LEVEL, mtime=0))
    return True


def read_text(path: Path, sha: str, name: str) -> str:
    try:
        text = gzip.decompress(path.read_bytes()).decode("utf-8")
    except FileNotFoundError:
        raise InputError(say("archive.err.no_text", name=name, path=path)) from None
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        raise InputError(say("archive.err.bad_text", name=name, path=path, error=exc)) from None
    if text_sha256(text) != sha:
        raise InputError(say("archive.err.bad_text", name=name, path=path, error="sha256"))
    return text


def find_text(json_file: Path, sha: str) -> Path:
    """The text a stored JSON names: under texts/ of the output folder, the nearest one above the JSON
    (so a JSON keeps working wherever the folder is moved, and at whatever depth the file sits)."""
    rel = text_rel(sha)
    for folder in json_file.resolve().parents:
        candidate = folder / rel
        if candidate.is_file():
            return candidate
    return json_file.resolve().parent / rel  # not found: read_text names the missing file


def expand(data: bytes, json_file: Path) -> bytes:
    """The full summary JSON (text and quotes inline) of a stored one; any other bytes unchanged.

    For readers that take summary JSON as bytes (`summarise diff`): a stored JSON from a bulk output
    folder reads like what `summarise report -f json` prints."""
    sha = stored_text_sha(data)
    if sha is None:
        return data
    return load_bytes(data, json_file).model_dump_json().encode("utf-8")


def load_bytes(data: bytes, json_file: Path) -> ReportSummary:
    name = str(json_file)
    sha = stored_text_sha(data)
    if sha is None:  # written before texts/ existed: the whole summary is in the file
        try:
            return ReportSummary.model_validate_json(data)
        except ValueError as exc:
            raise InputError(say("archive.err.invalid", name=name, error=_first_line(exc))) from None
    return decode(data, read_text(find_text(json_file, sha), sha, name), name)


def load_summary(json_file: str | Path) -> ReportSummary:
    """A summary JSON of a bulk output folder (either form) as a ReportSummary, its text re-attached."""
    path = Path(json_file)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(say("archive.err.unreadable", name=path, error=exc.strerror or exc)) from None
    return load_bytes(data, path)


def source_text(out_dir: Path, json_rel: str, sha: str | None) -> str:
    """The source text of an indexed report: from texts/ by its hash, or from inside its JSON (written
    before texts/ existed, `reports.text_sha256` null)."""
    if sha is not None:
        return read_text(out_dir / text_rel(sha), sha, json_rel)
    return load_summary(out_dir / json_rel).source.text


def write_quick(path: Path, data: bytes) -> None:
    """Write a file atomically (temp file, rename) but without an fsync of its own: the runner makes the
    folder durable once per committed batch of index rows (Index.commit), before the rows that name it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes 0600; a summary is meant to be shared
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# Read once: the umask is process-wide, and setting it to read it races with writer threads.
_UMASK = _umask()


def _first_line(exc: Exception) -> str:
    return str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
