"""Measured running: knee flexion of real runners, from the public dataset of Fukuchi, Fukuchi &
Duarte (2017), and the impingement-zone statistics of their stance phases.

The data are in ``itband/data/fukuchi2017/`` unchanged, under the dataset's licence (CC BY 4.0;
attribution in that folder's README and on every page that shows them):

* :func:`knee_curves`: right-knee flexion (degrees) over one gait cycle (101 samples, 0 to 100 %
  from foot strike) of 23 runners at 2.5 m/s;
* :func:`processed`: every column of the two runners measured at 2.5, 3.5 and 4.5 m/s, with the
  vertical ground reaction force that marks stance;
* :func:`runners`: the metadata of all 28 runners (Ober test, hip abduction strength, injuries).

Stance. Where a ground reaction force exists, stance is the first unbroken run of samples with a
force, from foot strike (:func:`stance_end_pct`): force is empty in swing, and a file's last
sample (100 %, the next foot strike) may carry force again, so "the last force sample" is not
toe-off. The 23 curves at 2.5 m/s have no force; for them toe-off is
:data:`STANCE_PCT_2_5MS`, the mean stance of the two force-measured runners at the same speed
(a stated rule, tested against those two runners).

Zone. :func:`zone_stats` counts every pass of the knee through the zone during stance: on the
way into flexion after foot strike and again on the way out before toe-off.

Angles are degrees; gait-cycle positions are percent of the cycle.
"""
from __future__ import annotations

import csv
import functools
import math
from dataclasses import dataclass
from importlib import resources

import numpy as np

from ..course.validate import check_choice, check_flag, check_number, check_text
from .constants import IMPINGEMENT_ZONE_DEG

#: Where the data files are, inside the package.
DATA = ("itband.data", "fukuchi2017")
#: The speeds of the two fully processed runners (m/s), and their file suffixes.
SPEEDS_MPS = {2.5: "25", 3.5: "35", 4.5: "45"}
#: The two runners measured at all three speeds, with force.
PROCESSED_RUNNERS = ("RBDS001", "RBDS0041")
#: Samples per gait cycle (0, 1, ..., 100 %).
SAMPLES = 101


def _path(*parts: str):
    return resources.files(DATA[0]).joinpath(DATA[1], *parts)


#: The cell separators the data files use (``None``: any whitespace).
DELIMITERS = ("\t", ",", ";", " ", None)


def read_table(name: str, delimiter: str | None = "\t", skip_leading_empty: bool = False) -> tuple[list[str], np.ndarray]:
    """Header and rows of one data file as floats (empty cells are NaN).

    ``delimiter=None`` splits on any whitespace. A row with more or fewer cells than the header,
    or a cell that is not a number, raises ``ValueError`` naming the file, the line and what is
    wrong: the reader never guesses which column a short row has lost.
    """
    check_text("name", name, empty=False)
    check_choice("delimiter", delimiter, DELIMITERS)
    check_flag("skip_leading_empty", skip_leading_empty)
    path = _path(*name.split("/"))
    if not path.is_file():
        raise ValueError(f"name={name!r}: no such file in itband/data/fukuchi2017/")
    lines = [ln.rstrip("\r\n") for ln in path.read_text("utf-8").splitlines()]
    header = lines[0].split(delimiter) if delimiter else lines[0].split()
    rows = []
    for lineno, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        cells = line.split(delimiter) if delimiter else line.split()
        if skip_leading_empty and cells and cells[0] == "":
            cells = cells[1:]
        if len(cells) != len(header):
            raise ValueError(f"itband/data/fukuchi2017/{name}, line {lineno}: {len(cells)} cells, but the "
                             f"header has {len(header)} columns; the file is malformed")
        try:
            rows.append([float(c) if c.strip() else math.nan for c in cells])
        except ValueError:
            bad = next(c for c in cells if c.strip() and not _is_number(c))
            raise ValueError(f"itband/data/fukuchi2017/{name}, line {lineno}: {bad!r} is not a number") from None
    return header, np.array(rows, dtype=float)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


@functools.lru_cache(maxsize=None)
def knee_curves() -> dict[str, np.ndarray]:
    """Knee flexion (degrees, 101 samples over the gait cycle) of the 23 runners at 2.5 m/s,
    keyed ``RBDS01`` ... ``RBDS23`` (the order of ``info_both.csv``)."""
    out = {}
    for i in range(1, 24):
        name = f"RBDS{i:02d}"
        header, data = read_table(f"knee_curves_2.5ms/{name}angs.txt", delimiter="\t", skip_leading_empty=True)
        if data.shape[0] != SAMPLES:
            raise ValueError(f"itband/data/fukuchi2017/knee_curves_2.5ms/{name}angs.txt: "
                             f"{data.shape[0]} samples, expected {SAMPLES}")
        out[name] = data[:, header.index("knee_Z")]
    return out


@functools.lru_cache(maxsize=None)
def processed(runner: str) -> dict[str, np.ndarray]:
    """Every column (``RkneeAngZ35``, ``RgrfY25`` ...) of one of :data:`PROCESSED_RUNNERS`."""
    check_choice("runner", runner, PROCESSED_RUNNERS)
    header, data = read_table(f"{runner}processed.txt")
    return {col: data[:, i] for i, col in enumerate(header)}


def _speed_suffix(speed_mps: float) -> str:
    check_number("speed_mps", speed_mps, 2.5, 4.5, "m/s")
    if speed_mps not in SPEEDS_MPS:
        raise ValueError(f"speed_mps={speed_mps:g} is not one of the measured speeds "
                         f"{', '.join(f'{s:g}' for s in SPEEDS_MPS)} m/s")
    return SPEEDS_MPS[speed_mps]


