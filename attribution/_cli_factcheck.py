"""The fact-check commands: ``match``, ``index`` and ``verify``.

Wired into the command line by :func:`register`; each command is a few lines
over :mod:`attribution.matching`, :mod:`attribution.store` and
:mod:`attribution.verify`, which never print or exit. Exit status: 0 done,
1 findings (``verify``: a quote not found, or worse than ``--fail-on``),
2 usage or input error, 141 output closed before the end (``| head``).
"""

from __future__ import annotations

import argparse
import io
import time
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from attribution._exit import Exit, non_negative
from attribution._exit import error as _error
from attribution._exit import warning as _warning
from attribution._io import (
    Record,
    dumps,
    printable,
    read_document,
    read_jsonl,
    stdin_once,
    text_read_warning,
)
from attribution._lines import Lines
from attribution.errors import AttributionError, ConfigError, StoreWarning
from attribution.matching import (
    ClaimMatches,
    Match,
    MatchSettings,
    check_at_least,
    check_fraction,
    match_claims,
)
from attribution.report import shorten
from attribution.store import IndexSettings, index_path, load_store, open_store, write_index
from attribution.verify import QuoteCheck, Verdict, verify_quotes

__all__ = ["register"]


def _pairs(value: str, what: str) -> dict[str, str]:
    out = {}
    for item in value.split(","):
        key, sep, val = item.partition("=")
        if not sep or not key.strip() or not val.strip():
            msg = f"{what} must look like NAME=VALUE,NAME=VALUE, not {value!r}"
            raise ConfigError(msg)
        out[key.strip()] = val.strip()
    return out


def _fields(value: str | None) -> IndexSettings | None:
    """Parse ``claim,title`` or ``claim=1,title=2`` into index settings."""
    if value is None:
        return None
    defaults = IndexSettings.default()
    weights: dict[str, float] = {}
    for item in value.split(","):
        name, sep, weight = item.partition("=")
        try:
            weights[name.strip()] = (
                float(weight) if sep else dict(defaults.fields).get(name.strip(), 1.0)
            )
        except ValueError as err:
            msg = f"--fields weight of {name.strip()!r} must be a number, not {weight!r}"
            raise ConfigError(msg) from err
    return IndexSettings(fields=weights, k1=defaults.k1, b=defaults.b)


# --------------------------------------------------------------------------
# match


def _match_json(match: Match) -> dict[str, Any]:
    c = match.claim
    return {
        "id": c.id,
        "score": match.score,
        "claim": c.claim,
        "title": c.title,
        "rating": c.rating,
        "url": c.url,
        "date": c.date,
        "checker": c.checker,
        "speaker": c.speaker,
        "numbers": list(match.numbers),
        "names": list(match.names),
        "phrases": list(match.phrases),
        "conflicts": list(match.conflicts),
        "bm25": match.bm25,
        "features": dict(match.features),
    }


def _claim_json(result: ClaimMatches, ident: str | None) -> dict[str, Any]:
    out: dict[str, Any] = {"id": ident}
    if result.start is not None:
        out.update(start=result.start, end=result.end, text=result.text)
    out["matches"] = [_match_json(m) for m in result.matches]
    out["ranked"] = [m.claim.id for m in result.matches]
    return out


def _match_text(result: ClaimMatches, where: str, out: TextIO) -> None:
    buffer = io.StringIO()
    _write_match_text(result, where, buffer)
    out.write(printable(buffer.getvalue()))


def _write_match_text(result: ClaimMatches, where: str, out: TextIO) -> None:
    out.write(f"{where}: claim {shorten(result.text, 70)!r}\n")
    if not result.matches:
        out.write("    no earlier fact-check found\n")
    for m in result.matches:
        c = m.claim
        about = ", ".join(x for x in (c.rating, c.checker, c.date) if x)
        out.write(f"  {m.score:.3f}  {c.id}  {shorten(c.claim or c.title, 60)!r}")
        out.write(f" ({about})\n" if about else "\n")
        if c.url:
            out.write(f"         {c.url}\n")
        reasons = [
            f"{label} {', '.join(repr(x) for x in values)}"
            for label, values in (
                ("numbers", m.numbers),
                ("names", m.names),
                ("phrases", m.phrases),
            )
            if values
        ]
        if reasons:
            out.write(f"         shared: {'; '.join(reasons)}\n")
        if m.conflicts:
            out.write(f"         disagrees: {'; '.join(m.conflicts)}\n")


@contextmanager
def _store_warnings() -> Iterator[None]:
    """Print what a store warns of while it is read (two claims, one id) as warning lines."""
    caught: list[warnings.WarningMessage] = []
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", StoreWarning)
            yield
    finally:  # also when the store then fails: what was found before still counts
        for w in caught:
            if issubclass(w.category, StoreWarning):
                _warning(str(w.message))
            else:  # someone else's: on through the usual filters
                warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)


