"""Lesson 6's pictures and tables of the self-care options (:mod:`itband.models.self_care`).

Each ``draw_*`` sits beside the function that writes its alt text from the same data; the
tables return :class:`itband.course.html.HtmlOutput` with a plain-text version.
"""
from __future__ import annotations

import html
import textwrap

from ..course import evidence, style
from ..course.html import HtmlOutput
from ..course.validate import check_choice
from ..models import self_care as sc
from ..models.anatomy import STRUCTURES
from .anatomy import anchor_points, draw_lateral_view

_GOOD = style.PALETTE["green"]
_BAD = style.PALETTE["vermillion"]
_GRADE = style.PALETTE["blue"]
_SHORT = {"certainty": "Certainty\n(GRADE)", "benefit": "Benefit*", "risk": "Risk*", "cost": "Cost*"}
_FOOT = "* the course's judgement, 0-3"


def _lower(label: str) -> str:
    """A label in running text: first letter lower case, acronyms kept ("... (GRADE)")."""
    return label[:1].lower() + label[1:]


def _cite(keys) -> str:
    return "; ".join(sc.source_label(k) for k in keys) if keys else sc.JUDGEMENT


def _grade_text(opt: sc.SelfCareOption) -> str:
    g = opt.grade
    down = ", ".join(g.downgraded_for) if g.downgraded_for else "not downgraded"
    return f"{g.grade} (downgraded for {down})"


# --------------------------------------------------------------------------- tables


