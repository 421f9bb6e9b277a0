"""Stores of checked claims: load them, analyse their text and index them.

A *store* is the list of claims fact-checkers have already checked. It loads
from JSON Lines, CSV/TSV, or schema.org ``ClaimReview`` JSON-LD (a file, a
list, the ``@graph`` of a page, or the ``<script type="application/ld+json">``
blocks of a saved HTML page). :class:`ClaimIndex` puts an inverted index with
BM25 weights over it, either in memory or in a SQLite file written by
:func:`write_index` (``attribution index STORE``), which opens in
milliseconds whatever the store's size because postings are read per query
term, never all at once.

The text analysis shared by the index and the queries lives here too:
:func:`terms` folds case and accents, drops the stopwords of
``data/match_stopwords.txt`` and stems with Porter's algorithm.

>>> terms("The U.S. Army is NOT contacting anyone regarding the draft")
['u', 'armi', 'contact', 'anyon', 'regard', 'draft']
"""

from __future__ import annotations

import csv
import functools
import heapq
import io
import itertools
import json
import math
import os
import re
import sqlite3
import unicodedata
import warnings
from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from operator import itemgetter
from pathlib import Path
from typing import Any

from attrs import field, frozen

from attribution import lexicon
from attribution._hints import did_you_mean
from attribution._io import SURROGATE, decode
from attribution._lines import LINE_BREAK
from attribution.errors import ConfigError, InputError, StoreWarning

__all__ = [
    "FIELDS",
    "MAX_WEIGHT",
    "CheckedClaim",
    "ClaimIndex",
    "IndexSettings",
    "claim_reviews",
    "fold",
    "index_path",
    "load_store",
    "open_store",
    "stem",
    "terms",
    "write_index",
]

#: The text fields of a checked claim that can be indexed.
FIELDS = ("claim", "title", "subtitle")

# The largest weight of a field or feature: a larger one (or an infinite one)
# makes the scores overflow to NaN, which JSON cannot carry.
MAX_WEIGHT = 1e6

# Canonical field -> column names tried in order when no mapping is given.
_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "claim_id", "vclaim_id", "@id"),
    "claim": ("claim", "claimReviewed", "claim_reviewed", "text", "statement", "vclaim"),
    "title": ("title", "headline", "name"),
    "subtitle": ("subtitle", "description", "summary", "standfirst"),
    "rating": ("rating", "textualRating", "verdict", "label", "truth_rating"),
    "url": ("url", "link", "review_url"),
    "date": ("date", "datePublished", "date_published", "published", "review_date"),
    "checker": ("checker", "author", "publisher", "fact_checker", "site"),
    "speaker": ("speaker", "claimant", "claim_author", "source"),
}
_COLUMNS = tuple(_ALIASES)

_INDEX_FORMAT = "attribution-claim-index"
_INDEX_VERSION = 1
_SQLITE_MAGIC = b"SQLite format 3\x00"


@frozen(kw_only=True)
class CheckedClaim:
    """One claim that a fact-checker has checked.

    ``claim`` is the claim as the checker worded it (``claimReviewed``);
    ``title`` and ``subtitle`` are the headline and standfirst of the
    fact-check, which name the claim in other words and help retrieval.
    """

    id: str
    claim: str
    title: str = ""
    subtitle: str = ""
    rating: str = ""
    url: str = ""
    date: str = ""
    checker: str = ""
    speaker: str = ""

    def field_text(self, name: str) -> str:
        """Return the text of the field ``name`` (one of :data:`FIELDS`)."""
        value: str = getattr(self, name)
        return value


def check_weight(weight: object, what: str) -> None:
    """Refuse a weight (of ``what``, for the message) that is no number from 0 to MAX_WEIGHT."""
    if not isinstance(weight, int | float) or not 0 <= weight <= MAX_WEIGHT:
        msg = f"weight of {what} must be a number from 0 to {MAX_WEIGHT:g}, not {weight!r}"
        raise ConfigError(msg)


def _field_weights(
    value: Mapping[str, float] | Iterable[tuple[str, float]],
) -> tuple[tuple[str, float], ...]:
    items = tuple(value.items()) if isinstance(value, Mapping) else tuple(value)
    out = []
    for name, weight in items:
        if name not in FIELDS:
            hint = did_you_mean(name, FIELDS)
            msg = f"unknown store field {name!r}{hint}: expected one of {', '.join(FIELDS)}"
            raise ConfigError(msg)
        check_weight(weight, f"field {name!r}")
        if weight:
            out.append((name, float(weight)))
    if not out:
        msg = "at least one store field needs a weight above 0"
        raise ConfigError(msg)
    return tuple(out)


@frozen(kw_only=True)
class IndexSettings:
    """How an index weighs the fields of a checked claim and scores terms.

    Each term's frequency in a claim is the weighted sum of its frequency in
    each field (BM25F with one length norm); ``k1`` and ``b`` are BM25's usual
    saturation and length-normalisation parameters. The defaults live in
    ``data/matching.toml`` under ``[index]``.
    """

    fields: tuple[tuple[str, float], ...] = field(converter=_field_weights)
    k1: float = 1.2
    b: float = 0.75

    @classmethod
    def default(cls) -> IndexSettings:
        """Return the settings of ``data/matching.toml``."""
        table = lexicon.weights("matching")["index"]
        return cls(fields=table["fields"], k1=table["k1"], b=table["b"])

    def same_weights(self, other: IndexSettings) -> bool:
        """Return whether ``other`` weighs fields and terms as these do, fields in any order."""
        return dict(self.fields) == dict(other.fields) and (self.k1, self.b) == (other.k1, other.b)

    def describe(self, *, bm25: bool = False) -> str:
        """Return the field weights as ``--fields`` takes them (``claim=1,title=2``), and k1, b."""
        text = ",".join(f"{name}={weight:g}" for name, weight in self.fields)
        return f"{text} (k1={self.k1:g}, b={self.b:g})" if bm25 else text


