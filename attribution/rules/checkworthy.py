"""ATR6xx: check-worthy claims the writer makes without attribution (off by default).

- ATR601 ``unattributed-check-worthy-claim``: a sentence the analysis reads as
  the writer's own claim, with no attribution in it (or within ``window``
  sentences of the same paragraph), that carries an allegation ("accused",
  "fraud"), a figure ("40 percent", "$3 billion", "12 people were killed"), a
  superlative ("the largest", "a record") or a causal claim ("led to",
  "because of").

Many such sentences are common knowledge or the reporter's own first-hand
account, which is why the rule is off by default: it is a checklist for an
editor, not an error.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from attribution.lexicon import word_list
from attribution.model import ClaimType
from attribution.rules._base import Context, Hit, Option, Rule, Severity, phrase_regex

_WINDOW = Option(
    name="window",
    default=1,
    help="sentences either side, in the same paragraph, in which an attribution counts "
    "as nearby (ATR601)",
)

# A figure worth checking: a percentage, a sum of money, a large number, or a count
# of casualties. Matches "40 percent", "$3.5 billion", "12,000", "12 people were killed".
_FIGURE = re.compile(
    r"\$\s?\d[\d,.]*+(?:\s+(?:million|billion|trillion))?"
    r"|(?<![\d,.])\d[\d,.]*+\s*(?:%|percent\b|per cent\b|percentage points?\b)"
    r"|(?<![\d,.])\d[\d,.]*+\s+(?:million|billion|trillion)\b"
    r"|\b\d{1,3}(?:,\d{3})++\b"
    r"|(?<![\d,.])\d[\d,]*+\s+(?:people|civilians|soldiers|children)\s+(?:were\s+|have\s+been\s+)?"
    r"(?:killed|dead|died|wounded|injured)\b",
    re.IGNORECASE,
)
# The number runs are possessive and may not start inside another number, so a
# search over "1,1,1,..." tries each run once: linear, not quadratic.
# A superlative after a determiner: "the largest", "its worst", "the most deadly",
# and "a record" / "all-time". The noun phrase after it is taken by _phrase.
_SUPERLATIVE = re.compile(
    r"\b(?:the|its|their|his|her|our)\s+(?:(?:most|least)\s+[a-z]+|[a-z]+est)\b"
    r"|\b(?:a|an)\s+(?:record|all-time)\b",
    re.IGNORECASE,
)
# What makes a superlative a record someone could check: "of the war", "in
# history", "since 1990", "ever", "on record".
_SCOPE = r"\b(?:of|in|since|ever|on record|to date|this year|so far)\b"
# Words before an allegation word that put it in someone else's mouth:
# "allegations of fraud", "charged with corruption".
_REPORTED = re.compile(
    r"(?:allegations?|accusations?|charges?|charged with|suspicion|suspected|claims?|"
    r"investigation into|investigating|probe into)\s+(?:of\s+)?$",
    re.IGNORECASE,
)
# First- and second-person words: opinion or advice, not a reported claim.
_PERSONAL = re.compile(r"\b(?:I|I'm|I’m|[Ww]e|[Mm]y|[Oo]ur|[Yy]ou|[Yy]our|[Yy]ou'll|[Yy]ou’ll)\b")
# A sentence naming a poll, survey or study takes its figures from it: "The
# Washington Post/ABC News poll surveyed 1,001 adults".
_DOCUMENTS = re.compile(
    r"\b(?:polls?|survey(?:ed|s)?|study|studies|report(?:ed|s)?|analysis|census|"
    r"estimates?|according|data)\b",
    re.IGNORECASE,
)
_CAUSAL = frozenset(
    {"as a result of", "because of", "blamed", "caused", "due to", "led to", "resulted in"}
)
_STOP = frozenset(
    "across in on at since after before for with by to from that which who as than and "
    "but or while when where because amid over under during into".split()
)


@functools.cache
def _allegation_regex() -> re.Pattern[str] | None:
    return phrase_regex(word_list("checkworthy_words"))


def _superlative(ctx: Context, start: int, end: int) -> tuple[int, int] | None:
    """Return a factual superlative with its scope: "the largest drone attack of the war".

    Superlatives with no scope ("the wealthiest Americans", "its highest ideals")
    and "one of the most ..." are judgments rather than checkable records.
    """
    for m in _SUPERLATIVE.finditer(ctx.text, start, end):
        last = m.group().split()[-1].lower()
        if last in word_list("not_superlatives") or (last.endswith("est") and len(last) <= 4):
            continue
        if ctx.text[max(start, m.start() - 7) : m.start()].lower().endswith("one of "):
            continue
        stop = _phrase(ctx, m.end(), end)
        tail = ctx.text[m.end() : min(end, stop + 12)].lower()
        if m.group().lower().startswith(("a ", "an ")) or re.search(_SCOPE, tail):
            return m.start(), stop
    return None


def _phrase(ctx: Context, at: int, end: int) -> int:
    """Return the end of the noun phrase after a superlative: "drone attack of the war"."""
    stop = at
    used_of = False
    for m in re.finditer(r"[\w'’-]+|[^\w\s]", ctx.text[at:end]):
        word = m.group().lower()
        if not word[0].isalnum():
            break
        if word == "of" and not used_of:
            used_of = True
            continue
        if word in _STOP or word == "of":
            break
        stop = at + m.end()
    return stop


def _nearby(ctx: Context, index: int) -> bool:
    window = ctx.number("window")
    para = ctx.sentence(index).paragraph
    for k in range(index - window, index + window + 1):
        if (
            0 <= k < len(ctx.analysis.sentences)
            and ctx.sentence(k).paragraph == para
            and ctx.hops_by_sentence.get(k)
        ):
            return True
    return False


def unattributed_check_worthy_claim(ctx: Context) -> Iterator[Hit]:
    """Flag the writer's own figures, superlatives, allegations and causal claims."""
    allegation = _allegation_regex()
    done: set[int] = set()
    for claim in ctx.analysis.claims:
        if claim.type is not ClaimType.UNATTRIBUTED or claim.sentence in done:
            continue
        if not ctx.is_body(claim.sentence) or ctx.in_direct_quote(claim.start):
            continue
        if _nearby(ctx, claim.sentence):
            continue
        sent = ctx.sentence(claim.sentence)
        if _PERSONAL.search(ctx.text, sent.start, sent.end) or _DOCUMENTS.search(
            ctx.text, sent.start, sent.end
        ):
            continue
        found: list[tuple[int, int, str]] = []
        if allegation is not None:
            m = allegation.search(ctx.text, claim.start, claim.end)
            if m is not None and not _REPORTED.search(ctx.text[max(0, m.start() - 30) : m.start()]):
                what = "causal claim" if m.group().lower() in _CAUSAL else "allegation"
                found.append((m.start(), m.end(), what))
        m = _FIGURE.search(ctx.text, claim.start, claim.end)
        if m is not None:
            found.append((m.start(), m.end(), "figure"))
        sup = _superlative(ctx, claim.start, claim.end)
        if sup is not None:
            found.append((sup[0], sup[1], "superlative"))
        if not found:
            continue
        done.add(claim.sentence)
        start, end, what = min(found)
        yield Hit(start, end, f"unattributed {what} {ctx.slice(start, end)!r}")


RULES = (
    Rule(
        code="ATR601",
        name="unattributed-check-worthy-claim",
        severity=Severity.INFO,
        summary="the writer's own figure, superlative, allegation or causal claim, unsourced",
        why="The AP Stylebook and the BBC's editorial guidelines ask that facts not common "
        "knowledge or witnessed by the reporter be attributed, above all allegations of "
        "wrongdoing, figures and superlatives ('the largest', 'a record'), which readers "
        "will repeat. Off by default: many such sentences are the reporter's own "
        "first-hand or well-established facts. Turn it on with `extend-select = "
        '["ATR601"]`.',
        bad=(
            "Russia pummeled Kyiv with the largest drone attack of the war.",
            "Unemployment rose to 12 percent last year.",
            "The mayor took bribes from developers for a decade.",
        ),
        good=(
            "Russia pummeled Kyiv with the largest drone attack of the war, Ukraine's air "
            "force said.",
            "The mayor took office in January.",
        ),
        check=unattributed_check_worthy_claim,
        default=False,
        options=(_WINDOW,),
    ),
)