def knee_curve(runner: str, speed_mps: float = 2.5, side: str = "R") -> np.ndarray:
    """Knee flexion (degrees, 101 samples) of a processed runner at one speed."""
    check_choice("runner", runner, PROCESSED_RUNNERS)  # before the cache, which needs a hashable value
    check_choice("side", side, ("R", "L"))
    return processed(runner)[f"{side}kneeAngZ{_speed_suffix(speed_mps)}"]


def stance_end_pct(runner: str, speed_mps: float = 2.5, side: str = "R") -> int:
    """Toe-off (percent of the gait cycle) of a processed runner: the last sample of the first
    unbroken run of vertical ground reaction force from foot strike."""
    check_choice("runner", runner, PROCESSED_RUNNERS)  # before the cache, which needs a hashable value
    check_choice("side", side, ("R", "L"))
    force = processed(runner)[f"{side}grfY{_speed_suffix(speed_mps)}"]
    if not np.isfinite(force[0]):
        raise ValueError(f"{runner}processed.txt: no force at foot strike for {side} at {speed_mps:g} m/s")
    gaps = np.where(~np.isfinite(force))[0]
    return int(gaps[0] - 1) if gaps.size else SAMPLES - 1


#: Toe-off (percent of the cycle) for the 23 runners measured at 2.5 m/s without force: the mean
#: stance of the two force-measured runners at that speed, right leg, rounded to a sample.
STANCE_PCT_2_5MS = int(round(np.mean([stance_end_pct(r, 2.5) for r in PROCESSED_RUNNERS])))


@dataclass(frozen=True)
class ZoneStats:
    """How one stance phase meets the impingement zone."""

    foot_strike_deg: float      #: knee flexion at foot strike
    peak_stance_deg: float      #: the most knee flexion during stance
    stance_share: float         #: share of stance (0-1) with the knee inside the zone
    passes: int                 #: times the knee passes through the zone during stance
    entries: int                #: times it enters the zone (from below or above) during stance


def zone_stats(curve_deg, stance_end: int, zone_deg: tuple[float, float] = IMPINGEMENT_ZONE_DEG) -> ZoneStats:
    """Zone statistics of the stance part (samples 0 ... ``stance_end``) of a knee-flexion curve.

    The share is measured on the curve interpolated linearly between samples (1000 points per
    sample interval), so a brief pass is not lost between two samples. A *pass* is a crossing of
    the whole zone (from below 20° to above 30°, or back); an *entry* is any move into it. A
    stance that starts inside the zone enters it at foot strike.
    """
    k = np.asarray(curve_deg, dtype=float)
    if k.ndim != 1 or k.size < 2 or not np.all(np.isfinite(k)):
        raise ValueError("curve_deg must be a one-dimensional series of finite angles (degrees)")
    n = int(check_number("stance_end", stance_end, 1, k.size - 1))
    lo, hi = float(check_number("zone_deg[0]", zone_deg[0], 0, 180)), float(check_number("zone_deg[1]", zone_deg[1], 0, 180))
    if not lo < hi:
        raise ValueError(f"zone_deg={zone_deg!r}: the lower bound must be below the upper one")
    stance = k[: n + 1]
    fine = np.interp(np.linspace(0, n, n * 1000 + 1), np.arange(n + 1), stance)
    inside = (fine >= lo) & (fine <= hi)
    region = np.where(fine < lo, -1, np.where(fine > hi, 1, 0))
    entries = int(inside[0]) + int(np.sum(inside[1:] & ~inside[:-1]))
    passes, last_outside = 0, None
    for r in region:
        if r != 0:
            if last_outside is not None and r != last_outside:
                passes += 1
            last_outside = r
    return ZoneStats(float(stance[0]), float(stance.max()), float(inside.mean()), passes, entries)


def cohort_stats(zone_deg: tuple[float, float] = IMPINGEMENT_ZONE_DEG) -> dict[str, ZoneStats]:
    """:func:`zone_stats` of every one of the 23 runners at 2.5 m/s (toe-off at
    :data:`STANCE_PCT_2_5MS`)."""
    return {name: zone_stats(curve, STANCE_PCT_2_5MS, zone_deg) for name, curve in knee_curves().items()}


def spread(values) -> tuple[float, float, float, float]:
    """Mean, SD (n - 1), minimum and maximum of a set of values."""
    v = np.asarray(list(values), dtype=float)
    if v.size < 2:
        raise ValueError("spread needs at least two values")
    return float(v.mean()), float(v.std(ddof=1)), float(v.min()), float(v.max())


@functools.lru_cache(maxsize=None)
def runners() -> list[dict]:
    """One row per runner of ``RBDSinfo.txt`` (the rows of its ``...static.txt`` files), as text."""
    path = _path("RBDSinfo.txt")
    rows = list(csv.reader(path.read_text("utf-8").splitlines(), delimiter="\t"))
    header = rows[0]
    out = []
    for lineno, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise ValueError(f"itband/data/fukuchi2017/RBDSinfo.txt, line {lineno}: {len(row)} cells, "
                             f"but the header has {len(header)} columns")
        record = dict(zip(header, row))
        if record["FileName"].endswith("static.txt"):
            out.append(record)
    return out


def runner_values(column: str) -> np.ndarray:
    """A numeric column of :func:`runners` (e.g. ``ROber``), one value per runner (NaN if blank)."""
    rows = runners()
    check_choice("column", column, list(rows[0]))
    out = []
    for r in rows:
        text = r[column].strip()
        try:
            out.append(float(text) if text else math.nan)
        except ValueError:
            raise ValueError(f"column={column!r} is not numeric (runner {r['Subject']}: {text!r})") from None
    return np.array(out)
