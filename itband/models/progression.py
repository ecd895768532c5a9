"""A week-by-week hip-strengthening plan for iliotibial band syndrome, and its safety rules.

Lesson 4 builds the plan; Lesson 6 reuses :data:`STRENGTH_MILESTONES` as the
hip-strength gates before a return to running.
"""
from __future__ import annotations

import textwrap
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Milestone:
    """One gate of the plan's last phase.

    ``key`` names the measurement, ``target`` is the value to reach (``unit``
    says in what), ``comparison`` is ``">="`` or ``"<="``, and ``basis`` says
    in words where the number comes from (a cited study or "convention").
    """

    key: str
    description: str
    target: float
    unit: str
    comparison: str
    basis: str   # where the number comes from, in words


#: Hip-strength milestones that close the plan and gate a return to running.
#:
#: These are the plan's own targets, set as conservative clinical conventions;
#: none is a validated cut-off. The pain rule follows the pain-monitoring model
#: of Silbernagel et al. 2007 (validated in Achilles tendinopathy, not ITBS);
#: the strength-symmetry target reflects Beers et al. 2008, where the
#: side-to-side abductor gap closed after 6 weeks of rehabilitation (the 90 %
#: figure itself is a convention).  Check them with :func:`milestones_met`.
STRENGTH_MILESTONES: tuple[Milestone, ...] = (
    Milestone("abductor_strength_symmetry_pct",
              "hip abductor strength of the painful side as a percentage of the other side",
              90.0, "%", ">=",
              "Beers et al. 2008 saw the side-to-side gap close in 6 weeks; 90 % is a convention"),
    Milestone("single_leg_squat_reps",
              "slow single-leg squats in a row with a level pelvis and the knee over the foot",
              15.0, "repetitions", ">=", "convention"),
    Milestone("side_plank_hold_s",
              "side plank hold on the painful side with hips in line",
              45.0, "s", ">=", "convention"),
    Milestone("pain_during_exercise_0_10",
              "highest pain during the last week of exercise, settled by the next morning",
              3.0, "/10", "<=",
              "pain-monitoring model of Silbernagel et al. 2007, tested in Achilles tendinopathy"),
    Milestone("pain_free_walk_min",
              "brisk walking without lateral knee pain",
              30.0, "min", ">=", "convention used by return-to-run programmes"),
)


def describe_milestones(width: int = 78) -> str:
    """The milestones as plain text, one block per milestone, wrapped to ``width`` characters."""
    blocks = []
    for m in STRENGTH_MILESTONES:
        unit = m.unit if m.unit.startswith("/") else " " + m.unit
        text = f"{m.description[0].upper()}{m.description[1:]}: {m.comparison} {m.target:g}{unit}"
        blocks.append(textwrap.fill(text, width)
                      + "\n" + textwrap.fill(f"basis: {m.basis}", width, initial_indent="    ",
                                             subsequent_indent="    "))
    return "\n".join(blocks)


def milestones_met(results: dict) -> dict[str, bool]:
    """Return ``{milestone key: met?}`` for the measurements in ``results``.

    ``results`` maps milestone keys (see :data:`STRENGTH_MILESTONES`) to
    numbers; a missing key counts as not met. Raises ``ValueError`` for keys
    that are not milestones.
    """
    keys = [m.key for m in STRENGTH_MILESTONES]
    unknown = sorted(set(results) - set(keys))
    if unknown:
        raise ValueError(f"results has unknown milestone key(s) {unknown}; valid keys: {keys}")
    out = {}
    for m in STRENGTH_MILESTONES:
        if m.key not in results:
            out[m.key] = False
            continue
        from ..course.validate import check_number
        value = check_number(f"results[{m.key!r}]", results[m.key])
        out[m.key] = value >= m.target if m.comparison == ">=" else value <= m.target
    return out


# --------------------------------------------------------------------------- the planner

from ..course.validate import check_choice, check_int, check_number  # noqa: E402

#: Pain-monitoring cut-offs on a 0-10 scale: (highest "safe" pain, highest "acceptable" pain).
#: "clinician" is the widely taught summary of Silbernagel et al. 2007 (<= 3 safe, 4-5
#: acceptable, > 5 too much); "original" is the figure as recalled from the paper
#: (0-2 safe, 2-5 acceptable, 5-10 high risk; not yet checked against the paper).
#: The model was tested in Achilles tendinopathy, not in iliotibial band syndrome.
PAIN_CUTOFFS = {"clinician": (3.0, 5.0), "original": (2.0, 5.0)}

#: The plan's own rule: weekly volume never rises by more than this percentage.
#: A conservative convention, not a tested threshold.
MAX_WEEKLY_INCREASE_PCT = 20.0

#: Sessions per week the plan assumes (the stretch may be done daily).
SESSIONS_PER_WEEK = 3