def _records(paths: Sequence[str], input_format: str) -> tuple[list[tuple[str, Record]], bool]:
    records: list[tuple[str, Record]] = []
    failed = False
    for path in paths or ["-"]:
        name = "<stdin>" if path == "-" else path
        try:
            raw, text = read_document(path)
        except AttributionError as err:
            _error(str(err))
            failed = True
            continue
        if input_format == "jsonl":
            records.extend((name, rec) for rec in read_jsonl(text, name))
            continue
        warning = text_read_warning(path)
        if warning is not None:
            _warning(warning)  # as analyze says it
        records.append((name, Record(None, text, raw=None if raw == text else raw)))
    return records, failed


def _cmd_match(args: argparse.Namespace, out: TextIO) -> int:
    try:
        stdin_once(args.paths)
        check_at_least(args.limit, 1, "--limit")  # named as the user wrote them
        overrides: dict[str, Any] = {"limit": args.limit}
        if args.min_score is not None:
            check_fraction(args.min_score, "--min-score")
            overrides["min_score"] = args.min_score
        settings = MatchSettings.default(**overrides)
        columns = _pairs(args.columns, "--columns") if args.columns else None
        with _store_warnings():
            index = open_store(args.against, columns=columns, settings=_fields(args.fields))
    except AttributionError as err:
        _error(str(err))
        return Exit.ERROR
    records, failed = _records(args.paths, args.input_format)
    with index:
        if args.input_format == "jsonl":
            good = [(name, rec) for name, rec in records if rec.text is not None]
            for name, rec in records:
                if rec.text is None:
                    _error(rec.error or f"{name}: no text")
                    failed = True
            results = match_claims([str(rec.text) for _, rec in good], index, settings=settings)
            rows = [
                (name, rec.id, result) for (name, rec), result in zip(good, results, strict=True)
            ]
            documents: list[dict[str, Any]] = []
            for number, (name, ident, result) in enumerate(rows, 1):
                if args.format == "text":
                    _match_text(result, f"{name}:{ident or number}", out)
                elif args.format == "jsonl":
                    out.write(dumps(_claim_json(result, ident)) + "\n")
                else:
                    documents.append(_claim_json(result, ident))
            if args.format == "json":
                out.write(dumps(documents, 2) + "\n")
            return Exit.ERROR if failed else Exit.OK
        # the whole pipeline, only when needed
        from attribution.pipeline import analyze, collector_paused

        articles: list[dict[str, Any]] = []
        for name, rec in records:
            text = str(rec.text)
            with collector_paused():
                analysis = analyze(text, id=rec.id)
            results = match_claims(analysis, index, settings=settings)
            claims = [_claim_json(r, r.claim_id) for r in results]
            if args.format == "text":
                positions = Lines(text if rec.raw is None else rec.raw)
                for r in results:
                    line, column = positions.position(r.start or 0)
                    _match_text(r, f"{name}:{line}:{column}", out)
            elif args.format == "jsonl":
                out.write(dumps({"path": name, "claims": claims}) + "\n")
            else:
                articles.append({"path": name, "claims": claims})
        if args.format == "json":
            payload: Any = articles[0] if len(articles) == 1 else articles
            out.write(dumps(payload, 2) + "\n")
    return Exit.ERROR if failed else Exit.OK


# --------------------------------------------------------------------------
# index


def _cmd_index(args: argparse.Namespace, out: TextIO) -> int:
    started = time.perf_counter()
    try:
        columns = _pairs(args.columns, "--columns") if args.columns else None
        with _store_warnings():
            claims = load_store(args.store, columns=columns)
        target = Path(args.output) if args.output else index_path(args.store)
        count = write_index(claims, target, settings=_fields(args.fields), source=args.store)
    except AttributionError as err:
        _error(str(err))
        return Exit.ERROR
    except OSError as err:
        _error(f"cannot write the index: {err}")
        return Exit.ERROR
    out.write(
        f"indexed {count} checked claims in {target} ({time.perf_counter() - started:.1f} s)\n"
    )
    return Exit.OK


# --------------------------------------------------------------------------
# verify

_SEVERITY = {Verdict.VERBATIM: 0, Verdict.NEAR: 1, Verdict.PARAPHRASE: 2, Verdict.NOT_FOUND: 3}


def _check_json(check: QuoteCheck, lines: Lines, sources: Sequence[str]) -> dict[str, Any]:
    out: dict[str, Any] = {"text": check.text, "spans": [[s.start, s.end] for s in check.spans]}
    if check.spans:
        out["line"], out["column"] = lines.position(check.spans[0].start)
    out.update(
        verdict=check.verdict.value,
        score=check.score,
        source=sources[check.source] if check.source is not None else None,
        start=check.start,
        end=check.end,
        passage=check.passage,
        differences=[
            {"change": d.change.value, "quote": d.quote, "source": d.source}
            for d in check.differences
        ],
    )
    return out


