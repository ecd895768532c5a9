"""A week-by-week hip-strengthening plan for iliotibial band syndrome, and its safety rules.

Lesson 4 builds the plan; Lesson 6 reuses :data:`STRENGTH_MILESTONES` as the hip-strength
gates before a return to running (the drawing is :mod:`itband.figures.progression`).

What the plan borrows and what is its own:

* **The pain rules** are the course's one rule set, :mod:`itband.models.pain_monitoring`:
  the pain-monitoring model of Thomeé (patellofemoral pain), as Silbernagel and colleagues
  adapted it for Achilles tendinopathy. Its cut-offs are borrowed and untested in ITBS.
  The plan adds one rule of its own: it moves up only when every repetition kept the pelvis
  level (otherwise it holds).
* **The order of the phases** (hip loading, then strength, then single-leg work) follows the
  recovery phase of Fredericson & Weir's management review, which comes *after* an acute
  phase of load reduction and a subacute phase of band stretching and soft-tissue work. The
  plan's three phases, its levels and doses are the course's own; it leaves out the band
  stretching that the review recommends, because the band barely lengthens (Lesson 1).
* **The 20 % weekly limit**, the levels and the milestones are conventions, not tested
  thresholds.
* **The floor.** A plan cannot step back below level 1, its gentlest dose. When a week calls
  for a step back at level 1, or for a second step back in a row, the plan stops: stop the
  exercises and see a clinician (the decision ``"stop"``). Cutting an already gentle dose
  further is not treatment, and pain that the gentlest dose provokes needs a diagnosis.
"""
from __future__ import annotations

import textwrap
from dataclasses import dataclass

from ..course import evidence
from ..course.validate import check_choice, check_flag, check_int, check_number
from . import pain_monitoring
from .bands import BAND_COLOURS


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


_BEERS_N = evidence.fact("beers2008-n").part("value")
_BEERS_WEEKS = evidence.fact("beers2008-strength-gap").part("value")
_PAIN_CEILING = pain_monitoring.RULES[pain_monitoring.DEFAULT_RULES].during_max_0_10

#: Hip-strength milestones that close the plan and gate a return to running.
#:
#: These are the plan's own targets, set as conservative conventions; none is a validated
#: cut-off. Check them with :func:`milestones_met`.
STRENGTH_MILESTONES: tuple[Milestone, ...] = (
    Milestone("abductor_strength_symmetry_pct",
              "hip abductor strength of the painful side as a percentage of the other side",
              90.0, "%", ">=",
              f"convention; in Beers et al. 2008 ({_BEERS_N} patients, multimodal physiotherapy, no "
              f"control group) a non-significant side-to-side trend had gone by {_BEERS_WEEKS} weeks"),
    Milestone("single_leg_squat_reps",
              "slow single-leg squats in a row with a level pelvis and the knee over the foot",
              15.0, "repetitions", ">=", "convention"),
    Milestone("side_plank_hold_s",
              "side plank hold on the painful side with hips in line",
              45.0, "s", ">=", "convention"),
    Milestone("pain_during_exercise_0_10",
              "highest pain during the last week of exercise, settled by the next morning",
              3.0, "/10", "<=",
              f"convention, stricter than the {_PAIN_CEILING:g}/10 ceiling of the pain-monitoring "
              "rules (Silbernagel 2007, after Thomeé 1997), which are untested in ITBS"),
    Milestone("pain_free_walk_min",
              "brisk walking without lateral knee pain",
              30.0, "min", ">=", "convention used by return-to-run programmes"),
)