#: The phases, in order, with the reasoning behind each.
PHASES = {
    1: ("Isometric / low load", "calm the knee and wake up the hip abductors with holds and small ranges"),
    2: ("Strength", "build hip abductor and extensor strength with more reps, bands and full side planks"),
    3: ("Single-leg / running-specific", "control the pelvis on one leg, as in running, then add hopping"),
}


@dataclass(frozen=True)
class Move:
    """An exercise of the plan: ``seconds_per_rep`` is None for holds.

    ``counted`` is False for the stretch, which does not count as training volume.
    """

    name: str
    seconds_per_rep: float | None
    counted: bool = True
    pose: str | None = None   # the matching :mod:`itband.poses` exercise, if any


MOVES = {
    "bridge_hold": Move("Banded hip bridge, hold at the top", None, pose="banded_hip_bridge"),
    "bridge": Move("Banded hip bridge", 4.0, pose="banded_hip_bridge"),
    "single_leg_bridge": Move("Single-leg bridge", 4.0),
    "side_lying": Move("Side-lying hip abduction", 4.0, pose="side_lying_hip_abduction"),
    "side_lying_band": Move("Side-lying hip abduction, band at ankles", 4.0, pose="side_lying_hip_abduction"),
    "band_walk": Move("Lateral band walk (steps each way)", 2.0, pose="lateral_band_walk"),
    "side_plank_knees": Move("Side plank from the knees", None, pose="side_plank"),
    "side_plank": Move("Side plank", None, pose="side_plank"),
    "side_plank_lift": Move("Side plank with top-leg lift", 4.0, pose="side_plank"),
    "single_leg_squat": Move("Single-leg squat to a chair", 4.0),
    "step_down": Move("Step-down from a low step", 4.0),
    "hops": Move("Single-leg hops on the spot", 1.0),
    "stretch": Move("Standing IT band stretch", None, counted=False, pose="standing_itb_stretch"),
}


@dataclass(frozen=True)
class Prescription:
    """One exercise in a session: ``sets`` x ``reps`` (or x ``hold_s`` seconds), per side."""

    move: str
    sets: int
    reps: int = 0
    hold_s: int = 0
    band: str | None = None

    @property
    def seconds(self) -> float:
        """Time under tension per session, seconds (0 for the stretch)."""
        m = MOVES[self.move]
        if not m.counted:
            return 0.0
        return float(self.sets * (self.reps * m.seconds_per_rep if m.seconds_per_rep else self.hold_s))

    def dose(self) -> str:
        """``"3 x 12"`` or ``"3 x 20 s"``."""
        return f"{self.sets} x {self.reps}" if self.reps else f"{self.sets} x {self.hold_s} s"


def _p(move, sets, reps=0, hold_s=0, band=None):
    return Prescription(move, sets, reps, hold_s, band)


#: The ladder of levels: level -> (phase, prescriptions). Each level's volume is
#: at most 20 % above the one before, so a plan that goes well climbs one level a week.
LEVELS: dict[int, tuple[int, tuple[Prescription, ...]]] = {
    1: (1, (_p("bridge_hold", 5, hold_s=20, band="yellow"), _p("side_lying", 2, 10),
            _p("side_plank_knees", 3, hold_s=20), _p("stretch", 3, hold_s=30))),
    2: (1, (_p("bridge", 2, 12, band="yellow"), _p("side_lying", 2, 12),
            _p("side_plank_knees", 3, hold_s=30), _p("stretch", 3, hold_s=30))),
    3: (2, (_p("bridge", 3, 10, band="red"), _p("side_lying", 2, 12),
            _p("band_walk", 2, 20, band="yellow"), _p("side_plank", 2, hold_s=20), _p("stretch", 3, hold_s=30))),
    4: (2, (_p("bridge", 3, 12, band="red"), _p("side_lying", 3, 10),
            _p("band_walk", 2, 20, band="red"), _p("side_plank", 2, hold_s=25), _p("stretch", 3, hold_s=30))),
    5: (2, (_p("single_leg_bridge", 3, 8), _p("side_lying_band", 3, 12, band="red"),
            _p("band_walk", 3, 20, band="green"), _p("side_plank", 3, hold_s=30), _p("stretch", 3, hold_s=30))),
    6: (3, (_p("single_leg_squat", 3, 8), _p("step_down", 3, 8), _p("side_plank_lift", 3, 8),
            _p("band_walk", 3, 24, band="green"), _p("single_leg_bridge", 2, 12))),
    7: (3, (_p("single_leg_squat", 3, 10), _p("step_down", 3, 10), _p("side_plank_lift", 3, 10),
            _p("band_walk", 3, 24, band="blue"), _p("single_leg_bridge", 2, 12), _p("hops", 2, 10))),
    8: (3, (_p("single_leg_squat", 3, 12), _p("step_down", 3, 12), _p("side_plank_lift", 3, 12),
            _p("band_walk", 3, 30, band="blue"), _p("hops", 3, 15))),
}
TOP_LEVEL = max(LEVELS)


