"""A walk-run plan back to continuous running after iliotibial band syndrome.

The planner turns where a runner is now (minutes of brisk walking without
lateral knee pain, current exercise level) into a 4-8 week plan of three
walk-run sessions a week, every other day, at an easy pace on level ground
(the return-to-running step of Fredericson & Weir 2006). Its rules:

* **Entry.** About 30 minutes of pain-free brisk walking is the usual
  prerequisite of return-to-run programmes; a runner below that first builds
  walking by 10 minutes a week. Under 10 minutes: no plan, see a clinician.
* **Increase limit.** Weekly running time never rises by more than
  ``max_weekly_increase_pct`` (default 30 %) over the week before. (Large jumps
  in weekly running were linked to injury in a Danish novice cohort, and
  weekly mileage was the training variable most linked to ITBS, Messier et
  al. 1995.) The first running week after a walking-only week starts at the
  entry level, which is at most :data:`START_RUN_MIN_PER_SESSION` per session.
* **Pain rules** (:func:`pain_decision`), after the pain-monitoring model of
  Silbernagel et al. 2007 (validated in Achilles tendinopathy, not in ITBS):
  pain during the run 0-3/10 and next morning 0-2/10 -> progress; during
  4-5 or next morning 3-4 -> repeat the week; during 6+ or next morning 5+
  -> step back to the week before. The next-morning response counts more.
* **Hip-strength gates** from Lesson 4 (:data:`itband.progression.STRENGTH_MILESTONES`):
  before the first running week, before running more than half the target,
  and before continuous running.
* **End.** The last week is continuous running (one unbroken run per
  session), reached within the increase limit.

Times are minutes. The plan is a teaching model of common practice, not a
prescription; anyone whose pain does not settle should see a clinician.
"""
from __future__ import annotations

import base64
import csv
import html
import io
import math
from dataclasses import dataclass, replace

from .course import style
from .models.progression import STRENGTH_MILESTONES, milestones_met
from .course.validate import check_choice, check_int, check_number
from .course.html import HtmlOutput

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
#: Pain thresholds on the 0-10 scale (see :func:`pain_decision`).
PAIN_DURING_PROGRESS_MAX = 3
PAIN_DURING_HOLD_MAX = 5
PAIN_MORNING_PROGRESS_MAX = 2
PAIN_MORNING_HOLD_MAX = 4

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

    def weekly_run_minutes(self) -> list[float]:
        return [w.weekly_run_min for w in self.weeks]

    @property
    def n_weeks(self) -> int:
        return len(self.weeks)

    def ends_continuous(self) -> bool:
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


def pain_decision(pain_during_run: float, pain_next_morning: float = 0.0) -> str:
    """Return "progress", "hold" or "step back" from pain on the 0-10 scale.

    During the run: 0-3 progress, 4-5 hold, 6-10 step back. Next morning
    (stricter, because the 24-hour response matters more): 0-2 progress,
    3-4 hold, 5-10 step back. The worse of the two decides.
    """
    during = check_number("pain_during_run", pain_during_run, 0, 10, "/10")
    morning = check_number("pain_next_morning", pain_next_morning, 0, 10, "/10")
    rank = {"progress": 0, "hold": 1, "step back": 2}

    def grade(p, ok, hold):
        return "progress" if p <= ok else ("hold" if p <= hold else "step back")

    a = grade(during, PAIN_DURING_PROGRESS_MAX, PAIN_DURING_HOLD_MAX)
    b = grade(morning, PAIN_MORNING_PROGRESS_MAX, PAIN_MORNING_HOLD_MAX)
    return a if rank[a] >= rank[b] else b


