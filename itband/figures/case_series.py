"""Drawings of Lesson 8's case-series simulation (:mod:`itband.models.case_series`): each
``draw_*`` function beside the alt text built from the same simulated numbers."""
from __future__ import annotations

import functools
import math
import re

import numpy as np

from ..course.validate import check_choice, check_flag, check_number
from ..models import case_series as cs

#: Study sizes the explorer offers (runners enrolled).
SIZES = (10, 24, 100, 400)
#: Treatment effects the explorer offers (points lower on the 0-10 scale at follow-up).
EFFECTS = (0.0, 1.0, 2.0)
#: Study sizes along the sample-size figure.
SIZE_STEPS = (10, 16, 24, 50, 100, 200, 400)
#: Follow-up of every figure, weeks (the length of the programmes of Fredericson 2000 and Beers 2008).
FOLLOW_UP_WEEKS = 6.0
#: One fixed set of simulated runners for every frame.
SEED = 7
#: Runners drawn as lines in the slope chart (the mean uses all of them).
MAX_LINES = 60
_Z95 = 1.96


def _signed(x: float, digits: int = 1) -> str:
    """``+1.2``, ``-3.9``, and ``0`` (never ``-0``)."""
    text = f"{x:+.{digits}f}"
    return "0" if float(text) == 0 else text


def _check(n_runners, treatment_effect_0_10):
    check_choice("n_runners", n_runners, SIZES)
    return check_number("treatment_effect_0_10", treatment_effect_0_10, 0, 5, "/10")


@functools.lru_cache(maxsize=64)
def _study(n_runners: int, treatment_effect_0_10: float, controlled: bool) -> cs.Study:
    return cs.simulate(n_runners, FOLLOW_UP_WEEKS, treatment_effect_0_10, controlled, seed=SEED)


@functools.lru_cache(maxsize=1)
def _natural() -> float:
    return cs.natural_change(FOLLOW_UP_WEEKS)


def _ci(values: np.ndarray) -> float:
    return _Z95 * values.std(ddof=1) / math.sqrt(values.size) if values.size > 1 else float("nan")


def summary(n_runners: int = 24, treatment_effect_0_10: float = 0.0, show_control: bool = False) -> dict:
    """The numbers the figure shows: mean change of the treated arm (and control arm), their 95 %
    half-widths, the effect estimate and the natural change (recovery + regression to the mean)."""
    effect = _check(n_runners, treatment_effect_0_10)
    s = _study(n_runners, effect, check_flag("show_control", show_control))
    ch = s.change_0_10
    out = {"n": s.n, "n_treated": int(s.treated.sum()), "before": float(s.before_0_10[s.treated].mean()),
           "treated_change": s.mean_change("treated"), "treated_ci": _ci(ch[s.treated]),
           "natural": _natural(), "effect": effect}
    if show_control:
        ctl = ch[~s.treated]
        out.update(control_change=s.mean_change("control"), control_ci=_ci(ctl),
                   estimate=s.effect_estimate(),
                   estimate_ci=_Z95 * math.sqrt(ch[s.treated].var(ddof=1) / s.treated.sum()
                                                + ctl.var(ddof=1) / ctl.size))
    return out


