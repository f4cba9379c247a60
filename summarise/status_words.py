"""What a status sounds like in these notices: 已完成 is done, 正在/推进中 in progress, 持续/长期 long-term.

One lexicon for the rules engine, which reads statuses from the text, and for the pipeline, which
checks that the words a model quotes for a status really say that status.
"""

from __future__ import annotations

import re

from .models import Status

_EXPLICIT = re.compile(
    r"整改(?:状态|进度|进展|结果)\s*[:]\s*(?P<s>已完成|完成|已整改|整改完成|阶段性完成|基本完成|部分完成|正在整改|整改中|"
    r"推进中|持续整改|长期整改|长期坚持|未完成)"
)
_IN_PROGRESS = re.compile(
    r"正在|推进中|正有序|正加快|正积极|正抓紧|尚未|未完成|未办结|后续将|下一步将|下一步,|力争|预计|目前推进顺利|阶段性完成|"
    r"基本完成|部分完成|逐步推进|已启动|已开工|整改中|仍在|待完成"
)
_DONE = re.compile(r"已(?!开工|启动|经开始)|整改到位|完成整改|全部完成|已完成|办结|销号|整改完成")
_LONG = re.compile(r"长期|常态化|持续|长效|久久为功")


def status_of(text: str) -> Status:
    explicit = _EXPLICIT.search(text)
    if explicit:
        return explicit_status(explicit.group("s"))
    if _IN_PROGRESS.search(text):
        return Status.in_progress
    if _DONE.search(text):
        return Status.done
    if _LONG.search(text):
        return Status.long_term
    return Status.unknown


def explicit_status(word: str) -> Status:
    if word in ("已完成", "完成", "已整改", "整改完成"):
        return Status.done
    if word in ("持续整改", "长期整改", "长期坚持"):
        return Status.long_term
    return Status.in_progress


def explicit_in(text: str) -> Status | None:
    m = _EXPLICIT.search(text)
    return explicit_status(m.group("s")) if m else None


def supports(claimed: Status, quote: str) -> bool:
    """Whether `quote` says `claimed`; done needs words of completion and none of work still under way."""
    read = status_of(quote)
    if claimed is Status.done:
        return read is Status.done
    if claimed in (Status.in_progress, Status.long_term):
        return read in (Status.in_progress, Status.long_term)
    return False