def adapt_plan(plan: ReturnPlan, week: int, pain_during_run: float,
               pain_next_morning: float = 0.0) -> ReturnPlan:
    """The plan after the runner reports pain at the end of ``week``.

    Weeks 1..``week`` stay as they were. Then, by :func:`pain_decision`:
    progress -> the rest of the plan as before; hold -> ``week`` is repeated
    and the rest follows from it; step back -> the week before ``week`` is
    repeated (a walking week if ``week`` was the first running week) and the
    rest follows. The increase limit holds throughout; setbacks make the plan
    longer than 8 weeks if need be.
    """
    if not isinstance(plan, ReturnPlan):
        raise ValueError(f"plan={plan!r} is not a ReturnPlan; make one with plan_return()")
    if not plan.ready or not plan.weeks:
        raise ValueError("plan has no weeks to adapt (ready=False); see its advice")
    wk = check_int("week", week, 1, plan.n_weeks)
    decision = pain_decision(pain_during_run, pain_next_morning)
    done = list(plan.weeks[:wk])
    current = done[-1]
    if decision == "progress" or current.kind == "walk":
        if decision != "progress" and current.kind == "walk":
            # Walking hurt: repeat the walking week.
            rest = [replace(current, week=wk + 1, kind="hold", note="Hold: walking was painful")]
            rest += [replace(w, week=w.week + 1) for w in plan.weeks[wk:]]
            return replace(plan, weeks=tuple(done + rest))
        return plan
    limit = plan.max_weekly_increase_pct
    target = plan.target_continuous_min
    run_weeks = [w for w in done if w.run_min_per_session > 0]
    if decision == "hold":
        base = current.run_min_per_session
        label = f"Hold: repeat week {wk} (pain {pain_during_run:g}/10 during, {pain_next_morning:g}/10 next morning)"
    else:
        earlier = [w for w in run_weeks if w.week < wk and w.kind != "continuous"]
        base = earlier[-1].run_min_per_session if earlier else 0.0
        label = (f"Step back to the week before (pain {pain_during_run:g}/10 during, "
                 f"{pain_next_morning:g}/10 next morning)")
    new: list[PlanWeek] = []
    if base == 0.0:
        new.append(PlanWeek(wk + 1, "step back", 0.0, 0, 0.0, 0.0, walk_only_min=ENTRY_WALK_MIN, note=label))
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


# --------------------------------------------------------------------------- outputs


def calendar_rows(plan: ReturnPlan) -> list[dict]:
    """One row per day of the plan: week, day, activity and the week's numbers."""
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


def csv_download_link(plan: ReturnPlan, filename: str = "return_to_run_plan.csv") -> HtmlOutput:
    """A link that saves the plan as a CSV file (a data URI: works live and in the static book)."""
    if not isinstance(filename, str) or not filename.endswith(".csv") or "/" in filename:
        raise ValueError(f"filename={filename!r} must be a plain file name ending in .csv")
    data = base64.b64encode(plan_csv(plan).encode("utf-8")).decode("ascii")
    n = plan.n_weeks
    link = (f'<p><a download="{html.escape(filename)}" href="data:text/csv;charset=utf-8;base64,{data}">'
            f'Download this {n}-week plan as CSV ({html.escape(filename)})</a></p>')
    return HtmlOutput(link, f"CSV download link: {filename}, {n} weeks, {n * 7} rows")


