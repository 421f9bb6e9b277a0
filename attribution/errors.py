"""The exceptions this library raises, and the warnings it gives.

Exceptions are for bad *calls* (a wrong argument, a missing file, a bad
config); bad *text* gives findings or an empty result, never an exception.
Warnings (:mod:`warnings`) are for data that can be used but makes results
ambiguous; the command line prints them as ``attribution: warning: ...``.
"""

from __future__ import annotations


class AttributionError(Exception):
    """Root of every exception raised by this library."""


class ConfigError(AttributionError, ValueError):
    """A configuration value or key is not valid."""


class InputError(AttributionError, ValueError):
    """An input file or stream cannot be read as text."""


class DataError(AttributionError, RuntimeError):
    """A package data file is missing or malformed (a broken install)."""


class StoreWarning(AttributionError, UserWarning):
    """A store of checked claims can be used, but makes results ambiguous (two claims, one id)."""