def draw_case_series(n_runners: int = 24, treatment_effect_0_10: float = 0.0, show_control: bool = False):
    """Left: each enrolled runner's pain at the first visit and at week 6 (treated solid, control
    dashed) with the arm means. Right: what the study reports, with 95 % intervals, against the
    treatment's true effect."""
    from matplotlib.collections import LineCollection

    from ..course.style import PALETTE, ROLE, new_figure

    sm = summary(n_runners, treatment_effect_0_10, show_control)
    s = _study(n_runners, sm["effect"], bool(show_control))
    fig = new_figure(7.0, 3.9, layout=None)
    ax = fig.add_axes((0.08, 0.13, 0.36, 0.7))
    arms = [("treated", s.treated, PALETTE["blue"], "-", "o")]
    if show_control:
        arms.append(("no treatment", ~s.treated, PALETTE["orange"], "--", "s"))
    for k, (label, mask, colour, ls, marker) in enumerate(arms):
        x0, x1 = (0.0, 1.0) if not show_control else (-0.04 + 0.08 * k, 0.96 + 0.08 * k)
        b, a = s.before_0_10[mask], s.after_0_10[mask]
        segs = np.stack([np.column_stack([np.full(b.size, x0), b]), np.column_stack([np.full(a.size, x1), a])], axis=1)
        ax.add_collection(LineCollection(segs[:MAX_LINES], colors=colour, linewidths=0.7, linestyles=ls, alpha=0.45))
        ax.plot([x0, x1], [b.mean(), a.mean()], color=colour, ls=ls, lw=2.6, marker=marker, markersize=7,
                markeredgecolor="black", label=f"{label}: mean", zorder=4)
    if s.history.entry_pain_0_10 is not None:
        ax.axhline(s.history.entry_pain_0_10, color=ROLE["muted"], lw=0.8, ls=":")
        ax.text(-0.22, s.history.entry_pain_0_10 + 0.15, f"entry: {s.history.entry_pain_0_10:g}/10 or more",
                fontsize=7.5, ha="left", color=ROLE["muted"], zorder=5,
                bbox=dict(boxstyle="square,pad=0.1", fc="white", ec="none", alpha=0.85))
    ax.set_xlim(-0.25, 1.25)
    ax.set_ylim(0, 10.4)
    ax.set_xticks([0, 1])
    ax.set_xticklabels(["First visit", f"Week {FOLLOW_UP_WEEKS:g}"])
    ax.set_ylabel("Pain (0-10)")
    ax.legend(loc="lower left", fontsize=7.5)
    design = "randomised trial" if show_control else "case series (everyone treated)"
    fig.text(0.08, 0.9, f"{sm['n']} runners, {design}", fontsize=10, va="bottom")

    rx = fig.add_axes((0.7, 0.13, 0.27, 0.7))
    rows = [("Case series:\nchange, treated" if not show_control else "Treated arm:\nchange",
             sm["treated_change"], sm["treated_ci"], PALETTE["blue"], "o")]
    if show_control:
        rows.append(("Control arm:\nchange", sm["control_change"], sm["control_ci"], PALETTE["orange"], "s"))
        rows.append(("Trial answer:\ntreated - control", sm["estimate"], sm["estimate_ci"], PALETTE["green"], "D"))
    for i, (label, mean, half, colour, marker) in enumerate(rows):
        y = len(rows) - i
        rx.errorbar([mean], [y], xerr=[[half], [half]], fmt=marker, color=colour, markeredgecolor="black",
                    markersize=8, capsize=4, lw=1.6)
        rx.text(-0.04, y, label, fontsize=8, va="center", ha="right", transform=rx.get_yaxis_transform())
        rx.text(mean, y + 0.28, _signed(mean), fontsize=8, ha="center", va="bottom")
    true = -sm["effect"]
    rx.axvline(true, color=ROLE["warn"], lw=1.4, ls="-.")
    rx.text(true - 0.1, 0.35, f"true effect {_signed(true, 0)}", color=ROLE["warn"],
            fontsize=7.5, ha="right", va="bottom")
    rx.axvline(0, color="#333333", lw=0.6)
    rx.set_xlim(-7, 2)
    rx.set_ylim(0.2, len(rows) + 0.8)
    rx.set_yticks([])
    rx.spines["left"].set_visible(False)
    rx.set_xticks([-6, -4, -2, 0, 2])
    rx.set_xlabel("Change in pain (points)")
    fig.text(0.55, 0.9, "What the study reports (95 % interval)", fontsize=10, va="bottom")
    return fig


def case_series_alt(n_runners: int = 24, treatment_effect_0_10: float = 0.0, show_control: bool = False) -> str:
    """Alt text of :func:`draw_case_series`, from the same simulated numbers."""
    sm = summary(n_runners, treatment_effect_0_10, show_control)
    eff = "a useless treatment (true effect 0)" if not sm["effect"] else \
        f"a treatment that truly lowers pain by {sm['effect']:g} point{'s' if sm['effect'] != 1 else ''}"
    entry = _study(n_runners, sm["effect"], bool(show_control)).history.entry_pain_0_10
    text = (f"Simulated study of {sm['n']} runners enrolled at a pain of {entry:g}/10 or more and given {eff}. "
            f"Treated runners' mean pain falls from {sm['before']:.1f} to "
            f"{sm['before'] + sm['treated_change']:.1f} by week {FOLLOW_UP_WEEKS:g}, a change of "
            f"{_signed(sm['treated_change'])} (95 % interval ±{sm['treated_ci']:.1f}); untreated, runners like "
            f"these change by about {_signed(sm['natural'])} through recovery and regression to the mean.")
    if show_control:
        text += (f" The untreated control arm changes by {_signed(sm['control_change'])}, so the trial's answer, "
                 f"treated minus control, is {_signed(sm['estimate'])} (±{sm['estimate_ci']:.1f}), "
                 f"against a true effect of {_signed(-sm['effect'], 0)}.")
    else:
        text += " Without a control group the series cannot tell this change from the treatment's effect."
    return text


@functools.lru_cache(maxsize=8)
def _spreads(treatment_effect_0_10: float) -> tuple[tuple[cs.Spread, ...], tuple[cs.Spread, ...]]:
    series = tuple(cs.repeat_studies(n, 200, FOLLOW_UP_WEEKS, treatment_effect_0_10, False, seed=3)
                   for n in SIZE_STEPS)
    trials = tuple(cs.repeat_studies(n, 200, FOLLOW_UP_WEEKS, treatment_effect_0_10, True, seed=4)
                   for n in SIZE_STEPS)
    return series, trials