def rating_table() -> HtmlOutput:
    """Every option: its GRADE certainty, the course's three ratings, and the popular advice about it.

    Each option's name opens the reasons for its ratings (a ``<details>`` element), so the table
    stays narrow enough for the book's column.
    """
    esc = html.escape
    head = ("<tr><th scope='col'>Option (open for the reasons)</th><th scope='col'>Certainty (GRADE)</th>"
            + "".join(f"<th scope='col'>{esc(c.capitalize())}*</th>" for c in sc.JUDGED)
            + "<th scope='col'>Popular advice \u2192 our verdict</th></tr>")
    rows, text_rows = [], []
    for name, opt in sc.OPTIONS.items():
        reasons = [f"<strong>Certainty {esc(opt.grade.grade)}:</strong> {esc(opt.grade.summary)} "
                   f"({esc(_cite(opt.grade.studies) if opt.grade.studies else 'no study')})."]
        reasons += [f"<strong>{esc(sc.CRITERION_LABELS[c])} {opt.rating(c).value}:</strong> "
                    f"{esc(opt.rating(c).reason)} ({esc(_cite(opt.rating(c).sources))})." for c in sc.JUDGED]
        cells = [f"<th scope='row' style='text-align:left'><details><summary>{esc(opt.label)}</summary>"
                 f"<small style='font-weight:normal'>{'<br>'.join(reasons)}</small></details></th>"]
        g = opt.grade
        cells.append(f"<td><strong>{esc(g.grade)}</strong><br><small>{len(g.studies)} "
                     f"stud{'y' if len(g.studies) == 1 else 'ies'}; down for "
                     f"{esc(', '.join(g.downgraded_for) or 'nothing')}</small></td>")
        for c in sc.JUDGED:
            r = opt.rating(c)
            cells.append(f"<td><strong>{r.value}</strong><br><small>{esc(sc.LEVEL_WORDS[c][r.value])}</small></td>")
        claims = [cl for cl in sc.ADVICE_CLAIMS.values() if cl.option == name]
        advice = ("<br>".join(f"&ldquo;{esc(cl.short)}&rdquo; \u2192 <strong>{esc(cl.verdict)}</strong>"
                              for cl in claims) if claims else "(not mentioned)")
        cells.append(f"<td><small>{advice}</small></td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
        text_rows.append(f"{opt.label}: certainty {g.grade}, "
                         + ", ".join(f"{c} {opt.rating(c).value}" for c in sc.JUDGED))
    caption = ("Every self-care option: the certainty of its evidence on the GRADE scale (from the course's "
               "evidence registry), and likely benefit, risk and cost rated 0-3 by the course (*: our "
               "judgement; benefit higher is better, risk and cost higher is worse), with the popular advice")
    table = ("<div class='itb-table-wrap' style='overflow-x:auto'>"
             f"<table class='itb-rating-table' style='font-size:0.9em'><caption>{esc(caption)}</caption><thead>"
             + head + "</thead><tbody>" + "".join(rows) + "</tbody></table></div>")
    return HtmlOutput(table, "Self-care ratings\n" + "\n".join(text_rows))


def grade_table() -> HtmlOutput:
    """The GRADE rating of each option with the design and size of every study behind it."""
    esc = html.escape
    rows, text = [], []
    for opt in sc.OPTIONS.values():
        g = opt.grade
        studies = "<br>".join(esc(sc.study_text(k)) for k in g.studies) or "no study"
        rows.append(f"<tr><th scope='row' style='text-align:left'>{esc(opt.label)}</th>"
                    f"<td><strong>{esc(g.grade)}</strong><br><small>down for "
                    f"{esc(', '.join(g.downgraded_for) or 'nothing')}</small></td>"
                    f"<td><small>{studies}</small></td><td><small>{esc(g.summary)}</small></td></tr>")
        text.append(f"{opt.label}: {_grade_text(opt)}; studies: "
                    + ("; ".join(sc.study_text(k) for k in g.studies) or "none"))
    table = ("<div class='itb-table-wrap' style='overflow-x:auto'><table class='itb-grade-table' "
             "style='font-size:0.85em'><caption>The certainty of the evidence for each option (GRADE), "
             "with the design and number of participants of each study behind it</caption><thead><tr>"
             "<th scope='col'>Option</th><th scope='col'>Certainty</th><th scope='col'>Studies (design, n)</th>"
             "<th scope='col'>Why</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table></div>")
    return HtmlOutput(table, "GRADE certainty of each option\n" + "\n".join(text))


def advice_table() -> HtmlOutput:
    """Popular advice, one row per claim: verdict, reason, sources."""
    esc = html.escape
    rows = "".join(
        f"<tr><td>{esc(c.claim)}</td><td><strong>{esc(c.verdict)}</strong></td>"
        f"<td>{esc(c.reason)} <em>({esc(_cite(c.sources))})</em></td></tr>"
        for c in sc.ADVICE_CLAIMS.values())
    table = ("<div class='itb-table-wrap' style='overflow-x:auto'><table class='itb-advice-table' style='font-size:0.9em'>"
             "<caption>Popular self-care and prevention advice, checked</caption><thead><tr>"
             "<th scope='col'>Advice (in our words)</th><th scope='col'>Verdict</th>"
             "<th scope='col'>Why</th></tr></thead><tbody>" + rows + "</tbody></table></div>")
    text = "\n".join(f"{c.verdict}: {c.claim}" for c in sc.ADVICE_CLAIMS.values())
    return HtmlOutput(table, "Popular advice checked\n" + text)


# --------------------------------------------------------------------------- the rating chart


def _dots(criterion: str) -> int:
    return len(sc.GRADES) if criterion == "certainty" else 3


def draw_rating_chart(sort_by: str = "certainty"):
    """Dot chart: one row per option. Certainty as GRADE's filled circles (1 very low to 4 high, blue),
    benefit as green circles and risk and cost as vermillion squares (0-3 filled). Rows are sorted
    best first by ``sort_by`` (one of :data:`itband.models.self_care.CRITERIA`), whose column is outlined.
    """
    check_choice("sort_by", sort_by, sc.CRITERIA)
    order = sc.sort_options(sort_by)
    # the phone layout: names on two lines, columns closer, "more = better" said once underneath
    phone = style.on_phone()
    if phone:
        fig = style.new_figure(style.PHONE_WIDTH_IN, 7.2)
        ax = style.fixed_axes(fig, (0.30, 0.085, 0.99 - 0.30, 0.83 - 0.085))
    else:
        fig = style.new_figure(style.COLUMN_WIDTH_IN, 6.4)
        ax = style.fixed_axes(fig, (0.36, 0.06, 0.99 - 0.36, 0.85 - 0.06))
    n = len(order)
    step = 1.35 if phone else 1.65
    col_x = {c: 0.75 + step * i for i, c in enumerate(sc.CRITERIA)}
    pts: dict[tuple[str, bool], tuple[list, list]] = {}
    for row, name in enumerate(order):
        y = n - 1 - row
        opt = sc.OPTIONS[name]
        if row % 2 == 0:
            ax.axhspan(y - 0.5, y + 0.5, color="#F2F2F2", zorder=0, lw=0)
        for c in sc.CRITERIA:
            k_max, v = _dots(c), opt.score(c)
            kind = "grade" if c == "certainty" else ("good" if sc.HIGHER_IS_BETTER[c] else "bad")
            for k in range(k_max):
                xs, ys = pts.setdefault((kind, k < v), ([], []))
                xs.append(col_x[c] + (k - (k_max - 1) / 2) * 0.3)
                ys.append(y)
    look = {"grade": (_GRADE, "o"), "good": (_GOOD, "o"), "bad": (_BAD, "s")}
    size = 55 if phone else 70
    for (kind, filled), (xs, ys) in pts.items():
        colour, marker = look[kind]
        if filled:
            ax.scatter(xs, ys, s=size, marker=marker, color=colour, edgecolor="black", linewidth=0.6, zorder=3)
        else:
            ax.scatter(xs, ys, s=size, marker=marker, facecolor="white", edgecolor="#8C8C8C", linewidth=0.8,
                       zorder=3)
    ax.set_xticks([])
    ax.set_yticks([])
    for row, nm in enumerate(order):
        label = sc.OPTIONS[nm].label.replace(" (a clinician may offer)", " \u2020")
        ax.text(-0.1, n - 1 - row, textwrap.fill(label, 18) if phone else label,
                ha="right", va="center", fontsize=9 if phone else 9.5, color=style.ROLE["text"],
                linespacing=1.0)
    for c in sc.CRITERIA:
        better = "more = better" if sc.HIGHER_IS_BETTER[c] else "more = worse"
        ax.text(col_x[c], n - 0.3, _SHORT[c] if phone else f"{_SHORT[c]}\n({better})", ha="center",
                va="bottom", fontsize=9, color=style.ROLE["text"])
    from matplotlib.patches import Rectangle

    x0, half = col_x[sort_by], step / 2 - 0.075
    ax.add_patch(Rectangle((x0 - half, -0.5), 2 * half, n, fill=False, edgecolor="black", linewidth=1.6,
                           linestyle="--", zorder=4))
    ax.set_xlim(-0.05, col_x["cost"] + 0.8)
    ax.set_ylim(-0.55, n - 0.45)
    for side in ("left", "bottom", "top", "right"):
        ax.spines[side].set_visible(False)
    first = "highest" if sc.HIGHER_IS_BETTER[sort_by] else "lowest"
    title = f"Self-care options sorted by {_lower(sc.CRITERION_LABELS[sort_by])} ({first} first)"
    fig.text(0.01, 1 - 0.16 / fig.get_figheight(), textwrap.fill(title, 44) if phone else title,
             fontsize=12, va="top")
    foot = f"GRADE: 1 circle very low ... 4 high.  {_FOOT}.  \u2020 offered by a clinician, not self-care."
    if phone:
        foot = ("More filled = better for certainty and benefit, worse for risk and cost.\n"
                + textwrap.fill(foot, 70))
    fig.text(0.01, 0.012, foot, fontsize=8.5, color=style.ROLE["muted"])
    return fig


def rating_chart_alt(sort_by: str = "certainty") -> str:
    """Alt text for :func:`draw_rating_chart`, built from the ratings."""
    check_choice("sort_by", sort_by, sc.CRITERIA)
    order = sc.sort_options(sort_by)

    def value(o):
        return o.grade.grade if sort_by == "certainty" else f"{o.rating(sort_by).value} of 3"

    grades = {g: sum(sc.OPTIONS[n].grade.grade == g for n in order) for g in sc.GRADES}
    counts = ", ".join(f"{k} {g}" for g, k in grades.items() if k)
    return (f"Dot chart of {len(order)} self-care options, with the certainty of evidence on the GRADE scale "
            f"({counts}) and the course's 0 to 3 ratings of benefit, risk and cost, sorted by "
            f"{_lower(sc.CRITERION_LABELS[sort_by])}: "
            + "; ".join(f"{sc.OPTIONS[n].label} {value(sc.OPTIONS[n])}" for n in order) + ".")


# --------------------------------------------------------------------------- what an option acts on


def _option_body(opt: sc.SelfCareOption) -> str:
    return (opt.how + "\n\n" + f"Certainty (GRADE): {opt.grade.grade}.\n"
            f"Likely benefit* {opt.benefit.value}/3: {sc.LEVEL_WORDS['benefit'][opt.benefit.value]}.\n"
            f"Risk* {opt.risk.value}/3, cost* {opt.cost.value}/3.\n{_FOOT}.")


def draw_option_target(option_name: str = "hip_strengthening"):
    """The Lesson 1 lateral view with the option's targets ringed and named; beside it, what the
    option does, its GRADE certainty and the course's ratings."""
    opt = sc.OPTIONS[check_choice("option_name", option_name, list(sc.OPTIONS))]
    fig = draw_lateral_view(highlight=opt.targets[0], knee_flexion_deg=0.0, labels=False)
    fig.set_layout_engine(None)
    fig.set_size_inches(style.COLUMN_WIDTH_IN, 5.0)
    ax = fig.axes[0]
    ax.set_position((0.0, 0.0, 0.56, 0.93))
    ax.set_title("", loc="left")
    ax.set_title("", loc="center")
    for t in list(fig.texts):  # replace the structure's role box with the option's text
        t.remove()
    anchors = anchor_points(0.0)
    right_y, left_y = 64.0, 64.0
    for k, target in enumerate(opt.targets):
        xy = anchors[target]
        for colour, extra, z in (("white", 2.5, 30), ("#1A1A1A", 0.0, 30.5)):  # dark ring, white halo
            ax.plot(*xy, marker="o", ms=30 if k == 0 else 24, mfc="none", mec=colour,
                    mew=(2.6 if k == 0 else 1.6) + extra, ls="none", zorder=z)
        front = xy[0] >= 0
        ty = min(xy[1] + 6.0, right_y if front else left_y)
        tx = 11.5 if front else -12.0
        lines = textwrap.wrap(STRUCTURES[target].label, 10)
        ax.plot([xy[0], tx], [xy[1], ty - 1.6], color="#333333", lw=0.9, zorder=29)
        ax.text(tx + (0.4 if front else -0.4), ty, "\n".join(lines),
                ha="left" if front else "right", va="top", fontsize=10,
                fontweight="bold" if k == 0 else "normal", color=style.ROLE["text"], zorder=31)
        if front:
            right_y = ty - 3.4 * len(lines) - 2.5
        else:
            left_y = ty - 3.4 * len(lines) - 2.5
    fig.text(0.57, 0.95, "\n".join(textwrap.wrap(opt.label, 34)), fontsize=12.5, fontweight="bold",
             va="top", color=style.ROLE["text"])
    wrapped = "\n".join("\n".join(textwrap.wrap(par, 40)) if par else "" for par in _option_body(opt).split("\n"))
    fig.text(0.57, 0.82, wrapped, fontsize=9.8, va="top", color=style.ROLE["text"], linespacing=1.3)
    claims = [c for c in sc.ADVICE_CLAIMS.values() if c.option == opt.key]
    if claims:
        advice_text = "\n".join("\n".join(textwrap.wrap(f"Advice: \u201c{c.claim}\u201d \u2192 {c.verdict}.", 42))
                                for c in claims[:2])
        fig.text(0.57, 0.30, advice_text, fontsize=9, va="top", color=style.ROLE["text"], linespacing=1.25,
                 style="italic")
    fig.text(0.57, 0.02, "Rings: what it acts on (bold = main target)", fontsize=9,
             color=style.ROLE["muted"], va="bottom")
    return fig


def option_target_alt(option_name: str = "hip_strengthening") -> str:
    """Alt text for :func:`draw_option_target`."""
    opt = sc.OPTIONS[check_choice("option_name", option_name, list(sc.OPTIONS))]
    names = ", ".join(STRUCTURES[t].label for t in opt.targets)
    return (f"Side view of a right hip, thigh and knee with the parts that {opt.label.lower()} acts on "
            f"ringed: {names}. {opt.how} Certainty of evidence (GRADE): {opt.grade.grade}. The course's "
            f"ratings: likely benefit {opt.benefit.value} of 3, risk {opt.risk.value} of 3, cost "
            f"{opt.cost.value} of 3.")


# --------------------------------------------------------------------------- roller pressure


def draw_roller_pressure(body_mass_kg: float = 70.0, share_on_roller_pct: float = 50.0,
                         contact_area_cm2: float = sc.ROLLER_CONTACT_AREA_CM2):
    """Pressure under a foam roller beside the pressure of a model's fascia-compressing hand, kPa.

    Both sides are pressures (force over area). The roller's area and the hand's (the model's
    abstract gives none) are the course's assumptions, so the hand is drawn as a range.
    """
    cmp_ = sc.compare_roller(body_mass_kg, share_on_roller_pct, contact_area_cm2)
    phone = style.on_phone()  # each bar's name above it, the bars across the figure
    if phone:
        fig = style.new_figure(style.PHONE_WIDTH_IN, 4.4)
        fig.set_layout_engine(None)
        ax = style.axes_at(fig, 0.12, 0.62, 4.0, 2.85)
    else:
        fig = style.new_figure(style.COLUMN_WIDTH_IN, 3.3)
        ax = style.fixed_axes(fig, (0.37, 0.2, 0.95 - 0.37, 0.8 - 0.2))
    lo, hi = cmp_.hand_kpa
    height = 0.3 if phone else 0.55
    ax.barh([1], [cmp_.roller_kpa], color=style.PALETTE["orange"], hatch="//", edgecolor="black",
            linewidth=0.6, height=height)
    ax.barh([0], [hi - lo], left=[lo], color=style.PALETTE["sky"], edgecolor="black", linewidth=0.6,
            height=height)
    ax.text(cmp_.roller_kpa + 4, 1, f"{cmp_.roller_kpa:.0f} kPa", va="center", fontsize=10)
    ax.text(hi + 4, 0, f"{lo:.0f}-{hi:.0f} kPa", va="center", fontsize=10)
    names = [f"Model hand: {sc.FASCIA_COMPRESSION_FORCE_N:.0f} N that compresses\n"
             f"fascia locally (Chaudhry 2014), over\n{sc.HAND_CONTACT_AREA_CM2[0]:.0f}-"
             f"{sc.HAND_CONTACT_AREA_CM2[1]:.0f} cm\u00b2 (assumed)",
             f"Your thigh: {cmp_.force_n:.0f} N\nover {contact_area_cm2:g} cm\u00b2 (assumed)"]
    if phone:
        style.names_above_bars(ax, [0, 1], [textwrap.fill(n.replace("\n", " "), 48) for n in names], height, fontsize=9.5)
        ax.set_ylim(-0.3, 1.75)
        ax.spines["left"].set_visible(False)
    else:
        ax.set_yticks([0, 1])
        ax.set_yticklabels(names, fontsize=9.5)
    ax.tick_params(axis="y", length=0)
    ax.set_xlim(0, max(cmp_.roller_kpa, hi) * 1.3 + 5)
    ax.set_xlabel("Mean pressure (kPa = kN per m\u00b2)")
    title = (f"{body_mass_kg:g} kg, {share_on_roller_pct:g} % on the roller, {contact_area_cm2:g} cm\u00b2: "
             f"{cmp_.verdict} the model hand's range")
    fig.text(0.01, 1 - 0.0825 / fig.get_figheight(), title.replace(": ", ":\n") if phone else title,
             fontsize=10.5, va="top")
    foot = "Pressing compresses the layers under the skin; no model or trial shows it lengthens the band."
    fig.text(0.01, 0.066 / fig.get_figheight(), textwrap.fill(foot, 70) if phone else foot, fontsize=8.5,
             color=style.ROLE["muted"])
    return fig


def roller_pressure_alt(body_mass_kg: float = 70.0, share_on_roller_pct: float = 50.0,
                        contact_area_cm2: float = sc.ROLLER_CONTACT_AREA_CM2) -> str:
    """Alt text for :func:`draw_roller_pressure`."""
    cmp_ = sc.compare_roller(body_mass_kg, share_on_roller_pct, contact_area_cm2)
    lo, hi = cmp_.hand_kpa
    return (f"Bar chart of mean pressure: a {body_mass_kg:g} kg runner with {share_on_roller_pct:g} % of body "
            f"weight on a foam roller presses with {cmp_.force_n:.0f} N over an assumed {contact_area_cm2:g} "
            f"square centimetres, {cmp_.roller_kpa:.0f} kPa. A model's {sc.FASCIA_COMPRESSION_FORCE_N:.0f} N "
            f"hand force that compresses fascia locally, spread over an assumed "
            f"{sc.HAND_CONTACT_AREA_CM2[0]:.0f} to {sc.HAND_CONTACT_AREA_CM2[1]:.0f} square centimetres, is "
            f"{lo:.0f} to {hi:.0f} kPa, so the roller is {cmp_.verdict} that range. Pressing compresses tissue; "
            f"it does not lengthen the band.")
