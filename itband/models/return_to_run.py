"""A walk-run plan back to continuous running after iliotibial band syndrome.

The planner turns where a runner is now (minutes of brisk walking without lateral knee pain,
current exercise level) into a 4-8 week plan of walk-run sessions. Its figures and tables are
in :mod:`itband.figures.return_to_run`. What it borrows and what is its own:

* **Every other day, on level ground**: as in the return-to-running phase of Fredericson &
  Weir's 2006 management review, as its abstract states it (its full text was not read).
  That phase starts with *easy sprints*, avoids hills, and then raises frequency and
  intensity. The **walk-run format**, the **three sessions a week** and every number below are
  this course's own conventions, not the review's.
* **Entry.** About 30 minutes of pain-free brisk walking first (a convention of return-to-run
  programmes); a runner below that builds walking by 10 minutes a week. Under 10 minutes: no
  plan, see a clinician.
* **Increase limit.** Weekly running time never rises by more than ``max_weekly_increase_pct``
  (default 30 %) over the week before: a course convention, not a tested threshold. The first
  running week after a walking-only week starts at the entry level,
  :data:`START_RUN_MIN_PER_SESSION` per session.
* **Pain rules** (:func:`pain_decision`): the course's ONE pain rule set,
  :mod:`itband.models.pain_monitoring`, with its ``"stop_at_onset"`` rules for running
  (:data:`RUN_RULES`). The published pain-monitoring rules (Thomeé's, for patellofemoral pain,
  adapted by Silbernagel for Achilles tendinopathy) allow activity with pain up to 5/10; they
  were never tested in ITBS, where the pain comes from compressing an irritated, richly
  innervated tissue at every stride. So a run stops (and the runner walks home) when lateral
  knee pain starts: a week without pain moves on, a week in which pain started but had settled
  by the next morning is repeated, and pain the next morning, or pain rising week on week,
  steps back.
* **The floor.** The plan cannot step back below walking. When a week calls for a step back
  and there is nothing lower (a walking week), or for the second step back of the plan, it
  stops: stop running and see a clinician (:attr:`ReturnPlan.stopped`).
* **Hip-strength gates** from Lesson 4 (:data:`itband.models.progression.STRENGTH_MILESTONES`):
  before the first running week, before running more than half the target, and before
  continuous running.
* **End.** The last week is continuous running (one unbroken run per session), reached within
  the increase limit.

Times are minutes. The plan is a teaching model of common practice, not a prescription; anyone
whose pain does not settle should see a clinician.
"""
from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass, replace

from ..course.validate import check_choice, check_int, check_number
from . import pain_monitoring
from .progression import STRENGTH_MILESTONES, milestones_met

#: The pain rule set of :mod:`itband.models.pain_monitoring` used for running.
RUN_RULES = "stop_at_onset"
#: What the planner says when it stops.
STOP_ADVICE = ("Stop running and see a clinician (Lesson 5): the knee still hurts at the gentlest step of "
               "the plan, or the plan has had to step back twice.")

#: Exercise levels the planner knows, with a plain label.
EXERCISE_LEVELS = {
    "none": "no exercise since the pain began",
    "cross_training": "pain-free cycling, swimming or similar, 3+ times a week",
    "some_running": "short pain-free runs already",
}
#: Running minutes per session in the first running week, by exercise level.
START_RUN_MIN_PER_SESSION = {"none": 5.0, "cross_training": 8.0, "some_running": 12.0}
#: Minutes of continuous running per session that end the plan, by exercise level.
TARGET_CONTINUOUS_MIN = {"none": 20.0, "cross_training": 20.0, "some_running": 30.0}
#: Walk-run sessions per week (every other day).
SESSIONS_PER_WEEK = 3
#: Days of the week of the run sessions, strength sessions and rest.
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
RUN_DAYS = ("Mon", "Wed", "Fri")
STRENGTH_DAYS = ("Tue", "Thu")
#: Warm-up walk before every session, min (about 400-800 m at an easy 1.3 m/s is 5-10 min).
WARM_UP_WALK_MIN = 8.0
#: Pain-free brisk walking expected before running starts, min.
ENTRY_WALK_MIN = 30.0
#: Below this much pain-free walking the planner makes no plan (see a clinician), min.
MIN_WALK_FOR_PLAN_MIN = 10.0
#: Walking added per walk-build week, min.
WALK_BUILD_STEP_MIN = 10.0
#: Default and allowed limits on the week-to-week rise of running time, %.
DEFAULT_MAX_INCREASE_PCT = 30.0
MAX_INCREASE_RANGE_PCT = (10.0, 50.0)
#: Shortest and longest plan without setbacks, weeks.
PLAN_WEEKS_RANGE = (4, 8)