# --------------------------------------------------------------------------
# Loading stores


def _pick(row: Mapping[str, Any], name: str, columns: Mapping[str, str]) -> str:
    keys = (columns[name],) if name in columns else _ALIASES[name]
    for key in keys:
        value = row.get(key)
        if value is None or value == "":
            continue
        if isinstance(value, Mapping):
            value = value.get("name") or value.get("alternateName") or ""
        elif isinstance(value, list):
            value = ", ".join(
                str(v.get("name", "")) if isinstance(v, Mapping) else str(v) for v in value
            )
        return " ".join(str(value).split())
    return ""


def _check_columns(columns: Mapping[str, str]) -> dict[str, str]:
    for key in columns:
        if key not in _ALIASES:
            hint = did_you_mean(key, _COLUMNS)
            msg = f"unknown store column {key!r}{hint}: expected one of {', '.join(_COLUMNS)}"
            raise ConfigError(msg)
    return dict(columns)


def _from_row(
    row: Mapping[str, Any], columns: Mapping[str, str], where: str
) -> CheckedClaim | None:
    values = {name: _pick(row, name, columns) for name in _COLUMNS}
    if not values["claim"] and not values["title"]:
        return None
    ident = values.pop("id") or values["url"] or where
    return CheckedClaim(id=ident, **values)


def claim_reviews(data: Any, *, where: str = "claimreview") -> tuple[CheckedClaim, ...]:
    """Return the checked claims of parsed schema.org ``ClaimReview`` JSON-LD.

    ``data`` may be one ``ClaimReview`` object, a list of them, or a page's
    JSON-LD with an ``@graph``; other node types are skipped. The mapping is
    ``claimReviewed`` -> claim, ``reviewRating`` (its ``alternateName``, else
    ``name``, else ``ratingValue``) -> rating, ``url`` (else ``@id``) -> id and
    url, ``author`` -> checker, ``datePublished`` -> date,
    ``itemReviewed.author`` -> speaker, ``headline`` or ``name`` -> title and
    ``description`` -> subtitle. A review with neither ``url`` nor ``@id``
    gets the id ``{where}-{n}``, ``n`` counting the reviews of ``data`` from 1
    (a store passes its file's name and line, so ids stay unique across it).

    >>> review = {"@type": "ClaimReview", "url": "https://example.org/fc/1",
    ...           "claimReviewed": "The call lasted 14 minutes.",
    ...           "reviewRating": {"@type": "Rating", "alternateName": "False"},
    ...           "author": {"@type": "Organization", "name": "Example Check"},
    ...           "itemReviewed": {"@type": "Claim", "author": {"name": "A. Person"}}}
    >>> claim_reviews({"@context": "https://schema.org", "@graph": [review]})[0].rating
    'False'
    """
    out: list[CheckedClaim] = []
    for node in _walk(data):
        claim = _pick(node, "claim", {"claim": "claimReviewed"})
        if not claim:
            continue
        rating = ""
        review_rating = node.get("reviewRating")
        if isinstance(review_rating, Mapping):
            rating = str(
                review_rating.get("alternateName")
                or review_rating.get("name")
                or review_rating.get("ratingValue", "")
            )
        item = node.get("itemReviewed")
        speaker = ""
        if isinstance(item, Mapping):
            speaker = _pick(item, "speaker", {"speaker": "author"})
        url = _pick(node, "url", {"url": "url"})
        out.append(
            CheckedClaim(
                id=url or _pick(node, "id", {"id": "@id"}) or f"{where}-{len(out) + 1}",
                claim=claim,
                title=_pick(node, "title", {}),
                subtitle=_pick(node, "subtitle", {"subtitle": "description"}),
                rating=rating,
                url=url,
                date=_pick(node, "date", {"date": "datePublished"}),
                checker=_pick(node, "checker", {"checker": "author"}),
                speaker=speaker,
            )
        )
    return tuple(out)