def describe_milestones(width: int = 78) -> str:
    """The milestones as plain text, one block per milestone, wrapped to ``width`` characters
    (20 to 200)."""
    width = check_int("width", width, 20, 200, "characters")
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
    if not isinstance(results, dict):
        raise TypeError(f"results must be a dict of milestone key -> number, got {type(results).__name__}")
    keys = [m.key for m in STRENGTH_MILESTONES]
    unknown = sorted(set(results) - set(keys), key=str)
    if unknown:
        raise ValueError(f"results has unknown milestone key(s) {unknown}; valid keys: {keys}")
    out = {}
    for m in STRENGTH_MILESTONES:
        if m.key not in results:
            out[m.key] = False
            continue
        value = check_number(f"results[{m.key!r}]", results[m.key])
        out[m.key] = value >= m.target if m.comparison == ">=" else value <= m.target
    return out


# --------------------------------------------------------------------------- the planner

#: The plan's own rule: weekly volume never rises by more than this percentage.
#: A conservative convention, not a tested threshold.
MAX_WEEKLY_INCREASE_PCT = 20.0

#: Sessions per week the plan assumes (the stretch may be done daily).
SESSIONS_PER_WEEK = 3

#: A step back to a level whose dose is not smaller than the week that failed cuts that
#: level's dose to this fraction of the failed week (the plan's own convention).
STEP_BACK_FRACTION = 2 / 3

#: What the plan can decide after a week: the pain rules' three decisions, and "stop".
DECISIONS = pain_monitoring.DECISIONS + ("stop",)

#: What "stop" means, in the words the plan prints.
STOP_ADVICE = "stop the exercises and see a physiotherapist or sports physician"

#: The phases, in order, with the reasoning behind each (the course's own division).
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
    pose: str | None = None   # the matching :mod:`itband.models.poses` exercise, if any


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
    "stretch": Move("Standing IT band stretch (optional)", None, counted=False, pose="standing_itb_stretch"),
}


@dataclass(frozen=True)
class Prescription:
    """One exercise in a session: ``sets`` x ``reps`` (or x ``hold_s`` seconds), per side."""

    move: str
    sets: int
    reps: int = 0
    hold_s: int = 0
    band: str | None = None

    def __post_init__(self):
        check_choice("move", self.move, list(MOVES))
        check_int("sets", self.sets, 1, 20)
        check_int("reps", self.reps, 0, 100)
        check_int("hold_s", self.hold_s, 0, 600, "s")
        if self.band is not None:
            check_choice("band", self.band, BAND_COLOURS)
        if MOVES[self.move].seconds_per_rep is None and self.reps:
            raise ValueError(f"reps={self.reps} given for {self.move!r}, which is a hold: give hold_s instead")

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
#: The plan's floor: it never steps back below this level (see the module docstring).
FLOOR_LEVEL = min(LEVELS)


def session_seconds(prescriptions) -> float:
    """Time under tension of one session, seconds (one side; the stretch not counted)."""
    try:
        items = list(prescriptions)
    except TypeError:
        raise TypeError(f"prescriptions must be a list of Prescription, got {type(prescriptions).__name__}") from None
    for p in items:
        if not isinstance(p, Prescription):
            raise TypeError(f"prescriptions must hold Prescription objects, got {type(p).__name__} {p!r}")
    return float(sum(p.seconds for p in items))


@dataclass(frozen=True)
class WeekReport:
    """What the runner reports at the end of a week.

    ``pain_during_0_10``: highest pain during the exercises (0-10);
    ``pain_next_morning_0_10``: pain the next morning (0 = settled; anything above 0 means it
    had not settled, as in :func:`itband.models.pain_monitoring.decide`);
    ``pelvis_level``: every repetition done with a level pelvis (no hip drop or hitch);
    ``rising``: pain or stiffness higher than the week before.
    """

    pain_during_0_10: float = 0.0
    pain_next_morning_0_10: float = 0.0
    pelvis_level: bool = True
    rising: bool = False

    def __post_init__(self):
        check_number("pain_during_0_10", self.pain_during_0_10, 0, 10, "/10")
        check_number("pain_next_morning_0_10", self.pain_next_morning_0_10, 0, 10, "/10")
        check_flag("pelvis_level", self.pelvis_level)
        check_flag("rising", self.rising)