#: The three gates: (name, milestone keys of Lesson 4, when it is checked).
GATES = (
    ("Gate 1", ("pain_free_walk_min", "pain_during_exercise_0_10"), "before the first running week"),
    ("Gate 2", ("single_leg_squat_reps", "side_plank_hold_s"), "before running more than half the target"),
    ("Gate 3", ("abductor_strength_symmetry_pct",), "before continuous running"),
)
_MILESTONES = {m.key: m for m in STRENGTH_MILESTONES}


def gate_text(gate_index: int) -> str:
    """A short description of gate ``gate_index`` (0-2) from the Lesson 4 milestones."""
    name, keys, when = GATES[check_int("gate_index", gate_index, 0, len(GATES) - 1)]
    parts = []
    for k in keys:
        m = _MILESTONES.get(k)
        if m is not None:
            sign = "at least" if m.comparison == ">=" else "at most"
            parts.append(f"{m.description}: {sign} {m.target:g} {m.unit}".replace(" /10", "/10"))
    return f"{name} ({when}): " + "; ".join(parts)


@dataclass(frozen=True)
class PlanWeek:
    """One week of the plan. Times in minutes per session unless the name says week.

    ``kind`` is "walk" (walking only), "walk-run", "continuous", "hold"
    (a repeated week) or "step back". ``repeats`` x (``run_bout_min`` running
    + ``walk_bout_min`` walking) follows an ``WARM_UP_WALK_MIN`` walk.
    ``gate`` is the index of the strength gate checked before this week, or None.
    """

    week: int
    kind: str
    run_min_per_session: float
    repeats: int
    run_bout_min: float
    walk_bout_min: float
    walk_only_min: float = 0.0
    gate: int | None = None
    note: str = ""

    @property
    def weekly_run_min(self) -> float:
        """Running time in the week, min."""
        return SESSIONS_PER_WEEK * self.run_min_per_session

    @property
    def form(self) -> str:
        """How the session is run: "walk" (walking only), "non-stop" (one unbroken run) or "intervals"."""
        if self.kind == "walk" or self.run_min_per_session == 0:
            return "walk"
        if self.repeats == 1 and self.walk_bout_min == 0:
            return "non-stop"
        return "intervals"

    def _describe(self, style: str) -> str:
        times = dict(walk=_mmss(self.walk_only_min), run=_mmss(self.run_bout_min),
                     rest=_mmss(self.walk_bout_min), warm=_mmss(WARM_UP_WALK_MIN), n=self.repeats)
        return _SESSION_WORDING[style][self.form].format(**times)

    def session_text(self) -> str:
        """The session in words, e.g. "walk 8 min, then 5 x (run 1:36, walk 2:30)"."""
        return self._describe("sentence")

    def calendar_html(self) -> str:
        """The session for a calendar cell, on two or three short lines (HTML)."""
        return self._describe("calendar")

    def short_text(self) -> str:
        """The session in a few characters, for the calendar."""
        return self._describe("short")


#: How a session is written, by style and by :attr:`PlanWeek.form`.
_SESSION_WORDING = {
    "sentence": {"walk": "brisk walk {walk}",
                 "non-stop": "walk {warm}, then run {run} without a break",
                 "intervals": "walk {warm}, then {n} x (run {run}, walk {rest})"},
    "calendar": {"walk": "Walk<br>{walk}",
                 "non-stop": "Run<br>{run}<br>non-stop",
                 "intervals": "{n} &times;<br>{run} run<br>{rest} walk"},
    "short": {"walk": "Walk {walk}",
              "non-stop": "Run {run} non-stop",
              "intervals": "{n} x (run {run} / walk {rest})"},
}


