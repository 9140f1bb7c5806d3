"""Listings for people who read Vietnamese: the Vietnamese alphabetical order, a search that
ignores case and diacritics, and pages of bounded size. Pure Python (no ICU needed).

Order (`vietnamese_key`): the Vietnamese alphabet a ă â b c d đ e ê g h i k l m n o ô ơ p q
r s t u ư v x y (f j w z, foreign letters, in their Latin places), compared letter by letter
first; then, for words equal in letters, by tone in the dictionary order ngang (none),
huyền (`), hỏi (?), ngã (~), sắc ('), nặng (.); then lower case before upper case. So
"Cà phê" < "Chuối" ("c" then "à" < "h") and "Điểm du lịch" < "Yến" (đ after d, before e).

Search (`matches`): every word of the query, folded (no diacritics, đ as d, any case), is a
prefix of a word of the text: "ca phe dak ha" finds "Cà phê Đăk Hà".

Pages (`page`): at most `MAX_PAGE_SIZE` rows a page; the page token is the offset of the
next page as text, opaque to clients."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import Any, TypeVar

from runtime.errors import CommandRejected
from runtime.text import fold

T = TypeVar("T")

ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {letter: rank for rank, letter in enumerate(ALPHABET)}
_TONE_RANK = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_WITH_MARK = {
    ("a", "\u0306"): "ă",
    ("a", "\u0302"): "â",
    ("e", "\u0302"): "ê",
    ("o", "\u0302"): "ô",
    ("o", "\u031b"): "ơ",
    ("u", "\u031b"): "ư",
}

DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 5000


@lru_cache(maxsize=4096)
def _weights(char: str) -> tuple[str, str, str]:
    """(letter weight, tone weight, case weight) of one character, each one character, so a
    key is three strings that compare in C."""
    upper = char.isupper()
    lowered = char.lower()
    tone = 0
    if lowered == "đ":
        letter = "đ"
    else:
        decomposed = unicodedata.normalize("NFD", lowered) or " "
        letter = decomposed[0]
        for mark in decomposed[1:]:
            if mark in _TONE_RANK:
                tone = _TONE_RANK[mark]
            elif (letter, mark) in _WITH_MARK:
                letter = _WITH_MARK[(letter, mark)]
    return chr(0x100 + _rank(letter)), chr(0x30 + tone), "1" if upper else "0"


def _rank(char: str) -> int:
    """Spaces, then punctuation, then digits, then the letters, then anything else."""
    if char in _LETTER_RANK:
        return 100 + _LETTER_RANK[char]
    if char.isspace():
        return 0
    if char.isdigit():
        return 50 + int(char) if char.isascii() else 60
    if unicodedata.category(char).startswith("P"):
        return 10
    return 1000 + ord(char)


@lru_cache(maxsize=200_000)
def vietnamese_key(text: str) -> str:
    """A sort key giving the Vietnamese dictionary order (see the module): letters first
    (spaces before punctuation before digits before letters, as ICU's root order has
    them), then tones, then case."""
    weights = [_weights(char) for char in unicodedata.normalize("NFC", text)]
    return "\x01".join("".join(w[level] for w in weights) for level in range(3))


def sort_vietnamese(rows: Iterable[T], text: Callable[[T], str]) -> list[T]:
    """`rows` in Vietnamese order of `text(row)`."""
    return sorted(rows, key=lambda row: vietnamese_key(text(row)))


def _words(text: str) -> list[str]:
    return "".join(c if c.isalnum() else " " for c in fold(text)).split()


def matches(query: str, *texts: str) -> bool:
    """Whether every word of `query` begins a word of one of `texts`, ignoring case and
    diacritics; an empty query matches everything."""
    wanted = _words(query)
    if not wanted:
        return True
    have = [word for text in texts for word in _words(text)]
    return all(any(word.startswith(part) for word in have) for part in wanted)


def page(rows: Sequence[T], page_size: int, page_token: str) -> tuple[list[T], str, int]:
    """The page of `rows` that `page_token` ("" for the first) points at, at most
    `page_size` rows (0: `DEFAULT_PAGE_SIZE`); (rows, next token, total). Refuses a size
    over `MAX_PAGE_SIZE` or a token that is not one this function gave."""
    size = page_size or DEFAULT_PAGE_SIZE
    if not 0 < size <= MAX_PAGE_SIZE:
        raise CommandRejected(
            "invalid_argument",
            "page_size",
            f"Cỡ trang phải từ 1 đến {MAX_PAGE_SIZE}.",
            f"Page size must be 1 to {MAX_PAGE_SIZE}.",
        )
    start = 0
    if page_token:
        if not page_token.isdigit() or int(page_token) > len(rows):
            raise CommandRejected(
                "invalid_argument",
                "page_token",
                "Mã trang không hợp lệ (hãy bắt đầu lại từ trang đầu).",
                "Invalid page token (start again from the first page).",
            )
        start = int(page_token)
    end = start + size
    return list(rows[start:end]), (str(end) if end < len(rows) else ""), len(rows)


def listed(
    rows: Iterable[T],
    request: Any,
    searched: Callable[[T], Sequence[str]],
    name: Callable[[T], str] | None = None,
) -> tuple[list[T], str, int]:
    """The page of `rows` a list request asks for: those whose `searched` texts match its
    `query` (if it has one), in Vietnamese order of `name` (None: as given, e.g. oldest
    first), paged by its `page_size` and `page_token`; (rows, next token, total)."""
    query = str(getattr(request, "query", ""))
    chosen = [row for row in rows if matches(query, *searched(row))]
    ordered = sort_vietnamese(chosen, name) if name is not None else chosen
    return page(ordered, request.page_size, request.page_token)
