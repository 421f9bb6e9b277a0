"""ATR5xx: quotations whose speaker is missing or late, and broken quotation marks.

- ATR501 ``unattributed-quote``: a direct quotation no hop carries, or whose only
  speaker is a pronoun that resolves to no one;
- ATR502 ``late-quote-attribution``: a multi-sentence quotation whose speaker is
  named only after several sentences;
- ATR503 ``unbalanced-quotation-mark``: a quotation mark that is never closed.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from attribution.model import AttributionType, Quote, QuoteKind, SentenceKind
from attribution.rules._base import Context, Hit, Option, Rule, Severity, SpanReach

_MAX_SENTENCES = Option(
    name="max-quote-sentences",
    default=2,
    help="sentences of quotation allowed before the speaker is named (ATR502)",
)


# A speaker named by a dash after the quotation: '"..." ― Krystal Correa'.
_DASH_NAME = re.compile(r"\s*[―—–-]+\s*[A-Z]")
_MIN_WORDS = 4
_PRONOUNS = frozenset("he she they i we it".split())


def _hop_paragraphs(ctx: Context) -> frozenset[int]:
    """Return the paragraphs that hold a hop's cue.

    Gathered once per text: walking the sentences of a quotation's paragraph for a
    hop, for each quotation, was quadratic in one long paragraph of quotations.
    """
    return frozenset(ctx.sentence(k).paragraph for k, hops in ctx.hops_by_sentence.items() if hops)


def _covered(ctx: Context, quotes: list[Quote]) -> set[int]:
    """Return the groups of the quotations that some hop's content overlaps.

    Each quotation is one bisection (:class:`SpanReach`); each against every hop
    was quadratic.
    """
    contents = SpanReach((p.start, p.end) for rel in ctx.analysis.attributions for p in rel.content)
    return {q.group for q in quotes if contents.overlaps(q.start, q.end)}


def unattributed_quote(ctx: Context) -> Iterator[Hit]:
    """Flag direct quotations with no speaker anywhere near them."""
    quotes = [q for q in ctx.outer_quotes if q.kind is QuoteKind.DIRECT]
    covered = _covered(ctx, quotes)
    hop_paragraphs = _hop_paragraphs(ctx)
    reported: set[int] = set()
    for q in quotes:
        if q.group in covered or q.group in reported or q.continued:
            continue
        index = ctx.sentence_index(q.start)
        if ctx.sentence(index).kind is not SentenceKind.BODY:
            continue
        if len(ctx.slice(q.inner.start, q.inner.end).split()) < _MIN_WORDS:
            continue  # a term or a title, not someone's words
        if ctx.text[max(0, q.start - 3) : q.start].rstrip().endswith(":"):
            continue  # 'McCrummen reports: "..."': introduced by a colon
        if _DASH_NAME.match(ctx.text, q.end):
            continue  # '"..." ― Krystal Correa'
        para = ctx.sentence(index).paragraph
        if para in hop_paragraphs or para - 1 in hop_paragraphs:
            continue  # a speaker of its paragraph or the one before goes on
        reported.add(q.group)
        shown = ctx.show(q.inner.start, q.inner.end, 40)
        yield Hit(q.start, q.end, f"quotation {shown!r} has no speaker")


def late_quote_attribution(ctx: Context) -> Iterator[Hit]:
    """Flag quotations whose speaker comes only after several quoted sentences."""
    most = ctx.number("max-quote-sentences")
    starts = ctx.sentence_starts
    for rel in ctx.analysis.attributions:
        if rel.type is AttributionType.INDIRECT or rel.form not in ("post", "inverted"):
            continue
        first = rel.content[0].start
        if first >= rel.cue.start:
            continue
        # Sentences that begin inside the quotation before the cue: the first one's
        # start is the quotation's own (or before it, when the quote opens mid-sentence).
        n = 1 + bisect.bisect_left(starts, rel.cue.start) - bisect.bisect_right(starts, first)
        if n <= most or rel.source is None:
            continue
        src = rel.source
        if ctx.slice(src.start, src.end).lower() in _PRONOUNS:
            continue  # "she said": the reader already knows who is speaking
        yield Hit(
            src.start,
            src.end,
            f"speaker {ctx.slice(src.start, src.end)!r} named after {n} sentences of quotation",
        )


def unbalanced_quotation_mark(ctx: Context) -> Iterator[Hit]:
    """Flag quotation marks that are never closed (or never opened)."""
    for p in ctx.analysis.problems:
        if p.code == "unbalanced-quote":
            what = re.sub(r"^quotation mark .*? at offset \d+ ", "", p.message)
            yield Hit(p.start, p.end, f"quotation mark {ctx.text[p.start : p.end]!r} {what}")


RULES = (
    Rule(
        code="ATR501",
        name="unattributed-quote",
        severity=Severity.WARNING,
        summary="a direct quotation with no speaker anywhere near it",
        why="The AP Stylebook and the Reuters Handbook: every quotation is attributed, and "
        "the reader must never have to guess who is speaking. A quotation with no speaker "
        "can be neither weighed nor checked.",
        bad=('The mayor resigned on Friday.\n\n"We will not back down, whatever happens next."',),
        good=('Mayor Ann Lee resigned on Friday. "We will not back down," she said.',),
        check=unattributed_quote,
        quotations=True,
    ),
    Rule(
        code="ATR502",
        name="late-quote-attribution",
        severity=Severity.INFO,
        summary="a quotation whose speaker is named only after several sentences",
        why="The AP Stylebook: in a quotation of several sentences, attribute it at the "
        "first natural break, after the first sentence, so the reader knows who is "
        "speaking before reading on. Wire copy tolerates two short sentences, so the rule "
        "fires from the third (option `max-quote-sentences`); a pronoun speaker ('she "
        "said') is skipped, since the reader already knows who is talking.",
        bad=(
            '"We will not back down. We will fight on. Nobody can stop us," said Senator '
            "Jane Hale.",
        ),
        good=(
            '"We will not back down," said Senator Jane Hale. "We will fight on. Nobody can '
            'stop us."',
        ),
        check=late_quote_attribution,
        options=(_MAX_SENTENCES,),
    ),
    Rule(
        code="ATR503",
        name="unbalanced-quotation-mark",
        severity=Severity.ERROR,
        summary="a quotation mark that is never closed",
        why="An unclosed quotation mark leaves the reader unable to tell where the speaker's "
        "words end and the writer's begin (AP Stylebook, 'quotation marks'); a claim may "
        "be read as a quotation or a quotation as the writer's claim.",
        bad=('He said "we will win and then left the room.',),
        good=('He said "we will win" and then left the room.',),
        check=unbalanced_quotation_mark,
        quotations=True,
    ),
)
