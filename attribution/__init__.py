"""Find the claims in news text, who each one comes from, and how well it is sourced.

>>> from attribution import analyze
>>> analysis = analyze("Germany said it is in talks on buying Patriot systems.")
>>> [analysis.text[c.start:c.end] for c in analysis.claims]
['it is in talks on buying Patriot systems']
"""

from __future__ import annotations

__version__ = "0.1.0"

from attribution.errors import (
    AttributionError,
    ConfigError,
    DataError,
    InputError,
    StoreWarning,
)
from attribution.lint import Finding, Severity, lint
from attribution.matching import ClaimMatches, Match, MatchSettings, match_claims
from attribution.model import (
    Analysis,
    Attribution,
    AttributionType,
    Claim,
    ClaimType,
    Cue,
    Descriptors,
    Entity,
    Grade,
    Hedge,
    Medium,
    Mention,
    MentionForm,
    Paragraph,
    Problem,
    Quote,
    QuoteKind,
    Reason,
    Score,
    Sentence,
    SentenceKind,
    Source,
    SourceKind,
    Span,
    Summary,
)
from attribution.pipeline import analyze, analyze_many
from attribution.report import SCHEMA_VERSION, to_dict, to_text
from attribution.store import CheckedClaim, ClaimIndex, load_store, open_store, write_index
from attribution.verify import QuoteCheck, Verdict, verify_quotes

__all__ = [
    "SCHEMA_VERSION",
    "Analysis",
    "Attribution",
    "AttributionError",
    "AttributionType",
    "CheckedClaim",
    "Claim",
    "ClaimIndex",
    "ClaimMatches",
    "ClaimType",
    "ConfigError",
    "Cue",
    "DataError",
    "Descriptors",
    "Entity",
    "Finding",
    "Grade",
    "Hedge",
    "InputError",
    "Match",
    "MatchSettings",
    "Medium",
    "Mention",
    "MentionForm",
    "Paragraph",
    "Problem",
    "Quote",
    "QuoteCheck",
    "QuoteKind",
    "Reason",
    "Score",
    "Sentence",
    "SentenceKind",
    "Severity",
    "Source",
    "SourceKind",
    "Span",
    "StoreWarning",
    "Summary",
    "Verdict",
    "__version__",
    "analyze",
    "analyze_many",
    "lint",
    "load_store",
    "match_claims",
    "open_store",
    "to_dict",
    "to_text",
    "verify_quotes",
    "write_index",
]