def _check_report(report) -> WeekReport:
    if not isinstance(report, WeekReport):
        raise TypeError(f"report must be a WeekReport, got {type(report).__name__} {report!r}")
    return report


def decide(report: WeekReport, rules: str = pain_monitoring.DEFAULT_RULES) -> str:
    """``"progress"``, ``"hold"`` or ``"step back"`` for a week's report.

    The pain decides first, by :func:`itband.models.pain_monitoring.decide` with ``rules``.
    The plan then adds its own movement rule: a week whose pain allows progress but in which
    the pelvis did not stay level is repeated (``"hold"``). Whether a step back is possible is
    :func:`build_plan`'s business (at the floor it becomes ``"stop"``).
    """
    r = _check_report(report)
    check_choice("rules", rules, list(pain_monitoring.RULES))
    d = pain_monitoring.decide(r.pain_during_0_10, r.pain_next_morning_0_10, r.rising, rules)
    if d == "progress" and not r.pelvis_level:
        return "hold"
    return d


def reason(report: WeekReport, rules: str = pain_monitoring.DEFAULT_RULES) -> str:
    """Why :func:`decide` decided as it did, in one sentence."""
    r = _check_report(report)
    pain_says = pain_monitoring.reason(r.pain_during_0_10, r.pain_next_morning_0_10, r.rising, rules)
    if pain_says.startswith("progress") and not r.pelvis_level:
        return "hold: pain within the rules, but the pelvis did not stay level on every repetition"
    return pain_says


@dataclass(frozen=True)
class Week:
    """One week of the plan: what to do, and what the report at its end decided."""

    week: int
    level: int
    phase: int
    prescriptions: tuple[Prescription, ...]
    volume_s: float            # weekly time under tension, seconds (all sessions, one side)
    capped: bool               # True when the weekly limit (or a step back) trimmed the level's dose
    report: WeekReport
    decision: str              # one of DECISIONS
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
    """A whole plan: its weeks, the pain rules and the weekly limit used.

    ``weeks_planned`` is the length asked for; a plan that stopped (:attr:`stopped`) ends at
    the week that stopped it, so it has fewer weeks.
    """

    weeks: tuple[Week, ...]
    rules: str
    max_weekly_increase_pct: float
    sessions_per_week: int
    weeks_planned: int

    @property
    def stopped(self) -> bool:
        """True when the plan reached its floor: stop the exercises and see a clinician."""
        return bool(self.weeks) and self.weeks[-1].decision == "stop"

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
            then = (f"<strong>stop</strong>: {html.escape(STOP_ADVICE)}" if w.decision == "stop"
                    else f"<strong>{w.decision}</strong>")
            body.append(f"<tr><td>{w.week}</td><td>{w.level}<br><small>{phase}</small></td>"
                        f"<td><small>{ex}</small></td>"
                        f"<td>{w.volume_min:.1f}{'<br><small>(trimmed)</small>' if w.capped else ''}</td>"
                        f"<td>pain {w.report.pain_during_0_10:g}/10: {then}</td></tr>")
        stop = (f"<p><strong>The plan stopped after week {self.weeks[-1].week} of {self.weeks_planned}:</strong> "
                f"{html.escape(STOP_ADVICE)}.</p>" if self.stopped else "")
        return ('<div style="overflow-x:auto"><table class="itb-plan" style="font-size:0.9em"><caption>'
                f"Week-by-week plan ({self.sessions_per_week} sessions a week; pain rules: "
                f"{html.escape(self.rules)})</caption>"
                f"<thead>{head}</thead><tbody>{''.join(body)}</tbody></table></div>{stop}")

    def __repr__(self) -> str:
        return str(self)

    def __str__(self) -> str:
        lines = [f"{'wk':>2} {'lvl':>3} {'min':>5}  decision"]
        for w in self.weeks:
            lines.append(f"{w.week:>2} {w.level:>3} {w.volume_min:5.1f}  {w.reason}")
        if self.stopped:
            lines.append(f"The plan stopped after week {self.weeks[-1].week} of {self.weeks_planned}: "
                         f"{STOP_ADVICE}.")
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