@dataclass(frozen=True)
class ReturnPlan:
    """A plan: its weeks, the rule it keeps, and whether it reaches continuous running."""

    weeks: tuple[PlanWeek, ...]
    pain_free_walk_min: float
    exercise_level: str
    max_weekly_increase_pct: float
    target_continuous_min: float
    ready: bool = True
    complete: bool = True
    advice: str = ""
    stopped: bool = False       #: True when the plan stopped at its floor: see a clinician

    def weekly_run_minutes(self) -> list[float]:
        return [w.weekly_run_min for w in self.weeks]

    @property
    def n_weeks(self) -> int:
        return len(self.weeks)

    def ends_continuous(self) -> bool:
        """True when the last week is continuous running."""
        return bool(self.weeks) and self.weeks[-1].kind == "continuous"


def _mmss(minutes: float) -> str:
    """Minutes as m:ss (1.6 -> "1:36"), whole minutes as "8 min"."""
    total = int(round(minutes * 60))
    m, s = divmod(total, 60)
    return f"{m} min" if s == 0 else f"{m}:{s:02d}"


def _floor_half(x: float) -> float:
    """Round down to a half minute (with a little tolerance for float error)."""
    return math.floor(x * 2 + 1e-9) / 2


def _intervals(run_min: float) -> tuple[int, float, float]:
    """Split a session's running time into repeats x (run bout + walk bout), min.

    5 repeats up to 10 min of running, 4 up to 16, 3 up to 24, then 2; the walk
    bout shrinks as the run bout grows (4 min minus the bout, at least 1 min).
    """
    if run_min <= 10:
        n = 5
    elif run_min <= 16:
        n = 4
    elif run_min <= 24:
        n = 3
    else:
        n = 2
    bout = run_min / n
    walk = max(1.0, _floor_half(4.0 - bout))
    return n, bout, walk


def _run_week(week: int, run_min: float, kind: str = "walk-run", gate=None, note="") -> PlanWeek:
    n, bout, walk = _intervals(run_min)
    return PlanWeek(week, kind, run_min, n, bout, walk, gate=gate, note=note)


def _continuous_week(week: int, run_min: float, gate=None, note="") -> PlanWeek:
    return PlanWeek(week, "continuous", run_min, 1, run_min, 0.0, gate=gate, note=note)


def _check_level(exercise_level):
    return check_choice("exercise_level", exercise_level, list(EXERCISE_LEVELS))


def _check_limit(max_weekly_increase_pct):
    return check_number("max_weekly_increase_pct", max_weekly_increase_pct, *MAX_INCREASE_RANGE_PCT, "%")


def _gates_open(strength_results, walk_after_build: float) -> list[bool]:
    """Which gates are open: all, when no results are given (checkpoints on schedule)."""
    if strength_results is None:
        return [True] * len(GATES)
    if not isinstance(strength_results, dict):
        raise ValueError(f"strength_results={strength_results!r} is not a dict of Lesson 4 milestone "
                         f"results; valid keys: {list(_MILESTONES)}")
    results = dict(strength_results)
    results.setdefault("pain_free_walk_min", walk_after_build)
    met = milestones_met(results)
    return [all(met.get(k, False) for k in keys if k in _MILESTONES) for _, keys, _ in GATES]