def session_seconds(prescriptions) -> float:
    """Time under tension of one session, seconds (one side; the stretch not counted)."""
    return float(sum(p.seconds for p in prescriptions))


@dataclass(frozen=True)
class WeekReport:
    """What the runner reports at the end of a week.

    ``pain_during_0_10``: highest pain during the exercises (0-10);
    ``settled_24h``: pain back to its usual level by the next morning;
    ``pelvis_level``: every repetition done with a level pelvis (no hip drop or hitch).
    """

    pain_during_0_10: float = 1.0
    settled_24h: bool = True
    pelvis_level: bool = True

    def __post_init__(self):
        check_number("pain_during_0_10", self.pain_during_0_10, 0, 10)


def decide(report: WeekReport, cutoffs: str = "clinician") -> str:
    """``"advance"``, ``"hold"`` or ``"step back"`` for a week's report.

    Advance only when pain during was in the safe band, it settled within
    24 h and every rep was done with a level pelvis. Step back when pain went
    above the acceptable band or did not settle. Otherwise hold.
    """
    check_choice("cutoffs", cutoffs, list(PAIN_CUTOFFS))
    safe, acceptable = PAIN_CUTOFFS[cutoffs]
    if report.pain_during_0_10 > acceptable or not report.settled_24h:
        return "step back"
    if report.pain_during_0_10 <= safe and report.pelvis_level:
        return "advance"
    return "hold"


def _reason(report: WeekReport, decision: str, cutoffs: str) -> str:
    safe, acceptable = PAIN_CUTOFFS[cutoffs]
    p = f"{report.pain_during_0_10:g}/10"
    if decision == "step back":
        if not report.settled_24h:
            return f"pain {p} and not settled by the next morning"
        return f"pain {p} is above {acceptable:g}/10"
    if decision == "advance":
        return f"pain {p} (safe: at most {safe:g}), settled, pelvis level"
    if report.pain_during_0_10 > safe:
        return f"pain {p} is acceptable (above {safe:g}, at most {acceptable:g}): repeat the week"
    return "the pelvis did not stay level: repeat the week"


@dataclass(frozen=True)
class Week:
    """One week of the plan: what to do, and what the report at its end decided."""

    week: int
    level: int
    phase: int
    prescriptions: tuple[Prescription, ...]
    volume_s: float            # weekly time under tension, seconds (all sessions, one side)
    capped: bool               # True when the weekly limit trimmed the level's dose
    report: WeekReport
    decision: str
    reason: str

    @property
    def volume_min(self) -> float:
        return self.volume_s / 60.0

    @property
    def bands(self) -> str:
        colours = [p.band for p in self.prescriptions if p.band]
        return ", ".join(dict.fromkeys(colours)) or "none"


@dataclass(frozen=True, repr=False)
class Plan:
    """A whole plan: its weeks, the cut-offs and the weekly limit used."""

    weeks: tuple[Week, ...]
    cutoffs: str
    max_weekly_increase_pct: float
    sessions_per_week: int

    def levels(self) -> list[int]:
        return [w.level for w in self.weeks]

    def volumes_min(self) -> list[float]:
        return [round(w.volume_min, 2) for w in self.weeks]

    def rows(self) -> list[dict]:
        """One dict per week, for a table."""
        return [{"week": w.week, "phase": PHASES[w.phase][0], "level": w.level,
                 "exercises": "; ".join(f"{MOVES[p.move].name} {p.dose()}" + (f" ({p.band})" if p.band else "")
                                        for p in w.prescriptions),
                 "volume_min": round(w.volume_min, 1), "capped": w.capped,
                 "pain": w.report.pain_during_0_10, "decision": w.decision} for w in self.weeks]

    def _repr_html_(self) -> str:
        import html
        head = ("<tr><th>Week</th><th>Level and phase</th><th>Exercises: sets x reps or holds (per side)</th>"
                "<th>Minutes of work</th><th>Report, then</th></tr>")
        body = []
        for w in self.weeks:
            ex = "<br>".join(html.escape(f"{MOVES[p.move].name}: {p.dose()}"
                                         + (f", {p.band} band" if p.band else ""))
                             for p in w.prescriptions)
            phase = html.escape(PHASES[w.phase][0])
            body.append(f"<tr><td>{w.week}</td><td>{w.level}<br><small>{phase}</small></td>"
                        f"<td><small>{ex}</small></td>"
                        f"<td>{w.volume_min:.1f}{'<br><small>(trimmed)</small>' if w.capped else ''}</td>"
                        f"<td>pain {w.report.pain_during_0_10:g}/10: <strong>{w.decision}</strong></td></tr>")
        return ('<table class="itb-plan" style="font-size:0.9em"><caption>Week-by-week plan '
                f"({self.sessions_per_week} sessions a week; pain cut-offs: {self.cutoffs})</caption>"
                f"<thead>{head}</thead><tbody>{''.join(body)}</tbody></table>")

    def __repr__(self) -> str:
        return str(self)

    def __str__(self) -> str:
        lines = [f"{'wk':>2} {'lvl':>3} {'min':>5}  decision"]
        for w in self.weeks:
            lines.append(f"{w.week:>2} {w.level:>3} {w.volume_min:5.1f}  {w.decision} ({w.reason})")
        return "\n".join(lines)