def _check_text(
    check: QuoteCheck,
    name: str,
    lines: Lines,
    sources: Sequence[str],
    source_lines: Sequence[Lines],
    out: TextIO,
) -> None:
    line, column = lines.position(check.spans[0].start) if check.spans else (0, 0)
    out.write(f"{name}:{line}:{column}: {check.verdict.value} {shorten(check.text, 70)!r}")
    if check.source is not None and check.start is not None:
        s_line, s_column = source_lines[check.source].position(check.start)
        out.write(f" -> {sources[check.source]}:{s_line}:{s_column} ({check.score:.2f})\n")
    else:
        out.write("\n")
    for d in check.differences:
        out.write(f"    {d.change.value}: {d.quote!r} -> {d.source!r}\n")


def _cmd_verify(args: argparse.Namespace, out: TextIO) -> int:
    try:
        stdin_once([args.article, *args.source])
        sources = [read_document(path) for path in args.source]
        raw_article, article = read_document(args.article)
    except AttributionError as err:
        _error(str(err))
        return Exit.ERROR
    name = "<stdin>" if args.article == "-" else args.article
    checks = verify_quotes(article, [text for _, text in sources], near=args.near)
    lines = Lines(raw_article)  # the file's own lines: the mask may join some
    if args.format == "text":
        source_lines = [Lines(raw) for raw, _ in sources]
        for check in checks:
            _check_text(check, name, lines, args.source, source_lines, out)
    else:
        payload = {
            "path": name,
            "sources": list(args.source),
            "quotes": [_check_json(c, lines, args.source) for c in checks],
        }
        indent = 2 if args.format == "json" else None
        out.write(dumps(payload, indent) + "\n")
    worst = Verdict(args.fail_on)
    if any(_SEVERITY[c.verdict] >= _SEVERITY[worst] for c in checks):
        return Exit.FINDINGS
    return Exit.OK


# --------------------------------------------------------------------------
# Wiring


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``match``, ``index`` and ``verify`` commands to a parser."""
    p = subparsers.add_parser(
        "match",
        help="find the earlier fact-checks that an article's claims repeat",
        description=(
            "For each claim of each article (or each line of a JSONL file), list the "
            "checked claims of a store that it most likely repeats, best first, with a "
            "score and the numbers, names and phrases they share."
        ),
    )
    p.add_argument(
        "paths", nargs="*", metavar="ARTICLE", help="text files; '-' or none reads stdin"
    )
    p.add_argument(
        "--against",
        required=True,
        metavar="STORE",
        help="checked claims: JSONL, CSV/TSV, ClaimReview JSON-LD, HTML, or an index file",
    )
    p.add_argument(
        "--input-format",
        choices=("text", "jsonl"),
        default="text",
        help='\'jsonl\' reads one {"id", "text"} object a line, each text one claim',
    )
    p.add_argument(
        "--format",
        choices=("text", "json", "jsonl"),
        default="text",
        help="output format (default: text)",
    )
    p.add_argument("--limit", type=int, default=5, help="matches per claim (default: 5)")
    p.add_argument(
        "--min-score", type=float, default=None, help="hide matches scoring below this (0 to 1)"
    )
    _store_options(p)
    p.set_defaults(handler=_cmd_match)

    p = subparsers.add_parser(
        "index",
        help="build an on-disk index of a store of checked claims",
        description=(
            "Index a store of checked claims in a SQLite file (default: STORE.index), "
            "which 'match --against' opens at once instead of reading the store."
        ),
    )
    p.add_argument("store", metavar="STORE", help="JSONL, CSV/TSV, ClaimReview JSON-LD or HTML")
    p.add_argument("-o", "--output", metavar="PATH", help="where to write (default: STORE.index)")
    _store_options(p)
    p.set_defaults(handler=_cmd_index)

    p = subparsers.add_parser(
        "verify",
        help="check an article's direct quotes against their source texts",
        description=(
            "Find each direct quote of an article in the source texts (transcripts, "
            "statements) and say whether it is verbatim, near, a paraphrase or not found."
        ),
    )
    p.add_argument("article", metavar="ARTICLE", help="text file; '-' reads stdin")
    p.add_argument(
        "--source",
        action="append",
        required=True,
        metavar="FILE",
        help="a source text (repeat for several)",
    )
    p.add_argument(
        "--format",
        choices=("text", "json", "jsonl"),
        default="text",
        help="output format (default: text)",
    )
    p.add_argument(
        "--near",
        type=non_negative("a whole number >= 0"),
        default=2,
        help="most changed words for 'near' (default: 2)",
    )
    p.add_argument(
        "--fail-on",
        choices=[v.value for v in Verdict if v is not Verdict.VERBATIM],
        default=Verdict.NOT_FOUND.value,
        help="exit 1 if a quote is this or worse (default: not_found)",
    )
    p.set_defaults(handler=_cmd_verify)


def _store_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--columns",
        metavar="FIELD=COLUMN,...",
        help="store columns for the fields id, claim, title, subtitle, rating, url, date, "
        "checker, speaker (e.g. claim=statement,checker=site); an index file keeps the "
        "columns it was built with (match refuses others)",
    )
    p.add_argument(
        "--fields",
        metavar="FIELD[=WEIGHT],...",
        help="text fields to index and their weights (default: claim=1,title=2,subtitle=1); "
        "an index file keeps the weights it was built with (match refuses others)",
    )