def _check_reports(reports, n_weeks: int) -> dict[int, WeekReport]:
    if reports is None:
        return {}
    if not isinstance(reports, dict):
        raise TypeError(f"reports must be a dict of week -> WeekReport or pain (0-10), "
                        f"got {type(reports).__name__}")
    out = {}
    for wk, rep in reports.items():
        wk = check_int("reports week", wk, 1, n_weeks)
        if isinstance(rep, WeekReport):
            out[wk] = rep
        else:
            out[wk] = WeekReport(check_number(f"reports[{wk}] (pain_during_0_10)", rep, 0, 10, "/10"))
    return out


def build_plan(start_level: int = 1, weeks: int = 8, reports: dict | None = None, *,
               rules: str = pain_monitoring.DEFAULT_RULES,
               max_weekly_increase_pct: float = MAX_WEEKLY_INCREASE_PCT,
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
        ``{week: WeekReport}`` (or ``{week: pain_0_10}``, pain during with everything else
        fine) for the weeks that did not go smoothly; any other week counts as a smooth week:
        no pain, settled by the next morning, pelvis level.
    rules
        The pain rules of :mod:`itband.models.pain_monitoring`: ``"published"`` (the default:
        Silbernagel 2007 after Thomeé 1997) or ``"stop_at_onset"``.
    max_weekly_increase_pct
        The most the weekly volume may rise from one week to the next, % (default 20).
    sessions_per_week
        Sessions per week, 1 to 7.

    Rules: after each week, :func:`decide` says progress (one level up, trimmed so that the
    weekly volume rises by at most the limit), hold (repeat the week exactly) or step back
    (one level down, with less volume than the week that failed). A step back that would go
    below level 1, or a second step back in a row, becomes ``"stop"``: the plan ends there,
    and the runner should stop the exercises and see a clinician.
    """
    level = check_int("start_level", start_level, 1, TOP_LEVEL)
    n_weeks = check_int("weeks", weeks, 1, 12)
    check_choice("rules", rules, list(pain_monitoring.RULES))
    cap = check_number("max_weekly_increase_pct", max_weekly_increase_pct, 0, 100, "%")
    sessions = check_int("sessions_per_week", sessions_per_week, 1, 7)
    reports = _check_reports(reports, n_weeks)

    out: list[Week] = []
    prescriptions, capped = LEVELS[level][1], False
    last_decision = None
    for wk in range(1, n_weeks + 1):
        report = reports.get(wk, WeekReport())
        decision, why = decide(report, rules), reason(report, rules)
        if decision == "step back" and (level == FLOOR_LEVEL or last_decision == "step back"):
            where = "at level 1, the plan's floor" if level == FLOOR_LEVEL else "for the second week in a row"
            decision, why = "stop", f"stop: {why.partition(': ')[2]}, {where}"
        out.append(Week(wk, level, LEVELS[level][0], prescriptions,
                        session_seconds(prescriptions) * sessions, capped, report, decision, why))
        if decision == "stop":
            break
        prev_session_s = session_seconds(prescriptions)
        if decision == "progress":
            if level < TOP_LEVEL:
                level += 1
                prescriptions, capped = _trim(LEVELS[level][1], prev_session_s * (1 + cap / 100.0))
            else:
                capped = False  # stay at the top level: repeat it
        elif decision == "step back":
            level -= 1
            nominal = LEVELS[level][1]
            if session_seconds(nominal) < prev_session_s:
                prescriptions, capped = nominal, False
            else:  # the week that failed had been trimmed below this level's dose: cut it
                prescriptions, capped = _trim(nominal, prev_session_s * STEP_BACK_FRACTION)
        # hold: same prescriptions, same flag
        last_decision = decision
    return Plan(tuple(out), rules, cap, sessions, n_weeks)