def _ladder(first_week: int, start_run_min: float, target: float, limit_pct: float,
            gates_open: list[bool], *, max_week: int | None, first_is_entry: bool,
            prev_run_min: float | None) -> tuple[list[PlanWeek], bool]:
    """Weeks from ``start_run_min`` (per session) to continuous ``target`` within the limit.

    Returns the weeks and whether continuous running was reached (False when a
    closed gate stops the plan). ``max_week`` caps the last week number (the
    continuous week is then brought forward at whatever the limit allows).
    """
    factor = 1.0 + limit_pct / 100.0
    weeks: list[PlanWeek] = []
    week = first_week
    r = start_run_min
    if prev_run_min:
        r = min(r, _floor_half(prev_run_min * factor))
    passed_gate2 = r > target / 2
    gate_for_first = 0 if first_is_entry else None
    if first_is_entry and not gates_open[0]:
        return [PlanWeek(week, "hold", 0.0, 0, 0.0, 0.0, ENTRY_WALK_MIN, gate=0,
                         note="Hold: " + gate_text(0) + " (not met yet)")], False
    while True:
        # Continuous running next? Once the target is reached, or when the cap is close.
        reached = r >= target - 1e-9
        at_cap = max_week is not None and week >= max_week
        last = weeks[-1].run_min_per_session if weeks else prev_run_min
        if last and (reached or at_cap):
            c = min(target, _floor_half(last * factor))
            if not gates_open[2]:
                weeks.append(_run_week(week, last, kind="hold", gate=2,
                                       note="Hold: " + gate_text(2) + " (not met yet)"))
                return weeks, False
            weeks.append(_continuous_week(week, c, gate=2, note="Continuous running"))
            return weeks, True
        gate = gate_for_first
        gate_for_first = None
        if not passed_gate2 and r > target / 2:
            passed_gate2 = True
            gate = 1
            if not gates_open[1]:
                weeks.append(PlanWeek(week, "hold", weeks[-1].run_min_per_session if weeks else 0.0,
                                      *(_intervals(weeks[-1].run_min_per_session) if weeks else (0, 0.0, 0.0)),
                                      gate=1, note="Hold: " + gate_text(1) + " (not met yet)"))
                return weeks, False
        weeks.append(_run_week(week, r, gate=gate))
        week += 1
        r = min(target, _floor_half(r * factor))


def plan_return(pain_free_walk_min: float, exercise_level: str = "none",
                max_weekly_increase_pct: float = DEFAULT_MAX_INCREASE_PCT,
                strength_results: dict | None = None) -> ReturnPlan:
    """Build a walk-run plan back to continuous running (4-8 weeks without setbacks).

    Parameters
    ----------
    pain_free_walk_min
        Minutes of brisk walking possible now without lateral knee pain (0-600).
        Under 10: no plan (``ready`` False, see a clinician); 10-29: walking is
        built up by 10 minutes a week first; 30 or more: running starts in week 1.
    exercise_level
        One of :data:`EXERCISE_LEVELS`: "none", "cross_training", "some_running";
        sets the first week's running and the continuous target.
    max_weekly_increase_pct
        The plan's stated limit: weekly running time never rises by more than
        this (10-50 %, default 30) over the week before.
    strength_results
        Optional Lesson 4 milestone results (keys of
        :data:`itband.progression.STRENGTH_MILESTONES`). Without them the three
        gates are shown as checkpoints; with them, a gate not met holds the plan
        there (``complete`` False).
    """
    walk = check_number("pain_free_walk_min", pain_free_walk_min, 0, 600, "min")
    level = _check_level(exercise_level)
    limit = _check_limit(max_weekly_increase_pct)
    target = TARGET_CONTINUOUS_MIN[level]
    if walk < MIN_WALK_FOR_PLAN_MIN:
        return ReturnPlan((), walk, level, limit, target, ready=False, complete=False,
                          advice=f"Walking hurts within {MIN_WALK_FOR_PLAN_MIN:g} minutes: running is not "
                                 "the next step. See a clinician (Lesson 5).")
    weeks: list[PlanWeek] = []
    w = walk
    while w < ENTRY_WALK_MIN - 1e-9:
        w = min(ENTRY_WALK_MIN, w + WALK_BUILD_STEP_MIN)
        weeks.append(PlanWeek(len(weeks) + 1, "walk", 0.0, 0, 0.0, 0.0, walk_only_min=w,
                              note="Build pain-free brisk walking"))
    gates = _gates_open(strength_results, max(walk, w))
    run_weeks, complete = _ladder(len(weeks) + 1, START_RUN_MIN_PER_SESSION[level], target, limit, gates,
                                  max_week=PLAN_WEEKS_RANGE[1], first_is_entry=True, prev_run_min=None)
    weeks += run_weeks
    # Short plans are padded with a second continuous week to reach 4 weeks.
    while complete and len(weeks) < PLAN_WEEKS_RANGE[0]:
        last = weeks[-1]
        weeks.append(replace(last, week=last.week + 1, gate=None, note="Consolidate: same continuous run"))
    advice = "" if complete else "The plan holds at a strength gate until it is met (Lesson 4)."
    return ReturnPlan(tuple(weeks), walk, level, limit, target, ready=True, complete=complete, advice=advice)


