"""The controls an explorer offers: sliders, choices and toggles, and their labels and readouts."""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Sequence

from ..validate import check_number

_UNIT_SUFFIXES = {
    "_deg": "°",
    "_pct": "%",
    "_kg": "kg",
    "_m": "m",
    "_cm": "cm",
    "_mm": "mm",
    "_km": "km",
    "_n": "N",
    "_s": "s",
    "_min": "min",
    "_spm": "steps/min",
    "_kmh": "km/h",
    "_mps": "m/s",
    "_weeks": "weeks",
    "_week": "",
}


def label_and_unit(name: str) -> tuple[str, str]:
    """``knee_flexion_deg`` -> ("Knee flexion", "°")."""
    for suffix, unit in sorted(_UNIT_SUFFIXES.items(), key=lambda kv: -len(kv[0])):
        if name.endswith(suffix):
            base = name[: -len(suffix)]
            return base.replace("_", " ").capitalize(), unit
    return name.replace("_", " ").capitalize(), ""


def format_value(value: Any, unit: str = "") -> str:
    if isinstance(value, bool):
        return "on" if value else "off"
    if isinstance(value, float):
        text = f"{value:g}"
    else:
        text = str(value)
    if not unit:
        return text
    return f"{text}{unit}" if unit in ("°", "%") else f"{text} {unit}"


@dataclass(frozen=True)
class Slider:
    """A numeric parameter from ``lo`` to ``hi`` in steps of ``step``.

    ``static_step`` (a multiple of ``step``) makes the book's pre-rendered
    frames coarser than the live slider. ``label`` and ``unit`` default to ones
    read from the parameter name (``knee_flexion_deg`` -> "Knee flexion", "°").
    """

    lo: float
    hi: float
    step: float
    default: float | None = None
    static_step: float | None = None
    label: str | None = None
    unit: str | None = None

    def __post_init__(self):
        lo = check_number("lo", self.lo)
        hi = check_number("hi", self.hi)
        if not hi > lo:
            raise ValueError(f"slider range is empty: lo={lo:g} must be below hi={hi:g}")
        check_number("step", self.step, 0, None, lo_open=True)
        if self.step > (hi - lo) * (1 + 1e-9):
            raise ValueError(f"step={self.step:g} is larger than the range {lo:g} to {hi:g}")
        if self.static_step is not None:
            check_number("static_step", self.static_step, 0, None, lo_open=True)
            ratio = self.static_step / self.step
            if abs(ratio - round(ratio)) > 1e-9:
                raise ValueError(f"static_step={self.static_step:g} must be a whole multiple "
                                 f"of step={self.step:g}")
        if self.default is not None:
            check_number("default", self.default, lo, hi)

    def _grid(self, step: float) -> list[float]:
        n = int(math.floor((self.hi - self.lo) / step + 1e-9))
        values = [self._clean(self.lo + k * step) for k in range(n + 1)]
        if values[-1] < self.hi - 1e-9:
            values.append(self._clean(self.hi))
        return values

    def _clean(self, x: float):
        x = round(x, 10)
        if all(float(v).is_integer() for v in (self.lo, self.hi, self.step)) and float(x).is_integer():
            return int(x)
        return x

    @property
    def is_int(self) -> bool:
        return all(float(v).is_integer() for v in (self.lo, self.hi, self.step))

    def static_values(self) -> list:
        values = self._grid(self.static_step or self.step)
        if self.default is not None and self._clean(self.default) not in values:
            values = sorted(values + [self._clean(self.default)])
        return values

    def default_value(self):
        return self._clean(self.default) if self.default is not None else self._clean(self.lo)


@dataclass(frozen=True)
class Choice:
    """A discrete parameter: ``options`` is a list of values or of ``(label, value)`` pairs."""

    options: Sequence
    default: Any = None
    label: str | None = None

    def __post_init__(self):
        if len(self.options) == 0:
            raise ValueError("Choice needs at least one option; options=[] is empty")
        values = [v for _, v in self.pairs()]
        if len(set(map(repr, values))) != len(values):
            raise ValueError(f"Choice options must be distinct; got {values!r}")
        if self.default is not None and self.default not in values:
            raise ValueError(f"default={self.default!r} is not one of the options {values!r}")

    def pairs(self) -> list[tuple[str, Any]]:
        out = []
        for opt in self.options:
            if isinstance(opt, tuple) and len(opt) == 2:
                out.append((str(opt[0]), opt[1]))
            else:
                out.append((str(opt), opt))
        return out

    def static_values(self) -> list:
        return [v for _, v in self.pairs()]

    def default_value(self):
        return self.default if self.default is not None else self.pairs()[0][1]


@dataclass(frozen=True)
class Toggle:
    """An on/off parameter."""

    default: bool = False
    label: str | None = None

    def static_values(self) -> list:
        return [False, True]

    def default_value(self):
        return bool(self.default)


def as_control(name: str, spec) -> Slider | Choice | Toggle:
    if isinstance(spec, (Slider, Choice, Toggle)):
        return spec
    if isinstance(spec, bool):
        return Toggle(default=spec)
    if isinstance(spec, tuple) and len(spec) in (2, 3) and all(
        isinstance(v, (int, float)) and not isinstance(v, bool) for v in spec
    ):
        lo, hi, *rest = spec
        return Slider(lo, hi, rest[0] if rest else (hi - lo) / 10)
    if isinstance(spec, (list, tuple)):
        return Choice(list(spec))
    raise ValueError(
        f"{name}={spec!r} is not a parameter range: give (lo, hi, step) for a slider, "
        "a list of options for a choice, True/False for a toggle, or a Slider/Choice/Toggle"
    )


@dataclass(frozen=True)
class Param:
    name: str
    control: Slider | Choice | Toggle
    label: str
    unit: str

    def text(self, value) -> str:
        if isinstance(self.control, Choice):
            return next(lbl for lbl, v in self.control.pairs() if v == value)
        return format_value(value, self.unit)


