"""Find the claims in news text, who each one comes from, and how well it is sourced.

>>> from attribution import analyze
>>> analysis = analyze("Germany said it is in talks on buying Patriot systems.")
>>> [analysis.text[c.start:c.end] for c in analysis.claims]
['it is in talks on buying Patriot systems']
"""

from __future__ import annotations

__version__ = "0.1.0"

from attribution.errors import AttributionError, ConfigError, DataError, InputError
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

__all__ = [
    "SCHEMA_VERSION",
    "Analysis",
    "Attribution",
    "AttributionError",
    "AttributionType",
    "Claim",
    "ClaimType",
    "ConfigError",
    "Cue",
    "DataError",
    "Descriptors",
    "Entity",
    "Grade",
    "Hedge",
    "InputError",
    "Medium",
    "Mention",
    "MentionForm",
    "Paragraph",
    "Problem",
    "Quote",
    "QuoteKind",
    "Reason",
    "Score",
    "Sentence",
    "SentenceKind",
    "Source",
    "SourceKind",
    "Span",
    "Summary",
    "__version__",
    "analyze",
    "analyze_many",
    "to_dict",
    "to_text",
]
