"""Tests for :mod:`attribution.segment`: paragraphs, sentences and their kinds."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from attribution import _nltk, segment
from attribution.model import Paragraph, Sentence, SentenceKind
from attribution.segment import _model as segment_model
from attribution.segment import paragraphs, sentences

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_f3a939881c0e3f35.txt"

BODY = SentenceKind.BODY
HEAD = SentenceKind.HEADLINE
DATE = SentenceKind.DATELINE
BOIL = SentenceKind.BOILERPLATE


def split(text: str) -> tuple[Sentence, ...]:
    return sentences(text, paragraphs(text))


def located(text: str, pieces: list[str]) -> list[tuple[int, int]]:
    """Find each piece in ``text``, in order: the exact spans expected."""
    spans, pos = [], 0
    for piece in pieces:
        start = text.index(piece, pos)
        spans.append((start, start + len(piece)))
        pos = start + len(piece)
    return spans


def check_invariants(text: str) -> None:
    """Every non-space character of every paragraph is in exactly one sentence."""
    paras = paragraphs(text)
    sents = sentences(text, paras)
    covered = [0] * len(text)
    for para in paras:
        assert para.start < para.end
        assert not text[para.start].isspace() and not text[para.end - 1].isspace()
    for before, after in itertools.pairwise(paras):
        assert before.end < after.start
    for sent in sents:
        para = paras[sent.paragraph]
        assert para.start <= sent.start < sent.end <= para.end
        assert not text[sent.start].isspace() and not text[sent.end - 1].isspace()
        for i in range(sent.start, sent.end):
            covered[i] += 1
    for before, after in itertools.pairwise(sents):
        assert before.end <= after.start
        assert before.paragraph <= after.paragraph
    inside = [False] * len(text)
    for para in paras:
        inside[para.start : para.end] = [True] * (para.end - para.start)
    for i, char in enumerate(text):
        if char.isspace():
            assert covered[i] <= 1
        else:
            assert covered[i] == (1 if inside[i] else 0), (i, char)
            assert inside[i]


# (text, the sentences expected in it, in order)
SPLITS = [
    # Abbreviations, titles and initials.
    pytest.param(
        "U.S. President Donald Trump spoke with Sen. Lindsey Graham on Friday. "
        "The call lasted an hour.",
        [
            "U.S. President Donald Trump spoke with Sen. Lindsey Graham on Friday.",
            "The call lasted an hour.",
        ],
        id="us-and-senator",
    ),
    pytest.param(
        "Gen. Mark Milley met Lt. Col. Alexander Vindman on Jan. 5. He declined to comment.",
        ["Gen. Mark Milley met Lt. Col. Alexander Vindman on Jan. 5.", "He declined to comment."],
        id="ranks-and-month",
    ),
    pytest.param(
        "The vote is set for 10 a.m. Tuesday, officials said. It could slip.",
        ["The vote is set for 10 a.m. Tuesday, officials said.", "It could slip."],
        id="a-m-mid-sentence",
    ),
    pytest.param(
        "@POTUS posted the video at 9:30 p.m. It was viewed 2.1 million times.",
        ["@POTUS posted the video at 9:30 p.m.", "It was viewed 2.1 million times."],
        id="p-m-sentence-final",
    ),
    pytest.param(
        "Martin Luther King Jr. was born in Atlanta. He died in Memphis.",
        ["Martin Luther King Jr. was born in Atlanta.", "He died in Memphis."],
        id="junior",
    ),
    pytest.param(
        "Donald J. Trump said the U.S. would leave. Mr. Trump did not elaborate.",
        ["Donald J. Trump said the U.S. would leave.", "Mr. Trump did not elaborate."],
        id="middle-initial",
    ),
    pytest.param(
        "Donald J. Trump said so. George W. Bush agreed. E. J. Dionne wrote about "
        "Franklin D. Roosevelt.",
        [
            "Donald J. Trump said so.",
            "George W. Bush agreed.",
            "E. J. Dionne wrote about Franklin D. Roosevelt.",
        ],
        id="initials",
    ),
    pytest.param(
        "The lawyer Martin D. Singer declined to comment.",
        ["The lawyer Martin D. Singer declined to comment."],
        id="initial-before-common-word",
    ),
    pytest.param(
        "Plan B. The Republicans wanted more.",
        ["Plan B.", "The Republicans wanted more."],
        id="letter-ending-sentence",
    ),
    pytest.param(
        "She earned a J.D. from Harvard and a Ph.D. from Yale. She now teaches law.",
        ["She earned a J.D. from Harvard and a Ph.D. from Yale.", "She now teaches law."],
        id="degrees",
    ),
    pytest.param(
        "The charge stung, since Mr. Tribe is a liberal scholar.",
        ["The charge stung, since Mr. Tribe is a liberal scholar."],
        id="title-before-common-word",
    ),
    pytest.param(
        "It is a challenge for Mrs. Clinton. She knows it.",
        ["It is a challenge for Mrs. Clinton.", "She knows it."],
        id="mrs",
    ),
    pytest.param(
        "He is ranked No. 2 in the party. He said no. Then he left.",
        ["He is ranked No. 2 in the party.", "He said no.", "Then he left."],
        id="number-abbreviation-and-word-no",
    ),
    pytest.param(
        "He spoke in Des Moines, Iowa. Then he flew to Manchester, N.H., for a rally.",
        ["He spoke in Des Moines, Iowa.", "Then he flew to Manchester, N.H., for a rally."],
        id="state-abbreviation",
    ),
    pytest.param(
        "Sen. Dianne Feinstein (D-Calif.) voted no. Others abstained.",
        ["Sen. Dianne Feinstein (D-Calif.) voted no.", "Others abstained."],
        id="party-and-state",
    ),
    pytest.param(
        "The case, Roe v. Wade, was decided in 1973. It stood for decades.",
        ["The case, Roe v. Wade, was decided in 1973.", "It stood for decades."],
        id="versus",
    ),
    pytest.param(
        "The bill (H.R. 1) passed. It now goes to the Senate.",
        ["The bill (H.R. 1) passed.", "It now goes to the Senate."],
        id="house-bill",
    ),
    pytest.param(
        "The election is on Nov. 8. Polls open early.",
        ["The election is on Nov. 8.", "Polls open early."],
        id="date-ending-sentence",
    ),
    pytest.param(
        "She lives in the U.S. The rest of her family lives in Canada.",
        ["She lives in the U.S.", "The rest of her family lives in Canada."],
        id="us-sentence-final",
    ),
    pytest.param(
        "He moved to the U.S. in 1990. He became a citizen in 1996.",
        ["He moved to the U.S. in 1990.", "He became a citizen in 1996."],
        id="us-before-number",
    ),
    pytest.param(
        "He cited the 2016 election, etc. Then he paused.",
        ["He cited the 2016 election, etc.", "Then he paused."],
        id="etc-sentence-final",
    ),
    # Numbers, money, addresses.
    pytest.param(
        "The company, Acme Inc., lost $3.5 billion, or 2.5%, in the quarter. "
        "Shares fell 4.2 percent.",
        [
            "The company, Acme Inc., lost $3.5 billion, or 2.5%, in the quarter.",
            "Shares fell 4.2 percent.",
        ],
        id="money-and-decimals",
    ),
    pytest.param(
        "Write to press@example.com or visit https://www.example.com/news/story.html?id=42 "
        "for details. The office is closed.",
        [
            "Write to press@example.com or visit https://www.example.com/news/story.html?id=42 "
            "for details.",
            "The office is closed.",
        ],
        id="email-and-url",
    ),
    pytest.param(
        "Read the filing at sec.gov. Shares rose.",
        ["Read the filing at sec.gov.", "Shares rose."],
        id="domain-sentence-final",
    ),
    # Ellipses.
    pytest.param(
        "He paused... and then said nothing.",
        ["He paused... and then said nothing."],
        id="ellipsis-mid-sentence",
    ),
    pytest.param(
        "We will win... We always win.",
        ["We will win...", "We always win."],
        id="ellipsis-sentence-final",
    ),
    pytest.param(
        "The numbers were… disappointing, he said.",
        ["The numbers were… disappointing, he said."],
        id="ellipsis-char-mid-sentence",
    ),
    pytest.param(
        "It was over… Nobody moved.",
        ["It was over…", "Nobody moved."],
        id="ellipsis-char-sentence-final",
    ),
    # Quotes and brackets.
    pytest.param(
        'He said "no." Then he left.',
        ['He said "no."', "Then he left."],
        id="period-inside-quote",
    ),
    pytest.param(
        '"Stop!" she shouted.',
        ['"Stop!" she shouted.'],
        id="exclamation-then-cue",
    ),
    pytest.param(
        '"The deal is done..." said Smith. Talks resume Monday.',
        ['"The deal is done..." said Smith.', "Talks resume Monday."],
        id="ellipsis-quote-then-cue",
    ),
    pytest.param(
        '"It is over." said Smith, who left.',
        ['"It is over." said Smith, who left.'],
        id="period-quote-then-cue",
    ),
    pytest.param(
        '"We will not back down," he said. "Never."',
        ['"We will not back down," he said.', '"Never."'],
        id="quote-after-cue",
    ),
    pytest.param(
        '"Where is the money?" he asked. "Nobody knows."',
        ['"Where is the money?" he asked.', '"Nobody knows."'],
        id="question-then-cue",
    ),
    pytest.param(
        "“We’re done here.” Then she left.",
        ["“We’re done here.”", "Then she left."],
        id="curly-quote-final",
    ),
    pytest.param(
        "“Why?” asked Smith.",
        ["“Why?” asked Smith."],
        id="curly-question-then-cue",
    ),
    pytest.param(
        "“I support Mr. Trump.” She left.",
        ["“I support Mr. Trump.”", "She left."],
        id="title-inside-closing-quote",
    ),
    pytest.param(
        "He said the plan was “dead on arrival.” Others disagreed.",
        ["He said the plan was “dead on arrival.”", "Others disagreed."],
        id="scare-quote-final",
    ),
    pytest.param(
        "``We are ready,'' he said. ``The troops are ready.''",
        ["``We are ready,'' he said.", "``The troops are ready.''"],
        id="ptb-quotes",
    ),
    pytest.param(
        "(See below.) The rest follows.",
        ["(See below.)", "The rest follows."],
        id="parenthesised-sentence",
    ),
    pytest.param(
        'Sen. Ted Cruz (R-Texas) said Tuesday: "We will win." He smiled.',
        ['Sen. Ted Cruz (R-Texas) said Tuesday: "We will win."', "He smiled."],
        id="colon-then-quote",
    ),
    # Question and exclamation marks; lower-case starts.
    pytest.param(
        "Will he run? Nobody knows. Stay tuned!",
        ["Will he run?", "Nobody knows.", "Stay tuned!"],
        id="question-and-exclamation",
    ),
    pytest.param(
        "Apple released the iPhone. iPhone sales rose.",
        ["Apple released the iPhone.", "iPhone sales rose."],
        id="camel-case-start",
    ),
    pytest.param(
        "1. FIREWORKS FLY IN FIRST DEBATE",
        ["1. FIREWORKS FLY IN FIRST DEBATE"],
        id="list-number",
    ),
    # Known failures.
    pytest.param(
        '"Stop!" Smith shouted.',
        ['"Stop!" Smith shouted.'],
        id="exclamation-then-name",
        marks=pytest.mark.xfail(
            strict=True, reason='a capitalised word after !" starts a sentence'
        ),
    ),
    pytest.param(
        "The attack on the U.S. Consulate in Benghazi killed four Americans.",
        ["The attack on the U.S. Consulate in Benghazi killed four Americans."],
        id="abbreviation-before-common-noun",
        marks=pytest.mark.xfail(
            strict=True,
            reason="Punkt's orthographic heuristic: 'consulate' is seen in lower case only",
        ),
    ),
    pytest.param(
        'He lives in the U.S." Then he left.',
        ['He lives in the U.S."', "Then he left."],
        id="abbreviation-before-closing-quote",
        marks=pytest.mark.xfail(
            strict=True, reason="Punkt judges an abbreviation by the quote that follows it"
        ),
    ),
]


@pytest.mark.parametrize(("text", "expected"), SPLITS)
def test_sentence_splits(text: str, expected: list[str]) -> None:
    sents = split(text)
    assert [text[s.start : s.end] for s in sents] == expected
    assert [(s.start, s.end) for s in sents] == located(text, expected)


# (text, the paragraph spans expected)
PARAGRAPHS = [
    pytest.param("One.\nTwo.", [(0, 4), (5, 9)], id="line-per-paragraph"),
    pytest.param("One\nstill one.\n\nTwo.", [(0, 14), (16, 20)], id="blank-lines"),
    pytest.param("One.\r\nTwo.\r\n", [(0, 4), (6, 10)], id="crlf"),
    pytest.param("One.\rTwo.", [(0, 4), (5, 9)], id="cr"),
    pytest.param("A\r\nB.\r\n\r\nC.", [(0, 5), (9, 11)], id="crlf-blank-lines"),
    pytest.param("A\r\n\nB.", [(0, 1), (4, 6)], id="crlf-then-lf"),
    pytest.param("One.\u2028Two.", [(0, 4), (5, 9)], id="line-separator"),
    pytest.param("One\u2028still.\u2029Two.", [(0, 10), (11, 15)], id="paragraph-separator"),
    pytest.param("  One.  \n \t \n  Two.  ", [(2, 6), (15, 19)], id="whitespace-line"),
    pytest.param("\n\nOne.\nTwo.\n\n", [(2, 6), (7, 11)], id="only-outer-blank-lines"),
    pytest.param("\u00a0One.\u00a0\n", [(1, 5)], id="no-break-space"),
    pytest.param("", [], id="empty"),
    pytest.param("  \n\t \r\n \u2029 ", [], id="whitespace-only"),
]


@pytest.mark.parametrize(("text", "expected"), PARAGRAPHS)
def test_paragraphs(text: str, expected: list[tuple[int, int]]) -> None:
    assert paragraphs(text) == tuple(Paragraph(start, end) for start, end in expected)
    check_invariants(text)


def test_crlf_keeps_offsets() -> None:
    text = "Mr. Smith left.\r\nHe was tired. So was she.\r\n"
    assert [text[s.start : s.end] for s in split(text)] == [
        "Mr. Smith left.",
        "He was tired.",
        "So was she.",
    ]
    assert [s.paragraph for s in split(text)] == [0, 1, 1]


def test_hard_wrapped_sentence_spans_lines() -> None:
    text = "The senator said on Tuesday\nthat the bill would pass. It did.\n\nNext."
    assert [text[s.start : s.end] for s in split(text)] == [
        "The senator said on Tuesday\nthat the bill would pass.",
        "It did.",
        "Next.",
    ]


def test_sentences_never_cross_paragraphs() -> None:
    text = "He said he would\nleave. She did not."
    assert [text[s.start : s.end] for s in split(text)] == [
        "He said he would",
        "leave.",
        "She did not.",
    ]


@pytest.mark.parametrize("text", ["", " ", "\n\n", "\r\n\t\u2029"])
def test_empty_text_has_no_sentences(text: str) -> None:
    assert paragraphs(text) == ()
    assert split(text) == ()


# (text, [(sentence, kind), ...])
KINDS = [
    pytest.param(
        "WASHINGTON (Reuters) - The Senate voted 51-49 on Tuesday.",
        [("WASHINGTON (Reuters) -", DATE), ("The Senate voted 51-49 on Tuesday.", BODY)],
        id="dateline-reuters",
    ),
    pytest.param(
        "KYIV, July 4 (Reuters) — Russia launched drones overnight.",
        [("KYIV, July 4 (Reuters) —", DATE), ("Russia launched drones overnight.", BODY)],
        id="dateline-with-date",
    ),
    pytest.param(
        "NEW YORK — Stocks fell. Bonds rose.",
        [("NEW YORK —", DATE), ("Stocks fell.", BODY), ("Bonds rose.", BODY)],
        id="dateline-plain",
    ),
    pytest.param(
        "STATE COLLEGE, Pa. - Hillary Clinton's victory surprised no one.",
        [("STATE COLLEGE, Pa. -", DATE), ("Hillary Clinton's victory surprised no one.", BODY)],
        id="dateline-state",
    ),
    pytest.param(
        "CAMBRIDGE, Mass., Dec. 11 (UPI) — Researchers said the effect was small.",
        [
            ("CAMBRIDGE, Mass., Dec. 11 (UPI) —", DATE),
            ("Researchers said the effect was small.", BODY),
        ],
        id="dateline-state-and-date",
    ),
    pytest.param(
        "Washington (AFP) – Donald Trump is bent on winning.",
        [("Washington (AFP) –", DATE), ("Donald Trump is bent on winning.", BODY)],
        id="dateline-mixed-case-agency",
    ),
    pytest.param(
        "WASHINGTON—The House passed the bill.",
        [("WASHINGTON—", DATE), ("The House passed the bill.", BODY)],
        id="dateline-unspaced-dash",
    ),
    pytest.param(
        "WASHINGTON (AP) —",
        [("WASHINGTON (AP) —", DATE)],
        id="dateline-alone",
    ),
    pytest.param(
        "Trump — who denies wrongdoing — spoke on Monday.",
        [("Trump — who denies wrongdoing — spoke on Monday.", BODY)],
        id="no-dateline-mixed-case",
    ),
    pytest.param(
        "I — for one — disagree.",
        [("I — for one — disagree.", BODY)],
        id="no-dateline-pronoun",
    ),
    pytest.param(
        "U.S.-China talks resumed on Monday.",
        [("U.S.-China talks resumed on Monday.", BODY)],
        id="no-dateline-hyphen",
    ),
    pytest.param(
        "Trump Wins Iowa Caucuses\n\nDonald Trump won the Iowa caucuses on Monday.",
        [
            ("Trump Wins Iowa Caucuses", HEAD),
            ("Donald Trump won the Iowa caucuses on Monday.", BODY),
        ],
        id="headline",
    ),
    pytest.param(
        "Trump wins in Iowa, loses in New Hampshire\nThe race moved on.",
        [("Trump wins in Iowa, loses in New Hampshire", HEAD), ("The race moved on.", BODY)],
        id="headline-sentence-case",
    ),
    pytest.param(
        "Stealth Over Health: Clinton Was Headed to ER.\n\nThe Post reports it.",
        [("Stealth Over Health: Clinton Was Headed to ER.", HEAD), ("The Post reports it.", BODY)],
        id="headline-title-case-with-period",
    ),
    pytest.param(
        "Daggers drawn as Trump, Cruz wage delegate warfare.\n\nThe fight goes on.",
        [
            ("Daggers drawn as Trump, Cruz wage delegate warfare.", BODY),
            ("The fight goes on.", BODY),
        ],
        id="no-headline-sentence-with-period",
    ),
    pytest.param(
        "Trump wins Iowa",
        [("Trump wins Iowa", BODY)],
        id="no-headline-alone",
    ),
    pytest.param(
        "He said:\n\n“We will win.”",
        [("He said:", BODY), ("“We will win.”", BODY)],
        id="no-headline-lead-in",
    ),
    pytest.param(
        "He spoke.\n\nWhat Happens Next\n\nNobody knows.",
        [("He spoke.", BODY), ("What Happens Next", HEAD), ("Nobody knows.", BODY)],
        id="subheading",
    ),
    pytest.param(
        "He spoke.\n\nand then there was silence\n\nNobody knows.",
        [("He spoke.", BODY), ("and then there was silence", BODY), ("Nobody knows.", BODY)],
        id="no-subheading-sentence-case",
    ),
    pytest.param(
        "He spoke.\n\n(Reporting by David Bailey; Editing by Cynthia Osterman.)",
        [("He spoke.", BODY), ("(Reporting by David Bailey; Editing by Cynthia Osterman.)", BOIL)],
        id="credits",
    ),
    pytest.param(
        "He spoke.\n\nReporting by Steve Holland; Editing by Leslie Adler",
        [("He spoke.", BODY), ("Reporting by Steve Holland; Editing by Leslie Adler", BOIL)],
        id="credits-unbracketed",
    ),
    pytest.param(
        "Reporting by The Washington Post found the payments.",
        [("Reporting by The Washington Post found the payments.", BODY)],
        id="no-boilerplate-reporting",
    ),
    pytest.param(
        "He spoke.\n(Additional reporting by Jane Doe in London)",
        [("He spoke.", BODY), ("(Additional reporting by Jane Doe in London)", BOIL)],
        id="additional-reporting",
    ),
    pytest.param(
        "Read the rest here.",
        [("Read the rest here.", BOIL)],
        id="read-the-rest",
    ),
    pytest.param(
        "Click here to subscribe. Sign up for our newsletter.",
        [("Click here to subscribe.", BOIL), ("Sign up for our newsletter.", BOIL)],
        id="calls-to-action",
    ),
    pytest.param(
        "He spoke.\n\nFollow Pam Key On Twitter @pamkeyNEN",
        [("He spoke.", BODY), ("Follow Pam Key On Twitter @pamkeyNEN", BOIL)],
        id="follow-on-twitter",
    ),
    pytest.param(
        "Follow us on Twitter @Reuters.",
        [("Follow us on Twitter @Reuters.", BOIL)],
        id="follow-us",
    ),
    pytest.param(
        '"Follow us," Ms. Gil said.',
        [('"Follow us," Ms. Gil said.', BODY)],
        id="no-boilerplate-quote",
    ),
    pytest.param(
        "This article originally appeared on Politico.",
        [("This article originally appeared on Politico.", BOIL)],
        id="originally-appeared",
    ),
    pytest.param(
        "Editor’s note: This story has been updated.",
        [("Editor’s note: This story has been updated.", BOIL)],
        id="curly-apostrophe",
    ),
    pytest.param(
        "Copyright 2016 The Associated Press. All rights reserved.",
        [("Copyright 2016 The Associated Press.", BOIL), ("All rights reserved.", BOIL)],
        id="copyright",
    ),
    pytest.param(
        "Copyright law is contested, experts said.",
        [("Copyright law is contested, experts said.", BODY)],
        id="no-boilerplate-copyright-law",
    ),
]


@pytest.mark.parametrize(("text", "expected"), KINDS)
def test_kinds(text: str, expected: list[tuple[str, SentenceKind]]) -> None:
    sents = split(text)
    assert [(text[s.start : s.end], s.kind) for s in sents] == expected
    assert [(s.start, s.end) for s in sents] == located(text, [piece for piece, _ in expected])


def test_seed_article() -> None:
    text = SEED.read_text(encoding="utf-8")
    sents = split(text)
    got = [(text[s.start : s.end], s.paragraph, s.kind) for s in sents]
    assert len(paragraphs(text)) == 13
    assert got[0] == (
        "U.S. President Donald Trump told Ukrainian leader Volodymyr Zelenskyy on Friday that "
        "he wants to help with air defense after escalating attacks from Russia, Axios reported, "
        "citing an unidentified Ukrainian official and a source with knowledge of the call.",
        0,
        BODY,
    )
    assert got[1:3] == [
        ("The call lasted about 40 minutes, the sources said.", 1, BODY),
        (
            "Trump told Zelenskyy he would check what U.S. weapons due to be sent to Ukraine, "
            "if any, had been put on hold, one source said, according to Axios.",
            1,
            BODY,
        ),
    ]
    assert got[4:6] == [
        (
            'Zelenskyy on Friday posted on X: "I had a very important and fruitful '
            "conversation with @POTUS.",
            3,
            BODY,
        ),
        (
            "I congratulated President Trump and the entire American people on the US "
            "Independence Day.",
            3,
            BODY,
        ),
    ]
    assert got[17] == (
        "Finally, we exchanged views on the diplomatic situation and joint work with the "
        'U.S. and other partners."',
        7,
        BODY,
    )
    assert got[19] == ('Zelenskyy called the attack "deliberately massive and cynical."', 9, BODY)
    assert got[-2:] == [
        ("© 2025 Thomson/Reuters.", 12, BOIL),
        ("All rights reserved.", 12, BOIL),
    ]
    assert len(sents) == 26
    assert all(kind is BODY for _, _, kind in got[:-2])
    check_invariants(text)


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\u2028"])
def test_seed_article_with_other_line_breaks(newline: str) -> None:
    text = SEED.read_text(encoding="utf-8")
    other = text.replace("\n", newline)
    expected = [(text[s.start : s.end], s.paragraph, s.kind) for s in split(text)]
    got = [(other[s.start : s.end], s.paragraph, s.kind) for s in split(other)]
    assert got == expected
    check_invariants(other)


def test_closing_quote_stays_with_its_sentence() -> None:
    # Stock Punkt reads "Trump." and the quote after "Mr." as a break there.
    text = "“We are grateful to Mr. Trump.” The talks ended."
    assert [text[s.start : s.end] for s in split(text)] == [
        "“We are grateful to Mr. Trump.”",
        "The talks ended.",
    ]


def test_long_paragraph_is_cut_after_a_sentence() -> None:
    sentence = "The senator said the plan would pass. "
    text = sentence * (2 * _nltk.CHUNK // len(sentence))
    spans = _nltk.sentence_spans(text, _nltk.PunktModel())
    assert all(text[start:end] == sentence.strip() for start, end in spans)
    check_invariants(text)


def test_unpunctuated_text_is_cut_at_whitespace() -> None:
    text = "word " * _nltk.CHUNK
    spans = _nltk.sentence_spans(text, _nltk.PunktModel())
    assert len(spans) > 1
    assert all(text[start:end].startswith("word") for start, end in spans)
    assert all(end - start <= _nltk.CHUNK for start, end in spans)


# Words and marks that exercise every rule, and every kind of whitespace.
# fmt: off
PIECES = [
    "Mr.", "U.S.", "said", "Trump", "the", "he", "She", "No.", "2", "3.5", "J.", "iPhone",
    "a.m.", "WASHINGTON", "(Reuters)", "©", "Read the rest here.", ".", "!", "?", "...", "…",
    '"', "“", "”", "'", "``", "''", "(", ")", "-", "—", ",", ":",
    " ", "  ", "\n", "\n\n", "\r\n", "\r", "\u2028", "\u2029", "\t", "\xa0",
]
# fmt: on
NEWSY = st.lists(st.sampled_from(PIECES), max_size=40).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(NEWSY, st.text(max_size=60)))
def test_every_character_in_one_sentence(text: str) -> None:
    check_invariants(text)


def reference_spans(text: str) -> list[tuple[int, int]]:
    """Our Punkt's spans computed the slow way: every candidate's tokens annotated
    by ``_annotate_tokens`` over ``_tokenize_words``, and NLTK's own realignment."""
    tokenizer = _nltk._tokenizer(segment_model())
    base = _nltk._punkt().module.PunktSentenceTokenizer

    def ends_sentence(head: str, after: str) -> bool:
        tokens = list(tokenizer._tokenize_words(head))
        count = len(tokens)
        tokens.extend(itertools.islice(tokenizer._tokenize_words(after), 1))
        annotated = list(tokenizer._annotate_tokens(iter(tokens)))
        return any(token.sentbreak for token in annotated[:count])

    def slices() -> Iterator[slice]:
        last_break = 0
        for match, context in tokenizer._match_potential_end_contexts(text):
            after = match.group("after_tok")
            if ends_sentence(context[: len(context) - len(after)], after):
                yield slice(last_break, match.end())
                last_break = match.start("next_tok") if match.group("next_tok") else match.end()
        yield slice(last_break, len(text.rstrip()))

    return [(s.start, s.stop) for s in base._realign_boundaries(tokenizer, text, slices())]