def _trim(prescriptions, limit_s_per_session: float) -> tuple[tuple[Prescription, ...], bool]:
    """Cut reps (1 at a time) or holds (5 s at a time) from the biggest item until under the limit."""
    items = list(prescriptions)
    trimmed = False
    while session_seconds(items) > limit_s_per_session + 1e-9:
        i = max(range(len(items)), key=lambda k: (items[k].seconds, -k))
        p = items[i]
        if p.reps > 1:
            items[i] = Prescription(p.move, p.sets, p.reps - 1, p.hold_s, p.band)
        elif p.hold_s > 5:
            items[i] = Prescription(p.move, p.sets, p.reps, p.hold_s - 5, p.band)
        elif p.sets > 1:
            items[i] = Prescription(p.move, p.sets - 1, p.reps, p.hold_s, p.band)
        else:
            break
        trimmed = True
    return tuple(items), trimmed


def build_plan(start_level: int = 1, weeks: int = 8, reports: dict | None = None, *,
               cutoffs: str = "clinician", max_weekly_increase_pct: float = MAX_WEEKLY_INCREASE_PCT,
               sessions_per_week: int = SESSIONS_PER_WEEK) -> Plan:
    """Build a week-by-week plan (deterministic: the same inputs give the same plan).

    Parameters
    ----------
    start_level
        Level of week 1, 1 to 8 (1-2 isometric/low load, 3-5 strength, 6-8 single-leg
        and running-specific).
    weeks
        Length of the plan, 1 to 12 weeks (6-8 is typical).
    reports
        ``{week: WeekReport}`` (or ``{week: pain_0_10}``) for the weeks that did
        not go smoothly; any other week counts as pain 1/10, settled, pelvis level.
    cutoffs
        ``"clinician"`` (safe <= 3/10) or ``"original"`` (safe <= 2/10); see :data:`PAIN_CUTOFFS`.
    max_weekly_increase_pct
        The most the weekly volume may rise from one week to the next, % (default 20).
    sessions_per_week
        Sessions per week, 1 to 7.

    Rules: after each week, advance one level, hold (repeat the week exactly),
    or step back one level, by :func:`decide`. When advancing would raise the
    weekly volume by more than the limit, the new level's reps and holds are
    trimmed until it does not.
    """
    level = check_int("start_level", start_level, 1, TOP_LEVEL)
    n_weeks = check_int("weeks", weeks, 1, 12)
    check_choice("cutoffs", cutoffs, list(PAIN_CUTOFFS))
    cap = check_number("max_weekly_increase_pct", max_weekly_increase_pct, 0, 100, "%")
    sessions = check_int("sessions_per_week", sessions_per_week, 1, 7)
    reports = dict(reports or {})
    for wk, rep in list(reports.items()):
        check_int("reports week", wk, 1, n_weeks)
        if not isinstance(rep, WeekReport):
            reports[wk] = WeekReport(check_number("pain_during_0_10", rep, 0, 10))

    out: list[Week] = []
    prescriptions, capped = LEVELS[level][1], False
    for wk in range(1, n_weeks + 1):
        report = reports.get(wk, WeekReport())
        decision = decide(report, cutoffs)
        out.append(Week(wk, level, LEVELS[level][0], prescriptions,
                        session_seconds(prescriptions) * sessions, capped, report, decision,
                        _reason(report, decision, cutoffs)))
        # next week
        prev_session_s = session_seconds(prescriptions)
        if decision == "advance":
            if level < TOP_LEVEL:
                level += 1
                prescriptions, capped = _trim(LEVELS[level][1], prev_session_s * (1 + cap / 100.0))
            else:
                capped = False  # stay at the top level: repeat it
        elif decision == "step back":
            lower = max(1, level - 1)
            nominal = LEVELS[lower][1]
            stepped_down, level = lower < level, lower
            if stepped_down and session_seconds(nominal) < prev_session_s:
                prescriptions, capped = nominal, False
            else:  # already at level 1 or the lower level is bigger: cut what was done by a third
                prescriptions, capped = _trim(prescriptions, prev_session_s * 2 / 3)
        # hold: same prescriptions, same flag
    return Plan(tuple(out), cutoffs, cap, sessions)
