"""Argument checks shared by every model, so that bad input gets one clear message.

Each check raises ``ValueError`` naming the parameter, the value it got and
what is allowed, e.g. ``knee_flexion_deg=200 is outside the allowed range
0 to 120 degrees``.
"""
from __future__ import annotations

import math
from numbers import Real
from typing import Iterable


def _fmt(x: float) -> str:
    return f"{x:g}" if isinstance(x, (int, float)) else repr(x)


def check_number(name: str, value, lo: float | None = None, hi: float | None = None,
                 unit: str = "", *, lo_open: bool = False, hi_open: bool = False) -> float:
    """Return ``value`` as a float if it is a finite number within ``[lo, hi]``.

    ``lo_open``/``hi_open`` make that end of the range exclusive. ``unit`` is
    only used in the message.
    """
    if isinstance(value, bool) or not isinstance(value, Real):
        raise ValueError(f"{name}={value!r} is not a number; {name} must be a number"
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
            raise ValueError(f"{name}={value!r} is not a whole number")
    check_number(name, value, lo, hi, unit)
    return int(value)


def check_choice(name: str, value, choices: Iterable) -> object:
    """Return ``value`` if it is one of ``choices``; the message lists them all."""
    options = list(choices)
    if value not in options:
        listed = ", ".join(repr(c) for c in options)
        raise ValueError(f"{name}={value!r} is not one of the allowed values: {listed}")
    return value