def draw_sample_size(treatment_effect_0_10: float = 0.0):
    """What 200 repeated studies of each size report: the middle 95 % of case-series changes and
    of trial estimates, against the true effect, for 10 to 400 runners."""
    from ..course.style import PALETTE, PHONE_WIDTH_IN, ROLE, axes_at, new_figure, on_phone

    effect = check_choice("treatment_effect_0_10",
                          check_number("treatment_effect_0_10", treatment_effect_0_10, 0, 5, "/10"), EFFECTS)
    series, trials = _spreads(effect)
    phone = on_phone()  # the title on two lines, the key under the chart
    fig = new_figure(PHONE_WIDTH_IN if phone else 7.0, 4.7 if phone else 3.6, layout=None)
    ax = axes_at(fig, 0.65, 0.55, 3.65, 2.85) if phone else fig.add_axes((0.1, 0.15, 0.86, 0.72))
    x = np.array(SIZE_STEPS, float)
    for spreads, colour, marker, ls, label, dx in (
            (series, PALETTE["blue"], "o", "-", "case series: mean change", 0.97),
            (trials, PALETTE["green"], "D", "--", "randomised trial: treated - control", 1.03)):
        mid = np.array([s.mean for s in spreads])
        lo = np.array([s.low for s in spreads])
        hi = np.array([s.high for s in spreads])
        ax.errorbar(x * dx, mid, yerr=[mid - lo, hi - mid], fmt=marker, ls=ls, color=colour,
                    markeredgecolor="black", capsize=3, lw=1.4, label=label)
    ax.axhline(-effect, color=ROLE["warn"], lw=1.4, ls="-.", label=f"true effect ({_signed(-effect, 0)})")
    ax.axhline(0, color="#333333", lw=0.6)
    ax.set_xscale("log")
    ax.set_xticks(x)
    ax.set_xticklabels([str(n) for n in SIZE_STEPS])
    ax.minorticks_off()
    ax.set_xlabel("Runners per study")
    ax.set_ylabel("Reported change (points)")
    ax.set_ylim(-7, 3)
    title = "200 simulated studies of each size: middle 95 % of their answers"
    if phone:
        ax.legend(loc="upper left", bbox_to_anchor=(-0.17, -0.17), fontsize=8, borderaxespad=0)
        fig.text(0.02, 1 - 0.1 / fig.get_figheight(), title.replace(": ", ":\n"), fontsize=10, va="top")
    else:
        ax.legend(loc="lower right", fontsize=8)
        fig.text(0.1, 0.9, title, fontsize=10, va="bottom")
    return fig


def sample_size_alt(treatment_effect_0_10: float = 0.0) -> str:
    """Alt text of :func:`draw_sample_size`, from the same simulated studies."""
    effect = check_choice("treatment_effect_0_10",
                          check_number("treatment_effect_0_10", treatment_effect_0_10, 0, 5, "/10"), EFFECTS)
    series, trials = _spreads(effect)
    s0, s1, t0, t1 = series[0], series[-1], trials[0], trials[-1]
    f = _signed
    return (f"Repeated simulated studies, true effect {f(-effect, 0)} points. Case series report a mean "
            f"change near {f(s1.mean)} at every size: with {s0.n_runners} runners their middle 95 % runs "
            f"from {f(s0.low)} to {f(s0.high)}, with {s1.n_runners} from {f(s1.low)} to {f(s1.high)}, "
            f"narrower but still far from the true effect. Randomised trials centre on the true effect: "
            f"from {f(t0.low)} to {f(t0.high)} with {t0.n_runners} runners, and from {f(t1.low)} to "
            f"{f(t1.high)} with {t1.n_runners}.")


#: The studies of the design table, in the order the lesson discusses them.
DESIGN_TABLE_STUDIES = ("fredericson2000", "beers2008", "mckay2020", "ferber2010", "noehren2007",
                        "hamill2008", "kendall2013", "pohl2015")


def design_table(keys: tuple[str, ...] = DESIGN_TABLE_STUDIES):
    """An HTML table of studies from the evidence registry: design, n and Oxford CEBM level."""
    import html

    from ..course import evidence
    from ..course.html import HtmlOutput

    if isinstance(keys, str) or not keys:
        raise ValueError(f"keys={keys!r} must be a non-empty sequence of study keys")
    studies = [evidence.study(k) for k in keys]
    head = ("<tr><th scope='col'>Study</th><th scope='col'>Design</th><th scope='col'>n</th>"
            "<th scope='col'>CEBM level</th></tr>")
    def name(key: str) -> str:
        m = re.match(r"^([a-z]+)(\d{4})", key)
        return f"{m.group(1).capitalize()} {m.group(2)}" if m else key

    rows, lines = [], []
    for s in studies:
        n = "not stated" if s.n is None else str(s.n)
        rows.append(f"<tr><th scope='row'>{html.escape(name(s.key))}</th><td>{html.escape(s.design)}</td>"
                    f"<td>{n}</td><td>{html.escape(s.cebm_text)}</td></tr>")
        lines.append(f"{s.key}: {s.design}; n {n}; CEBM {s.cebm}")
    table = ("<div class='itb-table-wrap' style='overflow-x:auto'><table class='itb-design-table' "
             "style='font-size:0.85em'><caption>The designs behind the course's key studies, from the "
             "evidence registry (Oxford CEBM 2011 level for the question the course uses each for)</caption>"
             f"<thead>{head}</thead><tbody>{''.join(rows)}</tbody></table></div>")
    return HtmlOutput(table, "\n".join(lines))