def _walk(data: Any) -> Iterator[Mapping[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _walk(item)
    elif isinstance(data, Mapping):
        kind = data.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        if "ClaimReview" in kinds:
            yield data
        graph = data.get("@graph")
        if graph is not None:
            yield from _walk(graph)


_SCRIPT_OPEN = re.compile("<script", re.IGNORECASE)
_SCRIPT_CLOSE = re.compile("</script>", re.IGNORECASE)
_LD_TYPE = re.compile(r"type\s*=\s*[\"']application/ld\+json[\"']", re.IGNORECASE)


def _ld_json_blocks(html: str) -> Iterator[str]:
    """Yield the text of each ``<script type="application/ld+json">`` block.

    One pass: a regular expression over the page took time quadratic in the
    number of ``<script`` tags left open (20,000 of them: a minute).
    """
    position = 0
    while (tag := _SCRIPT_OPEN.search(html, position)) is not None:
        end = html.find(">", tag.end())
        if end < 0:
            return  # no tag after this one is closed either
        if _LD_TYPE.search(html, tag.end(), end) is None:
            position = end + 1  # a "<script" inside this tag has no type either
            continue
        close = _SCRIPT_CLOSE.search(html, end + 1)
        if close is None:
            return
        yield html[end + 1 : close.start()]
        position = close.end()


def _no_store_file(path: Path) -> InputError:
    """Return the error for a store that is not there, the same from index as from match."""
    return InputError(f"no store file {str(path)!r}")


def _read(path: Path) -> str:
    if path.is_dir():
        msg = f"{path}: is a directory, not a store of checked claims"
        raise InputError(msg)
    try:
        data = path.read_bytes()
    except FileNotFoundError as err:
        raise _no_store_file(path) from err
    except OSError as err:
        msg = f"cannot read store {str(path)!r} ({err.strerror or err})"
        raise InputError(msg) from err
    return decode(data, str(path))  # UTF-8 (a BOM or none) or UTF-16 with a BOM, as articles


# A claim and the line of the store it starts on, when the format has lines to give.
_Located = tuple[CheckedClaim, int | None]


def _json(text: str) -> Any:
    """Return ``json.loads(text)``; JSON nested too deeply for it is a ``ValueError`` too.

    ``'[' * 5000`` makes the decoder raise ``RecursionError``, which the
    readers' ``except ValueError`` let through as a traceback.
    """
    try:
        return json.loads(text)
    except RecursionError as err:
        msg = "nested too deeply"
        raise ValueError(msg) from err


def _json_lines(
    text: str, path: Path, columns: Mapping[str, str], seen: set[str]
) -> Iterator[_Located]:
    # Not str.splitlines(): a JSON string may hold U+2028, U+2029 or NEL
    # (U+0085) as they are, but never a raw "\r" or "\n".
    for number, line in enumerate(LINE_BREAK.split(text), 1):
        if not line.strip():
            continue
        try:
            row = _json(line)
        except ValueError as err:
            msg = f"{path}:{number}: expected one JSON object a line: {err}"
            raise InputError(msg) from err
        if not isinstance(row, dict):
            msg = f"{path}:{number}: expected a JSON object, got {type(row).__name__}"
            raise InputError(msg)
        if row.get("@type") == "ClaimReview" or (
            "claimReviewed" in row and isinstance(row.get("reviewRating"), dict)
        ):
            # A ClaimReview, even one that leaves out its "@type".
            review = {**row, "@type": "ClaimReview"}
            where = f"{path.name}:{number}"
            yield from ((claim, number) for claim in claim_reviews(review, where=where))
            continue
        seen.update(row)
        claim = _from_row(row, columns, f"{path.name}:{number}")
        if claim is not None:
            yield claim, number


def _csv(text: str, path: Path, columns: Mapping[str, str], seen: set[str]) -> Iterator[_Located]:
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    # No field is longer than the file (the module's limit, 128 KiB, would
    # refuse a long record that a JSONL store takes).
    limit = csv.field_size_limit(max(csv.field_size_limit(), len(text)))
    try:
        seen.update(reader.fieldnames or ())
        for number, row in enumerate(reader, 2):
            claim = _from_row(row, columns, f"{path.name}:{number}")
            if claim is not None:
                yield claim, reader.line_num - _breaks_in(row)
    except csv.Error as err:
        msg = f"{path}:{reader.line_num}: not CSV: {err}"
        raise InputError(msg) from err
    finally:
        csv.field_size_limit(limit)


def _breaks_in(row: Mapping[str | None, Any]) -> int:
    """Return how many line breaks a CSV record's quoted fields hold: it ends as many lines on."""
    # The fields past the header's come as one list, under the key None.
    fields = [f for v in row.values() for f in (v if isinstance(v, list) else (v,))]
    return sum(1 for f in fields if isinstance(f, str) for _ in LINE_BREAK.finditer(f))


def _nonempty(
    claims: tuple[_Located, ...], path: Path, columns: Mapping[str, str]
) -> tuple[_Located, ...]:
    """Refuse rows that yield no claim: their claim column was not found."""
    if not claims:
        wanted = columns.get("claim", "claim")
        msg = (
            f"{path}: no checked claims found (no {wanted!r} or title column with text); "
            "name the columns with --columns claim=COLUMN,title=COLUMN"
        )
        raise InputError(msg)
    return claims


def load_store(
    path: str | os.PathLike[str], *, columns: Mapping[str, str] | None = None
) -> tuple[CheckedClaim, ...]:
    """Load the checked claims of a store file.

    The format follows the extension: ``.jsonl``/``.ndjson`` (one object a
    line; a line may also be a ``ClaimReview``), ``.csv``/``.tsv`` (with a
    header row), ``.json``/``.jsonld`` (``ClaimReview`` JSON-LD, or a list of
    plain rows), ``.html``/``.htm`` (the page's JSON-LD blocks).

    Args:
        path: the store file.
        columns: maps a field of :class:`CheckedClaim` (``id``, ``claim``,
            ``title``, ``subtitle``, ``rating``, ``url``, ``date``,
            ``checker``, ``speaker``) to the column or key that holds it.
            Fields left out are looked up under common names (``claim``,
            ``claimReviewed``, ``text``...; ``author`` for the checker).

    Returns:
        The claims in file order. Rows with neither claim nor title are
        skipped; a row without an id gets its URL, else ``FILE:LINE``.

    Raises:
        InputError: the file cannot be read or parsed.
        ConfigError: ``columns`` names an unknown field.

    Warns:
        StoreWarning: once for each id that two or more claims share, naming
            the file, the id and, in a JSONL or CSV store, the lines.
    """
    cols = _check_columns(columns or {})
    source = Path(path)
    located = _located(source, _read(source), cols)
    _warn_of_shared_ids(source, located)
    return tuple(claim for claim, _ in located)


def _located(source: Path, text: str, cols: Mapping[str, str]) -> tuple[_Located, ...]:
    """Return the claims of a store's text, each with its line if the format has lines."""
    suffix = source.suffix.lower()
    seen: set[str] = set()  # the columns of the store's rows, for the names in ``cols``
    if suffix in (".csv", ".tsv"):
        claims = tuple(_csv(text, source, cols, seen))
        _check_named(cols, seen, source)
        return _nonempty(claims, source, cols)
    if suffix in (".html", ".htm"):
        found: list[_Located] = []
        for number, block in enumerate(_ld_json_blocks(text), 1):
            where = f"{source.name}:block{number}"
            try:
                found.extend((claim, None) for claim in claim_reviews(_json(block), where=where))
            except ValueError:
                continue  # a broken block on a web page is the page's problem
        return tuple(found)
    if suffix in (".json", ".jsonld"):
        try:
            data = _json(text)
        except ValueError as err:
            msg = f"{source}: not JSON: {err}"
            raise InputError(msg) from err
        reviews = claim_reviews(data, where=source.name)
        if reviews or not isinstance(data, list):
            return tuple((claim, None) for claim in reviews)
        rows = [row for row in data if isinstance(row, dict)]
        claims = tuple(
            (claim, None)
            for number, row in enumerate(rows, 1)
            if (claim := _from_row(row, cols, f"{source.name}:{number}")) is not None
        )
        seen.update(key for row in rows for key in row)
        _check_named(cols, seen, source)
        return _nonempty(claims, source, cols) if rows else claims
    claims = tuple(_json_lines(text, source, cols, seen))
    _check_named(cols, seen, source)
    return _nonempty(claims, source, cols) if text.strip() else claims


def _check_named(columns: Mapping[str, str], seen: set[str], source: Path) -> None:
    """Refuse a column named in ``columns`` that no row of the store has (a typo, most likely).

    Silent, it would leave that field empty in every claim: matching would
    then run on the titles alone, with other scores.
    """
    if not seen:
        return  # no rows (ClaimReviews only, or an empty store): nothing to check against
    for name, column in columns.items():
        if column not in seen:
            hint = did_you_mean(column, sorted(seen))
            msg = (
                f"{source}: no row has the column {column!r} given for {name}{hint}; "
                f"its columns: {', '.join(sorted(seen)[:20])}{', ...' if len(seen) > 20 else ''}"
            )
            raise ConfigError(msg)


# The lines a warning lists for one id at most (a store may give thousands one id).
_LINES_SHOWN = 10


def _warn_of_shared_ids(source: Path, located: Sequence[_Located]) -> None:
    """Warn once for each id that several claims of a store share: their matches are ambiguous.

    A match names its checked claim by id (``ranked`` in the output, the
    scorer of CheckThat!), so two claims with one id cannot be told apart.
    """
    counts = Counter(claim.id for claim, _ in located)
    if max(counts.values(), default=0) < 2:
        return
    lines: dict[str, dict[int, None]] = {}  # in file order, each line once
    for claim, line in located:
        if counts[claim.id] > 1:
            known = lines.setdefault(claim.id, {})
            if line is not None:
                known[line] = None
    for ident, known in lines.items():
        shown = [str(line) for line in itertools.islice(known, _LINES_SHOWN)]
        where = ", ".join(shown) + (", ..." if len(known) > _LINES_SHOWN else "")
        at = f" (line {where})" if len(known) == 1 else f" (lines {where})" if known else ""
        msg = f"{source}: {counts[ident]} claims have the id {ident!r}{at}"
        warnings.warn(f"{msg}; matches cannot tell them apart", StoreWarning, stacklevel=3)


# --------------------------------------------------------------------------
# Text analysis

# A number ("1,000", "3.5", "2020") or a run of letters. Apostrophes are
# dropped first, so "Trump's" gives "trump", "don't" gives "dont".
_TERM = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+")
_APOSTROPHE_S = re.compile(r"'s\b")
_APOSTROPHES = str.maketrans("", "", "'`")


def fold(text: str) -> str:
    """Return ``text`` lower-cased, without Latin accents or apostrophes.

    >>> fold("Zelenskyy’s café")
    'zelenskyy cafe'
    """
    text = text.lower()
    if not text.isascii():
        text = text.translate(_fold_table())
    return _APOSTROPHE_S.sub("", text).translate(_APOSTROPHES)


@functools.cache
def _fold_table() -> dict[int, str]:
    """Map each accented Latin letter (U+00C0 to U+024F) to its base letter."""
    table = {}
    for code in range(0xC0, 0x250):
        base = unicodedata.normalize("NFKD", chr(code))[0]
        if base.isascii() and base.isalpha():
            table[code] = base.lower()
    table[ord("ß")] = "ss"
    table[ord("’")] = "'"
    table[ord("‘")] = "'"
    return table


@functools.cache
def _stopwords() -> frozenset[str]:
    return lexicon.word_list("match_stopwords")


def terms(text: str) -> list[str]:
    """Return the index terms of ``text``: folded, stopwords out, stemmed."""
    stop = _stopwords()
    out = []
    for word in _TERM.findall(fold(text)):
        if word[0].isdigit():
            out.append(word.replace(",", ""))
        elif word not in stop:
            out.append(stem(word))
    return out


_VOWELS = frozenset("aeiou")


def _consonant(word: str, i: int) -> bool:
    ch = word[i]
    if ch in _VOWELS:
        return False
    if ch == "y":
        return i == 0 or not _consonant(word, i - 1)
    return True


def _measure(stem_: str) -> int:
    """Return Porter's m: the number of vowel-consonant sequences in ``stem_``."""
    m = 0
    prev_vowel = False
    for i in range(len(stem_)):
        vowel = not _consonant(stem_, i)
        if prev_vowel and not vowel:
            m += 1
        prev_vowel = vowel
    return m


def _has_vowel(stem_: str) -> bool:
    return any(not _consonant(stem_, i) for i in range(len(stem_)))


def _double_consonant(word: str) -> bool:
    return len(word) >= 2 and word[-1] == word[-2] and _consonant(word, len(word) - 1)


def _cvc(word: str) -> bool:
    n = len(word)
    return (
        n >= 3
        and _consonant(word, n - 3)
        and not _consonant(word, n - 2)
        and _consonant(word, n - 1)
        and word[-1] not in "wxy"
    )


_STEP2 = {
    "ational": "ate", "tional": "tion", "enci": "ence", "anci": "ance", "izer": "ize",
    "abli": "able", "alli": "al", "entli": "ent", "eli": "e", "ousli": "ous",
    "ization": "ize", "ation": "ate", "ator": "ate", "alism": "al", "iveness": "ive",
    "fulness": "ful", "ousness": "ous", "aliti": "al", "iviti": "ive", "biliti": "ble",
}  # fmt: skip
_STEP3 = {
    "icate": "ic", "ative": "", "alize": "al", "iciti": "ic", "ical": "ic", "ful": "",
    "ness": "",
}  # fmt: skip
_STEP4 = (
    "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent",
    "ion", "ou", "ism", "ate", "iti", "ous", "ive", "ize",
)  # fmt: skip


def _longest(word: str, suffixes: Iterable[str]) -> str | None:
    best = None
    for suffix in suffixes:
        if word.endswith(suffix) and (best is None or len(suffix) > len(best)):
            best = suffix
    return best


@functools.lru_cache(maxsize=1 << 18)
def stem(word: str) -> str:
    """Return the Porter (1980) stem of a lower-case word.

    The original algorithm, as in M. F. Porter, "An algorithm for suffix
    stripping", Program 14(3), 1980; it gives the same stems as NLTK's
    ``PorterStemmer(mode=ORIGINAL_ALGORITHM)``.

    >>> [stem(w) for w in ("caresses", "ponies", "hopping", "relational", "generalizations")]
    ['caress', 'poni', 'hop', 'relat', 'gener']
    """
    if len(word) <= 2:
        return word
    w = word
    # Step 1a
    if w.endswith("sses") or w.endswith("ies"):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith("ss"):
        w = w[:-1]
    # Step 1b
    if w.endswith("eed"):
        if _measure(w[:-3]) > 0:
            w = w[:-1]
    else:
        for ending in ("ed", "ing"):
            if w.endswith(ending) and _has_vowel(w[: -len(ending)]):
                w = w[: -len(ending)]
                if w.endswith(("at", "bl", "iz")):
                    w += "e"
                elif _double_consonant(w) and w[-1] not in "lsz":
                    w = w[:-1]
                elif _measure(w) == 1 and _cvc(w):
                    w += "e"
                break
    # Step 1c
    if w.endswith("y") and _has_vowel(w[:-1]):
        w = w[:-1] + "i"
    # Steps 2 and 3: the longest matching suffix only, if its stem has m > 0.
    for table in (_STEP2, _STEP3):
        suffix = _longest(w, table)
        if suffix is not None and _measure(w[: -len(suffix)]) > 0:
            w = w[: -len(suffix)] + table[suffix]
    # Step 4
    suffix = _longest(w, _STEP4)
    if suffix is not None:
        base = w[: -len(suffix)]
        if _measure(base) > 1 and (suffix != "ion" or base.endswith(("s", "t"))):
            w = base
    # Step 5a
    if w.endswith("e"):
        m = _measure(w[:-1])
        if m > 1 or (m == 1 and not _cvc(w[:-1])):
            w = w[:-1]
    # Step 5b
    if w.endswith("ll") and _measure(w) > 1:
        w = w[:-1]
    return w


# --------------------------------------------------------------------------
# The index


def _weighted_terms(
    claim: CheckedClaim, fields: Sequence[tuple[str, float]]
) -> tuple[dict[str, float], float]:
    tf: dict[str, float] = {}
    length = 0.0
    for name, weight in fields:
        words = terms(claim.field_text(name))
        length += weight * len(words)
        for term in words:
            tf[term] = tf.get(term, 0.0) + weight
    return tf, length


# A term's posting list: claim numbers (ascending), each one's precomputed
# BM25 term-frequency part, and the largest of those.
_Postings = tuple["array[int]", "array[float]", float]


class _Memory:
    """Postings held in dicts: for stores built on the fly."""

    def __init__(
        self,
        claims: tuple[CheckedClaim, ...],
        postings: dict[str, _Postings],
        doc_terms: list[str],
    ) -> None:
        self.claims = claims
        self.postings = postings
        self.doc_terms = doc_terms

    def entry(self, doc: int) -> tuple[CheckedClaim, str]:
        return self.claims[doc], self.doc_terms[doc]

    def postings_of(self, term: str) -> _Postings | None:
        return self.postings.get(term)

    def close(self) -> None:
        """Nothing to release."""


class _Sqlite:
    """Postings read from a SQLite file, term by term, with a small cache."""

    def __init__(self, conn: sqlite3.Connection, name: str, cache: int = 4096) -> None:
        self.conn = conn
        self.cache: dict[str, _Postings | None] = {}
        self.cache_size = cache
        self.name = name

    def _damaged(self, err: Exception) -> InputError:
        return InputError(
            f"index {self.name!r} is damaged: {err}; rebuild it with 'attribution index'"
        )

    def entry(self, doc: int) -> tuple[CheckedClaim, str]:
        try:
            row = self.conn.execute(
                "SELECT id, claim, title, subtitle, rating, url, date, checker, speaker, terms"
                " FROM claims WHERE doc = ?",
                (doc,),
            ).fetchone()
            if row is None:
                msg = f"no claim number {doc}"
                raise ValueError(msg)
            values = (_from_sql(v) for v in row[:-1])
            return CheckedClaim(**dict(zip(_COLUMNS, values, strict=True))), str(row[-1])
        except (sqlite3.Error, ValueError, TypeError) as err:
            raise self._damaged(err) from err

    def postings_of(self, term: str) -> _Postings | None:
        if term in self.cache:
            return self.cache[term]
        value = None
        try:
            row = self.conn.execute(
                "SELECT docs, impacts, top FROM postings WHERE term = ?", (term,)
            ).fetchone()
            if row is not None:
                docs: array[int] = array("i")
                docs.frombytes(row[0])
                impacts: array[float] = array("f")
                impacts.frombytes(row[1])
                value = (docs, impacts, float(row[2]))
        except (sqlite3.Error, ValueError, TypeError) as err:
            raise self._damaged(err) from err
        if len(self.cache) >= self.cache_size:
            self.cache.clear()
        self.cache[term] = value
        return value

    def close(self) -> None:
        self.conn.close()


def _build_postings(
    claims: Sequence[CheckedClaim], settings: IndexSettings
) -> tuple[dict[str, _Postings], float, list[str]]:
    docs_of: dict[str, array[int]] = {}
    tfs_of: dict[str, array[float]] = {}
    lengths: array[float] = array("f")
    doc_terms = []
    for doc, claim in enumerate(claims):
        tf, length = _weighted_terms(claim, settings.fields)
        lengths.append(length)
        doc_terms.append(" ".join(tf))
        for term, freq in tf.items():
            if term not in docs_of:
                docs_of[term] = array("i")
                tfs_of[term] = array("f")
            docs_of[term].append(doc)
            tfs_of[term].append(freq)
    average = (math.fsum(lengths) / len(lengths)) if lengths else 1.0
    average = average or 1.0
    k1, b = settings.k1, settings.b
    # Precompute each posting's BM25 term-frequency part, so a query only
    # multiplies by the term's idf and adds.
    norms = [k1 * (1.0 - b + b * length / average) for length in lengths]
    postings: dict[str, _Postings] = {}
    for term, docs in docs_of.items():
        impacts = array(
            "f",
            [tf * (k1 + 1.0) / (tf + norms[d]) for d, tf in zip(docs, tfs_of[term], strict=True)],
        )
        postings[term] = (docs, impacts, max(impacts))
    return postings, average, doc_terms


class ClaimIndex:
    """An inverted index with BM25 weights over a store of checked claims.

    Build one in memory with :meth:`build`, or open a file written by
    :func:`write_index` with :meth:`open`. Use it as a context manager (or
    call :meth:`close`) to release the file. The index is read-only.
    """

    __slots__ = ("_backend", "path", "settings", "size")

    def __init__(
        self,
        backend: _Memory | _Sqlite,
        *,
        settings: IndexSettings,
        size: int,
        path: Path | None = None,
    ) -> None:
        self._backend = backend
        self.settings = settings
        self.size = size
        self.path = path

    @classmethod
    def build(
        cls, claims: Iterable[CheckedClaim], *, settings: IndexSettings | None = None
    ) -> ClaimIndex:
        """Index ``claims`` in memory."""
        items = tuple(claims)
        settings = settings or IndexSettings.default()
        postings, _, doc_terms = _build_postings(items, settings)
        return cls(_Memory(items, postings, doc_terms), settings=settings, size=len(items))

    @classmethod
    def open(cls, path: str | os.PathLike[str]) -> ClaimIndex:
        """Open an index file written by :func:`write_index`.

        Raises:
            InputError: the file is missing or is not such an index.
        """
        source = Path(path)
        if not _is_sqlite(source):
            msg = f"{str(source)!r} is not an index written by 'attribution index'"
            raise InputError(msg)
        try:
            conn = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
            meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        except sqlite3.Error as err:
            msg = f"cannot open index {str(source)!r}: {err}"
            raise InputError(msg) from err
        if meta.get("format") != _INDEX_FORMAT or meta.get("version") != str(_INDEX_VERSION):
            conn.close()
            msg = (
                f"{str(source)!r} is not a version {_INDEX_VERSION} claim index:"
                " rebuild it with 'attribution index'"
            )
            raise InputError(msg)
        try:
            settings = IndexSettings(
                fields=json.loads(meta["fields"]), k1=float(meta["k1"]), b=float(meta["b"])
            )
            size = int(meta["size"])
        except (KeyError, ValueError, TypeError) as err:
            conn.close()
            msg = f"index {str(source)!r} is damaged: bad settings ({err})"
            raise InputError(msg) from err
        return cls(_Sqlite(conn, str(source)), settings=settings, size=size, path=source)

    def __len__(self) -> int:
        return self.size

    def __enter__(self) -> ClaimIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Release the index file, if any."""
        self._backend.close()

    def claim(self, doc: int) -> CheckedClaim:
        """Return the checked claim with the internal number ``doc``."""
        return self._backend.entry(doc)[0]

    def entry(self, doc: int) -> tuple[CheckedClaim, frozenset[str]]:
        """Return the checked claim number ``doc`` and its index terms."""
        claim, words = self._backend.entry(doc)
        return claim, frozenset(words.split())

    def idf(self, term: str) -> float:
        """Return the BM25 inverse document frequency of ``term`` (0 if absent)."""
        postings = self._backend.postings_of(term)
        if postings is None:
            return 0.0
        df = len(postings[0])
        return math.log(1.0 + (self.size - df + 0.5) / (df + 0.5))

    def search(
        self, query: Iterable[str], *, limit: int = 50, budget: int = 5000
    ) -> list[tuple[int, float]]:
        """Return the ``limit`` best ``(doc, bm25)`` pairs for the query terms.

        BM25 with MaxScore pruning (Turtle and Flood, 1995) and a budget.
        Terms are taken in order of the most they can add, rarest first. A
        term may *open* claims (add claims not found yet) until either the
        best score the remaining terms could add cannot lift an unseen claim
        into the top ``limit`` (from then on the result is exact), or the
        terms taken so far have opened ``budget`` postings (then a claim that
        only common words share with the query is not a candidate). After
        that, terms only update the claims found, by a C-level set
        intersection, and claims that can no longer make the top ``limit``
        are dropped; so common words cost little even in a large store.

        Args:
            query: analysed query terms (see :func:`terms`). A repeated term
                counts once: a post that says "fake" three times is not
                three times as much about fakes (+1 MAP@5 on CheckThat!
                train over counting repeats).
            limit: how many candidates to return.
            budget: postings that may open claims (0: no limit, exact BM25).
        """
        lists = []
        for term in dict.fromkeys(query):
            postings = self._backend.postings_of(term)
            if postings is None:
                continue
            docs, impacts, top = postings
            df = len(docs)
            weight = math.log(1.0 + (self.size - df + 0.5) / (df + 0.5))
            lists.append((weight * top, weight, docs, impacts))
        if not lists or limit < 1:
            return []
        lists.sort(key=itemgetter(0), reverse=True)
        remaining = [0.0] * (len(lists) + 1)  # the most terms i.. can add
        for i in range(len(lists) - 1, -1, -1):
            remaining[i] = remaining[i + 1] + lists[i][0]
        acc: dict[int, float] = {}
        opened = 0
        closed = False
        for i, (_, weight, docs, impacts) in enumerate(lists):
            size = len(docs)
            if not closed and len(acc) >= limit:
                if budget and opened + size > budget:
                    # Out of budget: keep the claims that rarer terms rank
                    # best (accumulator limiting, Moffat and Zobel, 1996).
                    closed = True
                    keep = max(limit * 2, 50)
                    if len(acc) > keep:
                        bar = sorted(acc.values(), reverse=True)[keep - 1]
                        acc = {doc: score for doc, score in acc.items() if score >= bar}
                elif size > len(acc) and remaining[i] < max(acc.values()):
                    # MaxScore: the check costs less than the term would.
                    threshold = sorted(acc.values(), reverse=True)[limit - 1]
                    if remaining[i] < threshold:
                        closed = True
                        bar = threshold - remaining[i]
                        acc = {doc: score for doc, score in acc.items() if score >= bar}
            if not closed:
                get = acc.get
                for doc, impact in zip(docs, impacts, strict=True):
                    acc[doc] = get(doc, 0.0) + weight * impact
                opened += size
            elif len(acc) * 10 < size:
                for doc in acc:
                    at = bisect_left(docs, doc)
                    if at < size and docs[at] == doc:
                        acc[doc] += weight * impacts[at]
            else:
                for doc in acc.keys() & docs:
                    acc[doc] += weight * impacts[bisect_left(docs, doc)]
        return heapq.nlargest(limit, acc.items(), key=itemgetter(1))


def _is_sqlite(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return fh.read(16) == _SQLITE_MAGIC
    except OSError:
        return False


def write_index(
    claims: Iterable[CheckedClaim],
    path: str | os.PathLike[str],
    *,
    settings: IndexSettings | None = None,
    source: str | os.PathLike[str] | None = None,
) -> int:
    """Write an on-disk index of ``claims`` to the SQLite file ``path``.

    The file holds the claims and, per term, its posting list as two packed
    arrays (claim numbers and precomputed BM25 term weights), so opening it
    reads nothing but a few settings. An existing file is replaced.

    Args:
        claims: the store's claims.
        path: where to write.
        settings: field weights and BM25 parameters (default from
            ``data/matching.toml``).
        source: the store file indexed; its size and modification time are
            recorded so :func:`open_store` can tell when the index is stale.

    Returns:
        The number of claims indexed.

    Raises:
        InputError: the file cannot be written, or is ``source`` itself.
    """
    target = Path(path)
    if source is not None and _same_file(Path(source), target):
        msg = f"cannot write the index {str(target)!r} over the store it indexes"
        raise InputError(msg)
    items = tuple(claims)
    settings = settings or IndexSettings.default()
    postings, average, doc_terms = _build_postings(items, settings)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    meta = {
        "format": _INDEX_FORMAT,
        "version": str(_INDEX_VERSION),
        "size": str(len(items)),
        "average_length": repr(average),
        "fields": json.dumps(settings.fields),
        "k1": repr(settings.k1),
        "b": repr(settings.b),
        "source": _fingerprint(Path(source)) if source is not None else "",
    }
    try:
        _write_tables(partial, meta, items, doc_terms, postings)
        os.replace(partial, target)
    except (OSError, sqlite3.Error) as err:
        partial.unlink(missing_ok=True)  # never leave a half-written index behind
        msg = f"cannot write the index {str(target)!r}: {err}"
        raise InputError(msg) from err
    except BaseException:  # Ctrl-C: the half-written file goes too
        partial.unlink(missing_ok=True)
        raise
    return len(items)


def _write_tables(
    partial: Path,
    meta: Mapping[str, str],
    items: Sequence[CheckedClaim],
    doc_terms: Sequence[str],
    postings: Mapping[str, Any],
) -> None:
    conn = sqlite3.connect(partial)
    try:
        conn.executescript(
            """
            PRAGMA journal_mode = OFF;
            PRAGMA synchronous = OFF;
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE claims (
                doc INTEGER PRIMARY KEY, id TEXT NOT NULL, claim TEXT NOT NULL,
                title TEXT NOT NULL, subtitle TEXT NOT NULL, rating TEXT NOT NULL,
                url TEXT NOT NULL, date TEXT NOT NULL, checker TEXT NOT NULL,
                speaker TEXT NOT NULL, terms TEXT NOT NULL);
            CREATE TABLE postings (
                term TEXT PRIMARY KEY, docs BLOB NOT NULL, impacts BLOB NOT NULL,
                top REAL NOT NULL
            ) WITHOUT ROWID;
            """
        )
        conn.executemany("INSERT INTO meta VALUES (?, ?)", sorted(meta.items()))
        conn.executemany(
            "INSERT INTO claims VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (doc, *(_to_sql(c.field_text(name)) for name in _COLUMNS), words)
                for doc, (c, words) in enumerate(zip(items, doc_terms, strict=True))
            ),
        )
        conn.executemany(
            "INSERT INTO postings VALUES (?, ?, ?, ?)",
            (
                (term, docs.tobytes(), impacts.tobytes(), top)
                for term, (docs, impacts, top) in sorted(postings.items())
            ),
        )
        conn.commit()
    finally:
        conn.close()


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet)
        return False


def _to_sql(text: str) -> str | bytes:
    """SQLite text is UTF-8: a text with a lone surrogate (a JSON escape) goes in as bytes."""
    return text.encode("utf-8", "surrogatepass") if SURROGATE.search(text) else text


def _from_sql(value: str | bytes) -> str:
    return value.decode("utf-8", "surrogatepass") if isinstance(value, bytes) else value


def _fingerprint(path: Path) -> str:
    try:
        stat = path.stat()
    except OSError:
        return ""
    return f"{stat.st_size}:{stat.st_mtime_ns}"


def index_path(store: str | os.PathLike[str]) -> Path:
    """Return where ``attribution index STORE`` writes by default: ``STORE.index``."""
    source = Path(store)
    return source.with_name(source.name + ".index")


def _check_built_with(
    index: ClaimIndex, columns: Mapping[str, str] | None, settings: IndexSettings | None
) -> None:
    """Refuse columns or weights that an index file cannot take: they were fixed when it was built.

    Its claims were read with the columns of that time, and its postings hold
    BM25 weights computed with the field weights of that time.
    """
    name = str(index.path)
    if columns:
        wanted = ",".join(f"{key}={column}" for key, column in columns.items())
        msg = (
            f"{name!r} is an index, whose columns were read when it was built: "
            f"match against the store itself to read it with the columns {wanted}"
        )
        raise ConfigError(msg)
    if settings is not None and not settings.same_weights(index.settings):
        bm25 = (settings.k1, settings.b) != (index.settings.k1, index.settings.b)
        msg = (
            f"index {name!r} weighs the fields {index.settings.describe(bm25=bm25)}, fixed when "
            f"it was built, not {settings.describe(bm25=bm25)}: rebuild it with 'attribution "
            "index STORE --fields ...' or match against the store itself"
        )
        raise ConfigError(msg)


def open_store(
    path: str | os.PathLike[str],
    *,
    columns: Mapping[str, str] | None = None,
    settings: IndexSettings | None = None,
) -> ClaimIndex:
    """Open a store for matching: an index file, or a store file to index.

    A store file with an up-to-date index beside it (``STORE.index``, from
    ``attribution index STORE``, with the same settings) opens that index
    instead of being read again.

    Raises:
        InputError: the file cannot be read.
        ConfigError: ``path`` is an index file and ``columns`` are given, or
            ``settings`` other than the index's: both were fixed when it was
            built.
    """
    source = Path(path)
    if _is_sqlite(source):
        index = ClaimIndex.open(source)
        try:
            _check_built_with(index, columns, settings)
        except ConfigError:
            index.close()
            raise
        return index
    if not source.exists():
        raise _no_store_file(source)
    wanted = settings or IndexSettings.default()
    sibling = index_path(source)
    if not columns and _is_sqlite(sibling):
        try:
            index = ClaimIndex.open(sibling)
        except InputError:
            pass
        else:
            conn = index._backend.conn if isinstance(index._backend, _Sqlite) else None
            fresh = conn is not None and conn.execute(
                "SELECT value FROM meta WHERE key = 'source'"
            ).fetchone() == (_fingerprint(source),)
            if fresh and index.settings.same_weights(wanted):
                return index
            index.close()
    return ClaimIndex.build(load_store(source, columns=columns), settings=wanted)