def calendar_table(plan: ReturnPlan) -> HtmlOutput:
    """The plan as a calendar: one row per week, one column per day, plus the week's numbers."""
    esc = html.escape
    if not plan.ready:
        return HtmlOutput(f"<p><strong>No plan yet.</strong> {esc(plan.advice)}</p>", plan.advice)
    head = ("<tr><th scope='col'>Week</th>" + "".join(f"<th scope='col'>{d}</th>" for d in DAYS)
            + "<th scope='col'>Run per week</th><th scope='col'>Change</th></tr>")
    body, text = [], []
    prev = None
    for w in plan.weeks:
        cells = [f"<th scope='row'>{w.week}<br><small>{esc(w.kind)}</small></th>"]
        for d in DAYS:
            if d in RUN_DAYS:
                cells.append(f"<td>{w.calendar_html()}</td>")
            elif d in STRENGTH_DAYS:
                cells.append("<td>Hip<br>strength</td>")
            elif d == "Sat":
                cells.append("<td>Rest or<br>cross-train</td>")
            else:
                cells.append("<td>Rest</td>")
        change = "" if not prev else f"{(w.weekly_run_min / prev - 1) * 100:+.0f}&nbsp;%"
        cells.append(f"<td>{_mmss(w.weekly_run_min) if w.weekly_run_min else '0 min'}</td><td>{change}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
        extra = []
        if w.gate is not None:
            extra.append(gate_text(w.gate))
        if w.note:
            extra.append(w.note)
        if extra:
            body.append(f"<tr class='itb-plan-note'><td></td><td colspan='9'><small>Week {w.week}: "
                        f"{esc('. '.join(extra))}</small></td></tr>")
        text.append(f"week {w.week} {w.kind}: {w.short_text()}, {w.weekly_run_min:g} min running")
        prev = w.weekly_run_min or None
    caption = (f"Return-to-running plan: {plan.n_weeks} weeks, starting from {plan.pain_free_walk_min:g} min "
               f"of pain-free walking ({EXERCISE_LEVELS[plan.exercise_level]}); weekly running never rises by "
               f"more than {plan.max_weekly_increase_pct:g} %. Every session starts with an "
               f"{WARM_UP_WALK_MIN:g}-minute walk.")
    table = (f"<div style='overflow-x:auto'><table class='itb-plan-table' style='font-size:0.85em'><caption>{esc(caption)}</caption>"
             f"<thead>{head}</thead><tbody>{''.join(body)}</tbody></table></div>")
    return HtmlOutput(table, caption + "\n" + "\n".join(text))


_KIND_STYLE = {
    "walk": dict(color="#FFFFFF", hatch="..", edgecolor=style.ROLE["muted"]),
    "walk-run": dict(color=style.PALETTE["sky"], hatch="", edgecolor="black"),
    "continuous": dict(color=style.PALETTE["blue"], hatch="", edgecolor="black"),
    "hold": dict(color=style.PALETTE["yellow"], hatch="//", edgecolor="black"),
    "step back": dict(color=style.PALETTE["vermillion"], hatch="xx", edgecolor="black"),
}


def _draw_plan_on(ax, plan: ReturnPlan, *, ghost: ReturnPlan | None = None, mark_week: int | None = None):
    factor = 1.0 + plan.max_weekly_increase_pct / 100.0
    xs = [w.week for w in plan.weeks]
    ys = [w.weekly_run_min for w in plan.weeks]
    if ghost is not None:
        ax.bar([w.week for w in ghost.weeks], [w.weekly_run_min for w in ghost.weeks], width=0.8,
               facecolor="none", edgecolor=style.ROLE["muted"], linestyle="--", linewidth=1.2,
               label="plan before the report", zorder=1)
    seen = set()
    for w in plan.weeks:
        st = _KIND_STYLE[w.kind]
        h = w.weekly_run_min if w.weekly_run_min > 0 else 1.5
        ax.bar(w.week, h, width=0.62, color=st["color"], hatch=st["hatch"], edgecolor=st["edgecolor"],
               linewidth=0.8, zorder=2, label=None if w.kind in seen else w.kind)
        seen.add(w.kind)
        if w.gate is not None:
            ax.text(w.week, 2.5, f"G{w.gate + 1}", ha="center", va="bottom", fontsize=9, fontweight="bold",
                    color=style.ROLE["text"],
                    bbox=dict(boxstyle="round,pad=0.15", facecolor="white", edgecolor="#444444"))
    # The limit: the most each week may reach, from the week before.
    lim_x, lim_y = [], []
    for prev, cur in zip(plan.weeks[:-1], plan.weeks[1:]):
        if prev.weekly_run_min > 0:
            lim_x.append(cur.week)
            lim_y.append(prev.weekly_run_min * factor)
    ax.plot(lim_x, lim_y, ls="none", marker="_", markersize=18, mew=2.2, color=style.PALETTE["vermillion"],
            label=f"limit: +{plan.max_weekly_increase_pct:g} % on the week before", zorder=3)
    if mark_week is not None:
        ax.axvline(mark_week + 0.5, color="black", lw=1.2, ls=":", zorder=0)
    top = max(ys + lim_y + [plan.target_continuous_min * SESSIONS_PER_WEEK]) * 1.25
    ax.set_ylim(0, top)
    ax.set_xlim(0.4, max(xs) + 0.6)
    ax.set_xticks(xs)
    ax.set_xlabel("Week")
    ax.set_ylabel("Running per week (min)")
    ax.legend(loc="upper left", fontsize=8.5, ncol=2)


def draw_plan(pain_free_walk_min: float = 30.0, exercise_level: str = "none",
              max_weekly_increase_pct: float = DEFAULT_MAX_INCREASE_PCT):
    """Bar chart of a plan's weekly running minutes, coloured and hatched by kind of week."""
    plan = plan_return(pain_free_walk_min, exercise_level, max_weekly_increase_pct)
    fig = style.new_figure(style.COLUMN_WIDTH_IN, 3.6)
    fig.set_layout_engine(None)
    ax = fig.add_axes((0.1, 0.14, 0.88, 0.74))
    if not plan.ready:
        ax.axis("off")
        ax.text(0.5, 0.5, plan.advice, ha="center", va="center", wrap=True, fontsize=11)
        return fig
    _draw_plan_on(ax, plan)
    fig.text(0.01, 0.975, f"From {pain_free_walk_min:g} min pain-free walking "
             f"({exercise_level.replace('_', ' ')}): {plan.n_weeks} weeks to "
             f"{_mmss(plan.weeks[-1].run_min_per_session)} non-stop", fontsize=11, va="top")
    return fig


#: The runner of the planner explorer.
EXAMPLE_RUNNER = dict(pain_free_walk_min=30.0, exercise_level="cross_training",
                      max_weekly_increase_pct=DEFAULT_MAX_INCREASE_PCT)


def example_plan() -> ReturnPlan:
    """The plan of :data:`EXAMPLE_RUNNER` (used by the explorer)."""
    return plan_return(**EXAMPLE_RUNNER)


def draw_adapted_plan(week: int = 2, pain_during_run: float = 0.0, pain_next_morning: float = 0.0):
    """The example runner's plan after reporting pain at the end of ``week``.

    Dashed outlines: the plan before the report; bars: the plan after it; the
    dotted line marks when the pain was reported.
    """
    base = example_plan()
    new = adapt_plan(base, week, pain_during_run, pain_next_morning)
    decision = pain_decision(pain_during_run, pain_next_morning)
    fig = style.new_figure(style.COLUMN_WIDTH_IN, 3.8)
    fig.set_layout_engine(None)
    ax = fig.add_axes((0.1, 0.13, 0.88, 0.7))
    _draw_plan_on(ax, new, ghost=base, mark_week=week)
    ax.set_xlim(0.4, max(new.n_weeks, base.n_weeks) + 0.6)
    ax.set_xticks(range(1, max(new.n_weeks, base.n_weeks) + 1))
    fig.text(0.01, 0.975, f"Pain after week {week}: {pain_during_run:g}/10 during the run, "
             f"{pain_next_morning:g}/10 next morning \u2192 {decision.upper()}", fontsize=11.5,
             fontweight="bold", va="top")
    fig.text(0.01, 0.905, f"Continuous running in week {new.n_weeks} (was week {base.n_weeks}); "
             f"weekly running never rises more than {base.max_weekly_increase_pct:g} %.",
             fontsize=10, va="top")
    return fig


def adapted_plan_alt(week: int = 2, pain_during_run: float = 0.0, pain_next_morning: float = 0.0) -> str:
    """Alt text for :func:`draw_adapted_plan`."""
    base = example_plan()
    new = adapt_plan(base, week, pain_during_run, pain_next_morning)
    decision = pain_decision(pain_during_run, pain_next_morning)
    mins = ", ".join(f"{w.weekly_run_min:g}" for w in new.weeks)
    return (f"Bar chart of weekly running minutes. With pain {pain_during_run:g}/10 during the run and "
            f"{pain_next_morning:g}/10 next morning after week {week}, the plan will {decision}: it now takes "
            f"{new.n_weeks} weeks (before: {base.n_weeks}) with weekly running of {mins} minutes, ending "
            f"with continuous running.")


def plan_alt(pain_free_walk_min: float = 30.0, exercise_level: str = "none",
             max_weekly_increase_pct: float = DEFAULT_MAX_INCREASE_PCT) -> str:
    """Alt text for :func:`draw_plan`."""
    plan = plan_return(pain_free_walk_min, exercise_level, max_weekly_increase_pct)
    if not plan.ready:
        return plan.advice
    mins = ", ".join(f"{w.weekly_run_min:g}" for w in plan.weeks)
    return (f"Bar chart of a {plan.n_weeks}-week return-to-running plan: weekly running of {mins} minutes, "
            f"never more than {max_weekly_increase_pct:g} % above the week before, with strength gates and a "
            f"last week of continuous running.")