@settings(max_examples=300, deadline=None)
@given(st.one_of(NEWSY, st.text(max_size=60)))
def test_punkt_shortcuts_change_no_break(text: str) -> None:
    tokenizer = _nltk._tokenizer(segment_model())
    expected = reference_spans(text)
    assert tokenizer.spans(text) == expected
    assert _nltk.sentence_spans(text, segment_model()) == expected


# Closing punctuation, marks and spaces, densely: realignment at every break.
CLOSING_PIECES = [*"\"')]}\u2018\u2019\u201c\u201d\xab\xbb.?!\u2026 \n\x1c\x85", "--", "a", "Mr."]
CLOSING = st.lists(st.sampled_from(CLOSING_PIECES), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(CLOSING)
def test_realignment_in_one_pass_is_nltks(text: str) -> None:
    assert _nltk.sentence_spans(text, segment_model()) == reference_spans(text)


MAY_SPLIT = [
    pytest.param("He said the plan would work.", False, id="one-sentence"),
    pytest.param("He said the plan would work", False, id="no-end-mark"),
    pytest.param("Mr. Smith said so.", True, id="abbreviation"),
    pytest.param("It rained. It poured.", True, id="two-sentences"),
    pytest.param("Really? Yes.", True, id="question"),
    pytest.param("Wait\u2026 no.", True, id="ellipsis"),
    pytest.param("Wow!", False, id="mark-only-at-the-end"),
    pytest.param("", False, id="empty"),
]


@pytest.mark.parametrize(("text", "expected"), MAY_SPLIT)
def test_punkt_runs_only_where_it_may_split(text: str, expected: bool) -> None:
    assert _nltk.may_split(text, 0, len(text)) is expected
    if not expected and text.strip():
        # NLTK's own Punkt, run anyway, finds the same one sentence.
        assert reference_spans(text) == [(0, len(text.rstrip()))]


def test_may_split_reads_only_its_span() -> None:
    text = "Mr. Smith said so"
    assert _nltk.may_split(text, 0, len(text))
    assert not _nltk.may_split(text, 4, len(text))  # the period lies before the span
    assert not _nltk.may_split(text, 0, 3)  # the period is the span's last character


def test_long_span_may_always_split() -> None:
    text = "word " * (_nltk.CHUNK // 5 + 1)
    assert _nltk.may_split(text, 0, len(text))


# paragraphs() reads a text whose only line break is "\n" with patterns written
# for "\n" alone. They must find what the general patterns find, and the
# general ones must still serve every other text.
LINE_BREAKS = ["\n", "\r\n", "\r", "\v", "\f", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]
NEWLINE_ONLY = st.lists(
    st.sampled_from(["\n", "\n", "\n", " ", "\t", "\xa0", "One.", "two", *LINE_BREAKS]), max_size=30
).map("".join)


def test_line_breaks_are_those_of_splitlines() -> None:
    # A text holding none of the other breaks is split by the "\n" patterns:
    # a break missing from the list would be read as no break at all.
    characters = [chr(c) for c in range(0x110000)]
    splitlines = {c for c in characters if len(f"a{c}b".splitlines()) == 2}
    assert {c for c in characters if segment._LINE_BREAK.match(c)} == splitlines
    assert set(segment._OTHER_BREAKS) | {"\n"} == splitlines


@settings(max_examples=300, deadline=None)
@given(NEWLINE_ONLY)
@example("One.\ntwo\n \ntwo")  # a line break inside a paragraph, a blank line of spaces
@example("One.\n\t\xa0\n\ntwo\ntwo")
def test_newline_patterns_find_what_the_general_ones_find(text: str) -> None:
    def blocks(blank_line: re.Pattern[str], line_break: re.Pattern[str]) -> list[tuple[int, int]]:
        found = list(segment._trimmed(text, blank_line))
        return found if len(found) >= 2 else list(segment._trimmed(text, line_break))

    expected = blocks(segment._BLANK_LINE, segment._LINE_BREAK)
    assert [(p.start, p.end) for p in paragraphs(text)] == expected
    if not any(map(text.__contains__, segment._OTHER_BREAKS)):
        assert blocks(segment._BLANK_NEWLINES, segment._NEWLINE) == expected


def test_punkt_shortcuts_change_no_break_in_the_seed_article() -> None:
    text = SEED.read_text(encoding="utf-8")
    tokenizer = _nltk._tokenizer(segment_model())
    assert tokenizer.spans(text) == reference_spans(text)
    assert _nltk.sentence_spans(text, segment_model()) == reference_spans(text)


# (a text of about n characters, n): 10n characters must take about 10 times as
# long. Texts with a sentence or a paragraph every few characters are slower
# per character, so they are measured smaller.
LINEAR = [
    pytest.param(lambda n: ("word " * n)[:n], 100_000, id="no-punctuation"),
    pytest.param(
        lambda n: ("The senator said the U.S. plan, worth $3.5 billion, would pass. " * n)[:n],
        100_000,
        id="no-newlines",
    ),
    pytest.param(lambda n: ("Hi.\n" * n)[:n], 10_000, id="many-lines"),
    pytest.param(lambda n: ("He left! " * n)[:n], 10_000, id="many-sentences"),
    pytest.param(lambda n: "x" * n, 100_000, id="no-spaces"),
]


@pytest.mark.parametrize(("make", "size"), LINEAR)
def test_linear_time(
    make: Callable[[int], str], size: int, best_time: Callable[[Callable[[], object], int], float]
) -> None:
    small, large = make(size), make(10 * size)
    split("Warm up. Mr. Smith left.")
    small_time = best_time(lambda: split(small), 3)
    large_time = best_time(lambda: split(large), 2)
    if large_time >= 30 * small_time + 0.05:
        # A busy machine can slow one run; a quadratic split fails the second too.
        large_time = min(large_time, best_time(lambda: split(large), 2))
    # Linear is about 10; quadratic would be about 100.
    assert large_time < 30 * small_time + 0.05


def test_punkt_remembers_nothing_of_the_words_it_reads() -> None:
    # NLTK's orthographic contexts were a defaultdict that stored every word
    # seen after an abbreviation, initial or number: a stream grew it forever.
    contexts = _nltk._tokenizer(segment_model())._params.ortho_context
    before = len(contexts)
    names = ["Zbigniewski", "Okonkwo-Achebe", "Vanterpool", "Quillfeather", "Ndiayeson"]
    for name in names:
        split(f"Mr. {name} arrived at 3 p.m. {name} left. Dr. J. {name} said no. No. {name} won.")
    assert len(contexts) == before