def pain_decision(pain_during_run: float, pain_next_morning: float = 0.0, rising: bool = False) -> str:
    """"progress", "hold" or "step back" for a week of running, by the course's running rules.

    The rules are :mod:`itband.models.pain_monitoring`'s ``"stop_at_onset"`` set
    (:data:`RUN_RULES`): no pain during the runs and none the next morning -> progress; pain that
    started during a run (the run stops there) but had settled by the next morning -> hold; any
    pain the next morning, or pain rising week on week (``rising``) -> step back. Pain is on the
    0-10 scale.
    """
    during = check_number("pain_during_run", pain_during_run, 0, 10, "/10")
    morning = check_number("pain_next_morning", pain_next_morning, 0, 10, "/10")
    if not isinstance(rising, bool):
        raise TypeError(f"rising={rising!r} must be True or False")
    return pain_monitoring.decide(during, morning, rising, rules=RUN_RULES)


def _stopped(plan: ReturnPlan, done: list[PlanWeek], why: str) -> ReturnPlan:
    return replace(plan, weeks=tuple(done), complete=False, stopped=True, advice=f"{why} {STOP_ADVICE}")


def adapt_plan(plan: ReturnPlan, week: int, pain_during_run: float,
               pain_next_morning: float = 0.0, rising: bool = False) -> ReturnPlan:
    """The plan after the runner reports pain at the end of ``week``.

    Weeks 1..``week`` stay as they were. Then, by :func:`pain_decision`: progress -> the rest of
    the plan as before; hold -> ``week`` is repeated and the rest follows from it; step back ->
    the week before ``week`` is repeated (a walking week if ``week`` was the first running
    week) and the rest follows. The increase limit holds throughout; setbacks make the plan
    longer than 8 weeks if need be.

    **The floor**: a step back from a walking week (nothing is gentler), or a second step back
    in the same plan, stops the plan (``stopped`` True, no weeks after ``week``): stop running
    and see a clinician.
    """
    if not isinstance(plan, ReturnPlan):
        raise ValueError(f"plan={plan!r} is not a ReturnPlan; make one with plan_return()")
    if not plan.ready or not plan.weeks or plan.stopped:
        raise ValueError(f"plan has no weeks to adapt (ready={plan.ready}, stopped={plan.stopped}); "
                         "see its advice")
    wk = check_int("week", week, 1, plan.n_weeks)
    decision = pain_decision(pain_during_run, pain_next_morning, rising)
    done = list(plan.weeks[:wk])
    current = done[-1]
    report = f"pain {pain_during_run:g}/10 during, {pain_next_morning:g}/10 next morning"
    if decision == "progress":
        return plan
    if decision == "step back":
        if current.run_min_per_session == 0:
            return _stopped(plan, done, f"Week {wk} was walking only and still hurt ({report}).")
        if any(w.kind == "step back" for w in done):
            return _stopped(plan, done, f"A second step back after week {wk} ({report}).")
    if current.kind == "walk":
        # Walking hurt but settled by the morning: repeat the walking week.
        rest = [replace(current, week=wk + 1, kind="hold", note=f"Hold: walking was painful ({report})")]
        rest += [replace(w, week=w.week + 1) for w in plan.weeks[wk:]]
        return replace(plan, weeks=tuple(done + rest))
    limit = plan.max_weekly_increase_pct
    target = plan.target_continuous_min
    run_weeks = [w for w in done if w.run_min_per_session > 0]
    if decision == "hold":
        base = current.run_min_per_session
        label = f"Hold: repeat week {wk} ({report})"
    else:
        earlier = [w for w in run_weeks if w.week < wk and w.kind != "continuous"]
        base = earlier[-1].run_min_per_session if earlier else 0.0
        label = f"Step back to the week before ({report})"
    new: list[PlanWeek] = []
    if base == 0.0:
        new.append(PlanWeek(wk + 1, "hold" if decision == "hold" else "step back", 0.0, 0, 0.0, 0.0,
                            walk_only_min=ENTRY_WALK_MIN, note=label))
        tail, complete = _ladder(wk + 2, START_RUN_MIN_PER_SESSION[plan.exercise_level], target, limit,
                                 [True] * len(GATES), max_week=None, first_is_entry=False, prev_run_min=None)
    else:
        kind = "hold" if decision == "hold" else "step back"
        if current.kind == "continuous" and decision == "hold":
            new.append(replace(current, week=wk + 1, kind="continuous", note=label, gate=None))
        else:
            n, bout, walk = _intervals(base)
            new.append(PlanWeek(wk + 1, kind, base, n, bout, walk, note=label))
        factor = 1.0 + limit / 100.0
        nxt = min(target, _floor_half(base * factor))
        if current.kind == "continuous" and decision == "hold":
            tail, complete = [], True
        else:
            tail, complete = _ladder(wk + 2, nxt, target, limit, [True] * len(GATES), max_week=None,
                                     first_is_entry=False, prev_run_min=base)
    # Keep the gate checkpoints of the original plan where they fall first.
    gates_seen = {w.gate for w in done + new if w.gate is not None}
    tail = [replace(w, gate=None) if w.gate in gates_seen else w for w in tail]
    weeks = done + new + tail
    if weeks[-1].kind != "continuous" and complete:
        weeks.append(_continuous_week(weeks[-1].week + 1, min(target, weeks[-1].run_min_per_session)))
    return replace(plan, weeks=tuple(weeks), complete=complete)


