"""Run the analysis over a Dask bag or dataframe, on one machine or a cluster.

Install with ``pip install 'attribution[dask]'``. Each document becomes the
versioned JSON-ready dict of :func:`attribution.to_dict`; a document that
cannot be analyzed becomes ``{"id": ..., "error": ...}`` instead of failing
the whole computation, so output stays aligned with input (see
``docs/scaling.md``).

Importing this module does not import Dask; the functions use the bag or
dataframe they are given (``tests/test_dask.py`` runs these examples):

>>> import dask.bag as db  # doctest: +SKIP
>>> bag = db.from_sequence([("a1", "The mayor said the bridge would reopen.")])  # doctest: +SKIP
>>> [d["claims"][0]["text"] for d in analyze_bag(bag).compute(scheduler="sync")]  # doctest: +SKIP
['the bridge would reopen']
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, cast

from attribution._io import Record, record_from_line, record_from_object
from attribution.pipeline import analyze
from attribution.report import to_dict

if TYPE_CHECKING:
    import dask.bag as db
    import dask.dataframe as dd
    import pandas as pd

__all__ = ["analyze_bag", "analyze_dataframe", "analyze_item", "analyze_line", "analyze_lines"]


def _record(item: object) -> Record:
    if isinstance(item, str):
        return Record(None, item, name="<item>")
    if isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], str):
        doc_id = item[0] if item[0] is None or isinstance(item[0], str) else str(item[0])
        return Record(doc_id, item[1], name=str(doc_id))
    if isinstance(item, dict):
        return record_from_object(item, str(item.get("id", "<item>")))
    return Record(
        None,
        None,
        f"expected a text, an (id, text) pair or a dict with 'text', got {type(item).__name__}",
        name="<item>",
    )


def analyze_item(item: object) -> dict[str, Any]:
    """Return the JSON-ready analysis of one text, ``(id, text)`` pair or ``{"id", "text"}`` dict.

    Never raises for a bad item: it gives ``{"id": ..., "error": ...}``.
    """
    record = _record(item)
    if record.text is None:
        return {"id": record.id, "error": record.error}
    try:
        return to_dict(analyze(record.text, id=record.id))
    except Exception as err:  # a bug in a stage: lose this document, not the job
        return {"id": record.id, "error": f"analysis failed ({type(err).__name__}: {err})"}


def analyze_line(line: str) -> dict[str, Any] | None:
    """Return the JSON-ready analysis of one JSON Lines line, or ``None`` for a blank line.

    The line is read as the command line reads a corpus line: one that is
    not JSON, or not an object with a string ``"text"``, gives
    ``{"id": ..., "error": ...}`` (the id recovered when it can be seen).
    Never raises.
    """
    record = record_from_line(line, "<line>")
    if record is None:
        return None
    if record.text is None:
        return {"id": record.id, "error": record.error}
    return analyze_item((record.id, record.text))


def _not_blank(doc: dict[str, Any] | None) -> bool:
    return doc is not None


def analyze_lines(bag: db.Bag) -> db.Bag:
    """Map the analysis over a bag of JSON Lines lines, as ``dask.bag.read_text`` gives them.

    Returns:
        A bag of JSON-ready dicts in the bag's order: one per line that is
        not blank (in JSON's terms, as on the command line), the analysis or
        ``{"id", "error"}`` for a line that is not a corpus object.
    """
    untyped: Any = bag  # Dask's methods are untyped
    return cast("db.Bag", untyped.map(analyze_line).filter(_not_blank))


def analyze_bag(bag: db.Bag) -> db.Bag:
    """Map the analysis over a bag of texts, ``(id, text)`` pairs or ``{"id", "text"}`` dicts.

    Returns:
        A bag of JSON-ready dicts in the bag's order, one per item: the
        analysis (:func:`attribution.to_dict`) or ``{"id", "error"}``. Write it
        with ``.map(json.dumps).to_textfiles(...)``.
    """
    untyped: Any = bag  # Dask's methods are untyped
    return cast("db.Bag", untyped.map(analyze_item))


_COLUMNS = ("id", "sentences", "attributions", "claims", "error", "analysis")


def _pandas() -> Any:
    try:
        import pandas
    except ImportError as err:
        msg = "attribution.dask needs Dask and pandas: pip install 'attribution[dask]'"
        raise ImportError(msg) from err
    return pandas


def _frame(rows: list[dict[str, Any]], index: pd.Index) -> pd.DataFrame:
    pd = _pandas()
    counts = ("sentences", "attributions", "claims")
    # Text columns are of pandas' string dtype, not object: Dask writes the
    # schema of a Parquet file from a sample of each column's dtype, and has
    # no sample string for an object column.
    data = {
        col: pd.Series(
            [r[col] for r in rows],
            index=index,
            dtype="int64" if col in counts else pd.StringDtype(),
        )
        for col in _COLUMNS
    }
    return pd.DataFrame(data, columns=list(_COLUMNS))


def _id(value: object) -> str | None:
    if value is None or (isinstance(value, float) and value != value):  # missing, or NaN
        return None
    return str(value)


def _analyze_partition(part: pd.DataFrame, text: str, id: str | None) -> pd.DataFrame:
    rows = []
    ids = part[id] if id is not None else [None] * len(part)
    for doc_id, body in zip(ids, part[text], strict=True):
        item: dict[str, Any] = {"id": _id(doc_id), "text": body}
        doc = analyze_item(item)
        error = doc.get("error")
        rows.append(
            {
                "id": doc["id"],
                "sentences": len(doc.get("sentences", ())),
                "attributions": len(doc.get("attributions", ())),
                "claims": len(doc.get("claims", ())),
                "error": error,
                "analysis": None if error else json.dumps(doc, ensure_ascii=False),
            }
        )
    return _frame(rows, part.index)


def analyze_dataframe(
    df: dd.DataFrame, *, text: str = "text", id: str | None = None
) -> dd.DataFrame:
    """Analyze the ``text`` column of a Dask dataframe, one row out per row in.

    Args:
        df: the dataframe.
        text: the column holding each document's text.
        id: the column holding document ids, if any (kept as strings).

    Returns:
        A dataframe with the input's index and the columns ``id``,
        ``sentences``, ``attributions``, ``claims`` (counts), ``error``
        (missing unless the row failed) and ``analysis`` (the versioned JSON
        document as a string); ``id``, ``error`` and ``analysis`` are of
        pandas' ``string`` dtype, so the frame can be written to Parquet.
    """
    meta = _frame([], _pandas().Index([], dtype=df.index.dtype))
    untyped: Any = df  # Dask's methods are untyped
    return cast("dd.DataFrame", untyped.map_partitions(_analyze_partition, text, id, meta=meta))
