"""Which reports can hold a search the trigram index cannot narrow: words of one or two characters
(整改, 干部), a status filter, or both.

Such a search is answered by reading reports newest first until the page is full (queries.py). When
the words are rare, or common but rarely with the status asked for, that read goes through most of
the archive: about a second on 10,000 reports. So the searchable text of every report is held here
once, in memory, one string per report and status (the problem's status, or for a measure its
problem's, else its own), and a search first keeps the reports whose string holds every word: a
C-speed substring test over the archive's headings and labels (some tens of megabytes), tens of
milliseconds. The answer is a superset (the words may sit in different rows of the report): the SQL
that follows still tests each row, so the results are the same as without it, only sooner.

The strings are read afresh whenever the reports change (the stamp the caller passes), by one query,
in a thread of their own: until it is done a search reads every report, as it did without them.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Hashable, Iterable, Iterator

# Between rows, so that two rows' text never makes a word across their join.
JOIN = "\n"


class ReportTexts:
    def __init__(self) -> None:
        self._stamp: Hashable | None = None
        self._texts: dict[int, list[tuple[str, str]]] = {}  # report id: (status, its rows' text)
        self._lock = threading.Lock()
        self._reading: Hashable | None = None  # the stamp a thread is reading the texts for

    def load(self, conn: sqlite3.Connection, stamp: Hashable, sql: str) -> dict[int, list[tuple[str, str]]]:
        """The texts as of `stamp`, read again (waiting for it) when it changed. `sql` yields
        (report_id, status, text) for the archive: the text each row is searched in."""
        with self._lock:
            if self._stamp == stamp:
                return self._texts
        query = f"SELECT report_id, st, group_concat(text, :join) FROM ({sql}) GROUP BY report_id, st"
        texts: dict[int, list[tuple[str, str]]] = {}
        for rid, st, text in conn.execute(query, {"join": JOIN}):
            texts.setdefault(int(rid), []).append((st, (text or "").lower()))
        with self._lock:
            self._texts, self._stamp = texts, stamp
        return texts

    def current(
        self, connect: Callable[[], sqlite3.Connection], stamp: Hashable, sql: str
    ) -> dict[int, list[tuple[str, str]]] | None:
        """The texts if they are those of `stamp`; else None at once, and a thread reads them (a
        bulk run writing the index changes it every few seconds: no request waits seconds for
        texts, the search then reads every report, as it would without them)."""
        with self._lock:
            if self._stamp == stamp:
                return self._texts
            if self._reading == stamp:
                return None
            self._reading = stamp

        def read() -> None:
            try:
                self.load(connect(), stamp, sql)
            finally:
                with self._lock:
                    if self._reading == stamp:
                        self._reading = None

        threading.Thread(target=read, name="serve-texts", daemon=True).start()
        return None

    @staticmethod
    def keep(
        texts: dict[int, list[tuple[str, str]]], order: Iterable[int], terms: Iterable[str], status: str = ""
    ) -> Iterator[int]:
        """The reports of `order`, in that order, some row of which (with `status`, when given) may
        hold every term. Lazily: a common word fills a page from the first reports tested."""
        words = [t.lower() for t in terms]
        for rid in order:
            if any(
                (not status or st == status) and all(w in text for w in words)
                for st, text in texts.get(rid, ())
            ):
                yield rid
