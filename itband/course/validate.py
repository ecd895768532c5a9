"""Argument checks shared by every model, so that bad input gets one clear message.

Each check names the parameter, the value it got and what is allowed, e.g.
``knee_flexion_deg=200 is outside the allowed range 0 to 120 degrees``.

The rule, the same for every check:

* a value of the right type that is not allowed (out of range, NaN or infinite, not one
  of the choices, empty text) raises ``ValueError``;
* a value of the wrong type (a string, ``None``, a list or ``True`` where a number is
  wanted; a number where text or a flag is wanted) raises :class:`WrongType`, which is a
  ``TypeError`` and also a ``ValueError``, so ``except ValueError`` catches every bad
  input and ``except TypeError`` catches exactly the wrong types.
"""
from __future__ import annotations

import math
from numbers import Real
from typing import Iterable


class WrongType(TypeError, ValueError):
    """A value of the wrong type: a ``TypeError`` that ``except ValueError`` also catches."""


def _fmt(x: float) -> str:
    return f"{x:g}" if isinstance(x, (int, float)) else repr(x)


def check_number(name: str, value, lo: float | None = None, hi: float | None = None,
                 unit: str = "", *, lo_open: bool = False, hi_open: bool = False) -> float:
    """Return ``value`` as a float if it is a finite number within ``[lo, hi]``.

    ``lo_open``/``hi_open`` make that end of the range exclusive. ``unit`` is
    only used in the message.
    """
    if isinstance(value, bool) or not isinstance(value, Real):
        raise WrongType(f"{name}={value!r} is not a number; {name} must be a number"
                         + (f" in {unit}" if unit else ""))
    x = float(value)
    unit_txt = f" {unit}" if unit else ""
    if not math.isfinite(x):
        raise ValueError(f"{name}={value!r} is not a finite number")
    too_low = lo is not None and (x <= lo if lo_open else x < lo)
    too_high = hi is not None and (x >= hi if hi_open else x > hi)
    if too_low or too_high:
        if lo is not None and hi is not None:
            left, right = ("above " if lo_open else "") + _fmt(lo), ("below " if hi_open else "") + _fmt(hi)
            allowed = f"the allowed range {left} to {right}{unit_txt}"
        elif lo is not None:
            allowed = f"the allowed range {'>' if lo_open else '>='} {_fmt(lo)}{unit_txt}"
        else:
            allowed = f"the allowed range {'<' if hi_open else '<='} {_fmt(hi)}{unit_txt}"
        raise ValueError(f"{name}={_fmt(x)} is outside {allowed}")
    return x


def check_positive(name: str, value, unit: str = "", hi: float | None = None) -> float:
    """Return ``value`` as a float if it is a finite number above zero (and at most ``hi``)."""
    return check_number(name, value, 0.0, hi, unit, lo_open=True)


def check_int(name: str, value, lo: int | None = None, hi: int | None = None, unit: str = "") -> int:
    """Return ``value`` if it is a whole number within ``[lo, hi]``."""
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        else:
            raise WrongType(f"{name}={value!r} is not a whole number")
    check_number(name, value, lo, hi, unit)
    return int(value)


def check_choice(name: str, value, choices: Iterable) -> object:
    """Return ``value`` if it is one of ``choices``; the message lists them all."""
    options = list(choices)
    try:
        known = value in options
    except TypeError:  # an unhashable value tested against a set or dict view
        known = False
    if not known:
        listed = ", ".join(repr(c) for c in options)
        if options and all(isinstance(c, str) for c in options) and not isinstance(value, str):
            raise WrongType(f"{name}={value!r} is not one of the allowed values: {listed} (it is not text)")
        raise ValueError(f"{name}={value!r} is not one of the allowed values: {listed}")
    return value


def check_flag(name: str, value) -> bool:
    """Return ``value`` if it is ``True`` or ``False`` (not 1, 0, ``None`` or a string)."""
    if not isinstance(value, bool):
        raise WrongType(f"{name}={value!r} is not a flag; {name} must be True or False")
    return value


def check_text(name: str, value, *, empty: bool = True) -> str:
    """Return ``value`` if it is a string (non-empty unless ``empty``)."""
    if not isinstance(value, str):
        raise WrongType(f"{name}={value!r} is not text; {name} must be a string")
    if not empty and not value.strip():
        raise ValueError(f"{name}={value!r} is empty; {name} must be a non-empty string")
    return value