#: The runner of the planner explorer.
EXAMPLE_RUNNER = dict(pain_free_walk_min=30.0, exercise_level="cross_training",
                      max_weekly_increase_pct=DEFAULT_MAX_INCREASE_PCT)


def example_plan() -> ReturnPlan:
    """The plan of :data:`EXAMPLE_RUNNER` (used by the explorer)."""
    return plan_return(**EXAMPLE_RUNNER)


# --------------------------------------------------------------------------- the plan as rows


def _check_plan(plan) -> "ReturnPlan":
    if not isinstance(plan, ReturnPlan):
        raise ValueError(f"plan={plan!r} is not a ReturnPlan; make one with plan_return()")
    return plan


def calendar_rows(plan: ReturnPlan) -> list[dict]:
    """One row per day of the plan: week, day, activity and the week's numbers (a stopped plan
    ends with one row that says so)."""
    _check_plan(plan)
    rows = []
    for w in plan.weeks:
        for day in DAYS:
            if day in RUN_DAYS:
                activity = w.session_text()
            elif day in STRENGTH_DAYS:
                activity = "hip strengthening (Lesson 4)"
            elif day == "Sat":
                activity = "rest or easy pain-free cross-training"
            else:
                activity = "rest"
            rows.append({
                "week": w.week, "day": day, "kind": w.kind, "activity": activity,
                "run_min_session": round(w.run_min_per_session, 2) if day in RUN_DAYS else 0,
                "weekly_run_min": round(w.weekly_run_min, 2),
                "gate_before_week": gate_text(w.gate) if (w.gate is not None and day == "Mon") else "",
                "note": w.note if day == "Mon" else "",
            })
    if plan.stopped:
        last = plan.weeks[-1].week if plan.weeks else 0
        rows.append({"week": last + 1, "day": "Mon", "kind": "stop", "activity": "no running",
                     "run_min_session": 0, "weekly_run_min": 0, "gate_before_week": "", "note": plan.advice})
    return rows


def plan_csv(plan: ReturnPlan) -> str:
    """The plan as CSV text, one row per day (see :func:`calendar_rows`)."""
    buf = io.StringIO()
    fields = ["week", "day", "kind", "activity", "run_min_session", "weekly_run_min",
              "gate_before_week", "note"]
    writer = csv.DictWriter(buf, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    for row in calendar_rows(plan):
        writer.writerow(row)
    return buf.getvalue()
