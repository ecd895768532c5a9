"""Self-care options for iliotibial band syndrome, each rated against the evidence.

Every option gets four ratings on a 0-3 scale, each with the sources behind it
(citation keys of ``book/references.bib``) and, where popular advice gives
advice about it, that advice beside the rating:

* ``evidence`` - how strong the evidence is that it helps ITBS:
  0 no trial (opinion or mechanism only), 1 indirect (healthy people, a
  mechanism, a co-treatment never tested alone), 2 case series or small
  trials in ITBS, 3 several good trials in ITBS (no option reaches 3);
* ``benefit`` - how much it is likely to help, given that evidence:
  0 none expected, 1 small or short-lived, 2 worthwhile, 3 central;
* ``risk`` - 0 negligible, 1 small (soreness, bruising, a flare if misused),
  2 a procedure with its own risks, 3 serious;
* ``cost`` - 0 free, 1 cheap (a band, a roller, a strap), 2 moderate
  (new shoes, a course of sessions), 3 expensive or clinician-only.

The ratings are this course's judgement of the sources named with each one
(the citation keys stored with every rating); they educate and do not replace a
clinician's advice. Sources: Fredericson et al. 2000 and Beers et al. 2008
(hip strengthening), Messier et al. 1995 and Fredericson & Weir 2006 (load),
Heiderscheit et al. 2011 and Allen 2014 (cadence), Wilke et al. 2020 and
Pepper et al. 2021 (foam rolling), Falvey et al. 2010 and Chaudhry et al.
2008/2014 (can the band be lengthened?), Schwellnus et al. 1992 (friction
massage), Gunter & Schwellnus 2004 (injection), Ellis et al. 2007 (review of
conservative care), Wiewelhove et al. 2019 (rolling before exercise),
Ingraham (straps) and BMJ Best Practice (shoes, surfaces).

The explorer :func:`draw_option_target` shows what an option acts on, on the
Lesson 1 schematic (:func:`itband.anatomy.draw_lateral_view`).
"""
from __future__ import annotations

import html
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .course import style
from .course.validate import check_choice, check_number
from .course.html import HtmlOutput

#: The four criteria, in table order, with what a high value means.
CRITERIA = ("evidence", "benefit", "risk", "cost")
CRITERION_LABELS = {
    "evidence": "Strength of evidence",
    "benefit": "Likely benefit",
    "risk": "Risk",
    "cost": "Cost",
}
#: Criteria where a higher rating is better (the others: higher is worse).
HIGHER_IS_BETTER = {"evidence": True, "benefit": True, "risk": False, "cost": False}
#: Words for each level of each criterion (index = rating 0-3).
LEVEL_WORDS = {
    "evidence": ("no trial", "indirect", "small trials", "several trials"),
    "benefit": ("none expected", "small", "worthwhile", "central"),
    "risk": ("negligible", "small", "a procedure", "serious"),
    "cost": ("free", "cheap", "moderate", "expensive"),
}
#: Verdicts on popular advice, from best to worst supported.
VERDICTS = ("supported", "partly supported", "plausible, untested", "opinion, harmless", "not supported")

#: Short author-year labels of the citation keys used here (for tables and figures).
SOURCE_LABELS = {
    "fredericson2000": "Fredericson et al. 2000",
    "beers2008": "Beers et al. 2008",
    "fredericson2006": "Fredericson & Weir 2006",
    "messier1995": "Messier et al. 1995",
    "heiderscheit2011": "Heiderscheit et al. 2011",
    "allen2014": "Allen 2014",
    "wilke2020": "Wilke et al. 2020",
    "konrad2022": "Konrad et al. 2022",
    "wiewelhove2019": "Wiewelhove et al. 2019",
    "pepper2021": "Pepper et al. 2021",
    "falvey2010": "Falvey et al. 2010",
    "chaudhry2008": "Chaudhry et al. 2008",
    "chaudhry2014": "Chaudhry et al. 2014",
    "schwellnus1992": "Schwellnus et al. 1992",
    "gunter2004": "Gunter & Schwellnus 2004",
    "ellis2007": "Ellis et al. 2007",
    "ingrahamstrap": "Ingraham (PainScience)",
    "bmjbp2018itbs": "BMJ Best Practice",
    "fairclough2006": "Fairclough et al. 2006",
    "gottschall2005": "Gottschall & Kram 2005",
    "silbernagel2007": "Silbernagel et al. 2007",
}


@dataclass(frozen=True)
class Rating:
    """One rating (0-3) of one criterion, with the reason and the sources behind it."""

    value: int
    reason: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class SelfCareOption:
    """A self-care option (or a treatment a clinician may offer) and its four ratings.

    ``targets`` are keys of :data:`itband.anatomy.STRUCTURES` it acts on (the
    first is highlighted in the explorer); ``how`` says what it does and why.
    """

    label: str
    evidence: Rating
    benefit: Rating
    risk: Rating
    cost: Rating
    targets: tuple[str, ...]
    how: str
    clinician_only: bool = False

    def rating(self, criterion: str) -> Rating:
        check_choice("criterion", criterion, CRITERIA)
        return getattr(self, criterion)

    @property
    def sources(self) -> tuple[str, ...]:
        """Every citation key behind this option's ratings, in order, without repeats."""
        seen: list[str] = []
        for c in CRITERIA:
            for key in getattr(self, c).sources:
                if key not in seen:
                    seen.append(key)
        return tuple(seen)


def _r(value, reason, *sources):
    return Rating(value, reason, tuple(sources))


OPTIONS: dict[str, SelfCareOption] = {
    "load_reduction": SelfCareOption(
        "Rest / load reduction",
        _r(2, "weekly mileage best separated ITBS runners from controls; every trial and review "
              "starts with changing the load", "messier1995", "fredericson2006"),
        _r(3, "takes away the repeated loading that irritates the tissue under the band",
           "fredericson2006"),
        _r(0, "none if short and relative: keep moving with pain-free activity", "fredericson2006"),
        _r(0, "free", "fredericson2006"),
        ("fat_pad", "it_band"),
        "Fewer loaded knee bends through the 20-30° zone, so the irritated fat and recess under "
        "the band at the lateral epicondyle are pressed less often."),
    "hip_strengthening": SelfCareOption(
        "Hip strengthening",
        _r(2, "case series: abductor strength up 35-51 % and 22 of 24 runners back running "
              "(no control group); a second pre-post series agrees", "fredericson2000", "beers2008"),
        _r(2, "the best-supported active treatment, though no large trial yet",
           "fredericson2000", "beers2008"),
        _r(0, "low with the pain-monitoring rules of Lesson 4", "beers2008"),
        _r(1, "a resistance band", "fredericson2000"),
        ("gluteus_medius", "gluteus_maximus", "tfl"),
        "Builds the gluteus medius (and gluteus maximus) that hold the pelvis level on one leg, "
        "so the thigh drops inwards less and the band is loaded less in stance."),
    "hip_massage": SelfCareOption(
        "Massage of the hip muscles",
        _r(1, "no trial of hip-muscle massage; friction massage on the band added nothing "
              "in a small trial", "schwellnus1992"),
        _r(1, "may ease tight, sore hip muscles for a while", "schwellnus1992"),
        _r(0, "negligible on the hip; pressing on an inflamed outer knee hurts the richly "
              "innervated tissue there", "fairclough2006"),
        _r(1, "free by hand; a therapist costs more", "schwellnus1992"),
        ("tfl", "gluteus_medius", "gluteus_maximus"),
        "Works on the muscles that pull on the band (tensor fasciae latae, gluteus medius and "
        "maximus), not on the band itself, and leaves the sore outer knee alone in a flare."),
    "foam_rolling": SelfCareOption(
        "Foam rolling",
        _r(1, "raises range of motion for a short time in healthy people (26 trials), but "
              "rolling the band did not change its stiffness; no ITBS trial",
           "wilke2020", "pepper2021"),
        _r(1, "short-lived comfort and range of motion; it cannot lengthen the band",
           "wilke2020", "falvey2010"),
        _r(1, "bruising or a flare if rolled hard over the painful outer knee", "pepper2021"),
        _r(1, "a roller", "wilke2020"),
        ("tfl", "gluteus_medius", "it_band"),
        "Best started at the side of the pelvis (tensor fasciae latae, gluteus medius); rolling "
        "down the band presses on it but cannot stretch it."),
    "stretching": SelfCareOption(
        "Stretching",
        _r(1, "cadaver stretches lengthened the band by about 2 mm (under 0.5 %); stretching did "
              "not change band stiffness", "falvey2010", "pepper2021"),
        _r(1, "stretches the muscles that pull on the band; feels good, changes little",
           "falvey2010"),
        _r(0, "negligible", "falvey2010"),
        _r(0, "free", "falvey2010"),
        ("tfl", "gluteus_maximus", "it_band"),
        "The standing IT band stretch mostly stretches tensor fasciae latae and the gluteal "
        "muscles; the band itself barely lengthens."),
    "heat": SelfCareOption(
        "Heat",
        _r(0, "no trial of heat for ITBS; the reviews found trials of only a few treatments",
           "ellis2007"),
        _r(1, "comfort and looser-feeling muscles; it does not loosen the band itself",
           "falvey2010", "chaudhry2008"),
        _r(0, "negligible if not too hot and not on a fresh flare", "ellis2007"),
        _r(0, "free", "ellis2007"),
        ("gluteus_medius", "tfl"),
        "Warms the hip muscles and skin; the band is too stiff for heat or hands to lengthen."),
    "ice": SelfCareOption(
        "Ice",
        _r(1, "used alongside other care in the trials, never tested on its own",
           "gunter2004", "ellis2007"),
        _r(1, "short-term pain relief after a run", "gunter2004"),
        _r(0, "negligible with a cloth between ice and skin", "gunter2004"),
        _r(0, "free", "gunter2004"),
        ("fat_pad", "lateral_epicondyle"),
        "Cools the sore spot over the lateral epicondyle for short-term relief; it does not "
        "change the load that caused it."),
    "strap": SelfCareOption(
        "Strap or brace",
        _r(0, "no controlled study found", "ingrahamstrap"),
        _r(1, "some may feel relief, probably not by any mechanical effect",
           "ingrahamstrap"),
        _r(0, "cheap and essentially risk-free", "ingrahamstrap"),
        _r(1, "a strap", "ingrahamstrap"),
        ("it_band",),
        "A strap worn just above the knee presses on the band over the epicondyle; any relief is "
        "more likely through sensation than mechanics."),
    "shoe_change": SelfCareOption(
        "Shoe change",
        _r(0, "worn-out shoes appear in expert lists of risk factors; no trial",
           "bmjbp2018itbs"),
        _r(1, "replacing a shoe worn through on the outer edge is sensible",
           "bmjbp2018itbs"),
        _r(0, "negligible; change gradually", "bmjbp2018itbs"),
        _r(2, "a new pair", "bmjbp2018itbs"),
        ("fat_pad", "it_band"),
        "Indirect: a worn, tilted shoe may change how the leg meets the ground; no study shows "
        "that a particular wear pattern causes ITBS."),
    "cadence_increase": SelfCareOption(
        "Cadence increase (+5-10 %)",
        _r(1, "lab study: at +5-10 % less knee energy absorbed and, at +10 %, less hip "
              "adduction; one ITBS case report", "heiderscheit2011", "allen2014"),
        _r(2, "more, lighter steps; the runner in the case report was pain-free in 6 weeks",
           "heiderscheit2011", "allen2014"),
        _r(0, "negligible if raised in small steps", "heiderscheit2011"),
        _r(0, "free (a metronome app)", "heiderscheit2011"),
        ("fat_pad", "gluteus_medius"),
        "Shorter steps land with the foot closer under the body: less knee work and, at +10 %, "
        "less hip adduction each step, so the band is loaded less per step."),
    "corticosteroid_injection": SelfCareOption(
        "Corticosteroid injection (a clinician may offer)",
        _r(2, "one small randomised trial: 18 runners with recent ITBS had less pain while "
              "running over 2 weeks", "gunter2004"),
        _r(2, "short-term pain relief that can open a window for rehabilitation", "gunter2004"),
        _r(2, "a needle procedure with its own risks; decided with a clinician", "gunter2004"),
        _r(3, "a clinician's procedure", "gunter2004"),
        ("fat_pad",),
        "Placed by a clinician into the painful area between the band and the lateral "
        "epicondyle to calm inflammation; not self-care.",
        clinician_only=True),
    "warm_up_walk": SelfCareOption(
        "Warm-up walk (400-800 m)",
        _r(0, "no trial; reviews of ITBS care found nothing on warm-ups", "ellis2007"),
        _r(1, "a gentle start; harmless", "ellis2007"),
        _r(0, "negligible", "ellis2007"),
        _r(0, "free", "ellis2007"),
        ("vastus_lateralis", "gluteus_medius"),
        "Five to ten minutes of walking warms the thigh and hip muscles with knee bends that load "
        "the band far less than running."),
}


@dataclass(frozen=True)
class AdviceClaim:
    """A piece of popular advice, in the course's words, and its verdict with sources."""

    claim: str
    option: str
    verdict: str
    reason: str
    sources: tuple[str, ...]
    short: str = ""


ADVICE_CLAIMS: dict[str, AdviceClaim] = {
    "massage_hip_not_band": AdviceClaim(
        "Massage helps, mostly by relaxing the hip muscles rather than the band itself.",
        "hip_massage", "partly supported",
        "The band cannot be lengthened by hand, and friction massage over it added nothing; "
        "no trial has tested hip-muscle massage.", ("falvey2010", "schwellnus1992"),
        short="massage helps via the hip muscles"),
    "no_band_massage_in_flare": AdviceClaim(
        "Do not massage the band during an acute flare.",
        "hip_massage", "plausible, untested",
        "The tissue under the band is richly innervated, so pressing an irritated spot is likely "
        "to hurt; no study shows harm.", ("fairclough2006", "schwellnus1992"),
        short="not on the band in a flare"),
    "roll_from_pelvis": AdviceClaim(
        "Foam roll starting at the side of the pelvis (tensor fasciae latae, gluteus medius).",
        "foam_rolling", "plausible, untested",
        "Rolling raises range of motion for a while; starting at the hip fits the rest of the "
        "evidence but has not been tested in ITBS.", ("wilke2020", "pepper2021"),
        short="start at the side of the pelvis"),
    "rolling_not_best": AdviceClaim(
        "Foam rolling the band may not be the best option; work on the hip muscles instead.",
        "foam_rolling", "supported",
        "Rolling did not change band stiffness, and the forces needed to deform the band are far "
        "beyond a roller.", ("pepper2021", "chaudhry2008", "falvey2010"),
        short="rolling the band may not be best"),
    "heat_massage_loosen_band": AdviceClaim(
        "Heat and massage loosen the band and the muscles around it.",
        "heat", "not supported",
        "Not for the band (it barely lengthens); muscles may feel looser for a short time.",
        ("falvey2010", "chaudhry2008", "wilke2020"), short="heat and massage loosen the band"),
    "light_rubbing_in_warm_up": AdviceClaim(
        "No deep tissue work in a warm-up; short, light, circular rubbing instead.",
        "foam_rolling", "opinion, harmless",
        "Rolling before exercise did not harm sprint or jump performance in a meta-analysis; "
        "light work is harmless and there is no evidence either way for injury.",
        ("wiewelhove2019",), short="warm-up: light circular rubbing only"),
    "straps_bottom_of_list": AdviceClaim(
        "Straps may help a little, are cheap and risk-free, but belong near the bottom of the list.",
        "strap", "opinion, harmless",
        "No controlled study exists; the rating rests on one writer's review, which popular advice "
        "repeats.", ("ingrahamstrap",), short="cheap, risk-free, bottom of the list"),
    "cut_mileage_at_first_pain": AdviceClaim(
        "At the first pain on the outside of the knee, cut mileage or take a few days off.",
        "load_reduction", "supported",
        "Weekly mileage was the training factor most linked to ITBS, and load change is the first "
        "step of every management plan.", ("messier1995", "fredericson2006"),
        short="cut mileage or rest at the first pain"),
    "walk_before_running": AdviceClaim(
        "Walk a quarter to half a mile (about 400-800 m) before each run.",
        "warm_up_walk", "plausible, untested",
        "No ITBS study of warm-ups exists; a short walk is harmless.", ("ellis2007",),
        short="walk 400-800 m before running"),
    "check_outer_sole": AdviceClaim(
        "Check that the shoes are not worn along the outside of the sole.",
        "shoe_change", "plausible, untested",
        "Worn-out shoes are on expert lists of risk factors; no study links a wear pattern to ITBS.",
        ("bmjbp2018itbs",), short="check the outer sole for wear"),
}


def option(name: str) -> SelfCareOption:
    """Return the option ``name`` (a key of :data:`OPTIONS`); the error lists the valid ones."""
    check_choice("option", name, list(OPTIONS))
    return OPTIONS[name]


def all_citation_keys() -> set[str]:
    """Every citation key used by the ratings and the advice claims."""
    keys = {k for opt in OPTIONS.values() for k in opt.sources}
    keys |= {k for c in ADVICE_CLAIMS.values() for k in c.sources}
    return keys


def bib_keys(path: str | Path | None = None) -> set[str]:
    """The entry keys of a BibTeX file (default: the course's ``book/references.bib``)."""
    if path is None:
        path = Path(__file__).resolve().parent.parent / "book" / "references.bib"
    text = Path(path).read_text("utf-8")
    return set(re.findall(r"^@\w+\s*\{\s*([^,\s]+)\s*,", text, flags=re.MULTILINE))


def sort_options(by: str = "evidence") -> list[str]:
    """Option names ordered best first by one criterion (ties keep the table order).

    Best first means highest evidence or benefit, lowest risk or cost.
    """
    check_choice("by", by, CRITERIA)
    names = list(OPTIONS)
    sign = -1 if HIGHER_IS_BETTER[by] else 1
    return sorted(names, key=lambda n: (sign * OPTIONS[n].rating(by).value, names.index(n)))


def _cite(keys) -> str:
    return "; ".join(SOURCE_LABELS.get(k, k) for k in keys)


def rating_table() -> HtmlOutput:
    """The table of every option: its four ratings, their sources, and the popular advice about it.

    Each option's name opens the reasons for its four ratings (a ``<details>``
    element), so the table stays narrow enough for the book's column.
    """
    esc = html.escape
    head = ("<tr><th scope='col'>Option (open for the reasons)</th>"
            + "".join(f"<th scope='col'>{esc(c.capitalize())}</th>" for c in CRITERIA)
            + "<th scope='col'>Sources</th><th scope='col'>Popular advice \u2192 our verdict</th></tr>")
    rows, text_rows = [], []
    for name, opt in OPTIONS.items():
        reasons = "".join(f"<br><strong>{esc(CRITERION_LABELS[c])} {opt.rating(c).value}:</strong> "
                          f"{esc(opt.rating(c).reason)} ({esc(_cite(opt.rating(c).sources))})."
                          for c in CRITERIA)
        cells = [f"<th scope='row' style='text-align:left'><details><summary>{esc(opt.label)}</summary>"
                 f"<small style='font-weight:normal'>{reasons[4:]}</small></details></th>"]
        for c in CRITERIA:
            r = opt.rating(c)
            cells.append(f"<td><strong>{r.value}</strong><br><small>{esc(LEVEL_WORDS[c][r.value])}</small></td>")
        cells.append(f"<td><small>{esc(_cite(opt.sources))}</small></td>")
        claims = [cl for cl in ADVICE_CLAIMS.values() if cl.option == name]
        if claims:
            advice = "<br>".join(f"&ldquo;{esc(cl.short or cl.claim)}&rdquo; \u2192 <strong>{esc(cl.verdict)}</strong>"
                               for cl in claims)
        else:
            advice = "(not mentioned)"
        cells.append(f"<td><small>{advice}</small></td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
        text_rows.append(f"{opt.label}: " + ", ".join(f"{c} {opt.rating(c).value}" for c in CRITERIA))
    table = ("<div class='itb-table-wrap' style='overflow-x:auto'>"
             "<table class='itb-rating-table' style='font-size:0.9em'><caption>Every self-care option rated "
             "0-3 (evidence and benefit: higher is better; risk and cost: higher is worse), with its sources "
             "and the popular advice</caption><thead>" + head + "</thead><tbody>"
             + "".join(rows) + "</tbody></table></div>")
    return HtmlOutput(table, "Self-care ratings (0-3)\n" + "\n".join(text_rows))


def advice_table() -> HtmlOutput:
    """Popular advice, one row per claim: verdict, reason, sources."""
    esc = html.escape
    rows = "".join(
        f"<tr><td>{esc(c.claim)}</td><td><strong>{esc(c.verdict)}</strong></td>"
        f"<td>{esc(c.reason)} <em>({esc(_cite(c.sources))})</em></td></tr>"
        for c in ADVICE_CLAIMS.values())
    table = ("<div class='itb-table-wrap' style='overflow-x:auto'><table class='itb-advice-table' style='font-size:0.9em'>"
             "<caption>Popular self-care and prevention advice, checked</caption><thead><tr>"
             "<th scope='col'>Advice (in our words)</th><th scope='col'>Verdict</th>"
             "<th scope='col'>Why</th></tr></thead><tbody>" + rows + "</tbody></table></div>")
    text = "\n".join(f"{c.verdict}: {c.claim}" for c in ADVICE_CLAIMS.values())
    return HtmlOutput(table, "Popular advice checked\n" + text)


# --------------------------------------------------------------------------- figures

_GOOD = style.PALETTE["green"]
_BAD = style.PALETTE["vermillion"]


def _fixed_axes(fig, left, bottom, right, top):
    """Drop the constrained layout (slow) and place the figure's single axes by hand (fractions)."""
    fig.set_layout_engine(None)
    ax = fig.add_axes((left, bottom, right - left, top - bottom))
    return ax


def draw_rating_chart(sort_by: str = "evidence"):
    """Dot chart: one row per option, four columns of three dots, 0-3 of them filled (a rating each).

    Evidence and benefit dots are green circles (more = better); risk and cost
    are vermillion squares (more = worse). Rows are sorted best first by
    ``sort_by`` (one of :data:`CRITERIA`), whose column is outlined.
    """
    check_choice("sort_by", sort_by, CRITERIA)
    order = sort_options(sort_by)
    fig = style.new_figure(style.COLUMN_WIDTH_IN, 5.8)
    ax = _fixed_axes(fig, 0.35, 0.06, 0.99, 0.85)
    n = len(order)
    col_x = {c: 0.6 + 1.6 * i for i, c in enumerate(CRITERIA)}
    pts = {(good, filled): ([], []) for good in (True, False) for filled in (True, False)}
    for row, name in enumerate(order):
        y = n - 1 - row
        opt = OPTIONS[name]
        if row % 2 == 0:
            ax.axhspan(y - 0.5, y + 0.5, color="#F2F2F2", zorder=0, lw=0)
        for c in CRITERIA:
            v = opt.rating(c).value
            good = HIGHER_IS_BETTER[c]
            for k in range(3):
                xs, ys = pts[(good, k < v)]
                xs.append(col_x[c] + (k - 1) * 0.32)
                ys.append(y)
    for (good, filled), (xs, ys) in pts.items():
        colour, marker = (_GOOD, "o") if good else (_BAD, "s")
        if filled:
            ax.scatter(xs, ys, s=85, marker=marker, color=colour, edgecolor="black", linewidth=0.6, zorder=3)
        else:
            ax.scatter(xs, ys, s=85, marker=marker, facecolor="white", edgecolor="#8C8C8C",
                       linewidth=0.8, zorder=3)
    # Labels as plain texts (tick machinery is slow to rebuild on every redraw).
    ax.set_xticks([])
    ax.set_yticks([])
    for row, nm in enumerate(order):
        ax.text(-0.15, n - 1 - row, OPTIONS[nm].label.replace(" (a clinician may offer)", " *"),
                ha="right", va="center", fontsize=10, color=style.ROLE["text"])
    short = {"evidence": "Evidence", "benefit": "Benefit", "risk": "Risk", "cost": "Cost"}
    for c in CRITERIA:
        ax.text(col_x[c], n - 0.3, f"{short[c]}\n({'more = better' if HIGHER_IS_BETTER[c] else 'more = worse'})",
                ha="center", va="bottom", fontsize=9.5, color=style.ROLE["text"])
    x0 = col_x[sort_by]
    ax.add_patch(_rect((x0 - 0.62, -0.5), 1.24, n, "black"))
    ax.set_xlim(-0.1, col_x["cost"] + 0.75)
    ax.set_ylim(-0.55, n - 0.45)
    ax.tick_params(length=0)
    for side in ("left", "bottom", "top", "right"):
        ax.spines[side].set_visible(False)
    fig.text(0.01, 0.975, f"Self-care options rated 0-3, sorted by {CRITERION_LABELS[sort_by].lower()} "
             f"({'highest' if HIGHER_IS_BETTER[sort_by] else 'lowest'} first)", fontsize=12, va="top")
    fig.text(0.01, 0.012, "* offered by a clinician, not self-care.  Ratings: this course's reading of the "
             "sources in the table below.", fontsize=8.5, color=style.ROLE["muted"])
    return fig


def _rect(xy, w, h, edge):
    from matplotlib.patches import Rectangle

    return Rectangle(xy, w, h, fill=False, edgecolor=edge, linewidth=1.6, linestyle="--", zorder=4)


def rating_chart_alt(sort_by: str = "evidence") -> str:
    """Alt text for :func:`draw_rating_chart`."""
    order = sort_options(sort_by)
    parts = [f"{OPTIONS[n].label} {OPTIONS[n].rating(sort_by).value}" for n in order]
    return (f"Dot chart of {len(order)} self-care options rated 0 to 3 for evidence, benefit, risk and cost, "
            f"sorted by {CRITERION_LABELS[sort_by].lower()}: " + "; ".join(parts) + ".")


def draw_option_target(option_name: str = "hip_strengthening"):
    """The Lesson 1 lateral view with the option's main target highlighted.

    Every structure the option acts on is ringed (dark ring, white halo) and named; a
    box under the drawing says what it does and how strong the evidence is.
    Uses :func:`itband.anatomy.draw_lateral_view` (highlight = the first
    target, its own labels off so the option's targets stand out).
    """
    from .figures.anatomy import anchor_points, draw_lateral_view
    from .models.anatomy import STRUCTURES

    opt = option(option_name)
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
        xy = anchors.get(target)
        if xy is None:
            continue
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
    ev, ben = opt.evidence.value, opt.benefit.value
    fig.text(0.57, 0.95, "\n".join(textwrap.wrap(opt.label, 34)), fontsize=12.5, fontweight="bold",
             va="top", color=style.ROLE["text"])
    body = (opt.how + "\n\n" + f"Evidence {ev}/3: {LEVEL_WORDS['evidence'][ev]}.\n"
            f"Likely benefit {ben}/3: {LEVEL_WORDS['benefit'][ben]}.\n"
            f"Risk {opt.risk.value}/3, cost {opt.cost.value}/3.")
    wrapped = "\n".join("\n".join(textwrap.wrap(par, 40)) if par else "" for par in body.split("\n"))
    fig.text(0.57, 0.80, wrapped, fontsize=10, va="top", color=style.ROLE["text"], linespacing=1.35)
    claims = [c for c in ADVICE_CLAIMS.values() if c.option == opt_name_key(opt)]
    if claims:
        advice_text = "\n".join("\n".join(textwrap.wrap(f"Advice: \u201c{c.claim}\u201d \u2192 {c.verdict}.", 42))
                         for c in claims[:2])
        fig.text(0.57, 0.40, advice_text, fontsize=9.3, va="top", color=style.ROLE["text"], linespacing=1.3,
                 style="italic")
    fig.text(0.57, 0.03, "Rings: what it acts on\n(bold = main target)", fontsize=9,
             color=style.ROLE["muted"], va="bottom")
    return fig


def opt_name_key(opt: SelfCareOption) -> str:
    """The key of :data:`OPTIONS` under which ``opt`` is stored."""
    return next(k for k, v in OPTIONS.items() if v is opt)


def option_target_alt(option_name: str = "hip_strengthening") -> str:
    """Alt text for :func:`draw_option_target`."""
    from .models.anatomy import STRUCTURES

    opt = option(option_name)
    names = ", ".join(STRUCTURES[t].label for t in opt.targets if t in STRUCTURES)
    return (f"Side view of a right hip, thigh and knee with the parts that {opt.label.lower()} acts on "
            f"ringed: {names}. {opt.how} Evidence {opt.evidence.value} of 3, likely benefit "
            f"{opt.benefit.value} of 3.")


# --------------------------------------------------------------------------- rolling forces

G_MPS2 = 9.81
#: Force a model needs to lengthen fascia lata by about 1 %, as restated from Chaudhry et al.
#: 2008 (secondary source; approximate, N). Do not treat as a measured value.
FORCE_1PCT_FASCIA_LATA_N = 9075.0
#: Normal force for about 9 % local compression of fascia under a hand (Chaudhry et al. 2014), N.
FORCE_9PCT_COMPRESSION_N = 100.0
#: Lengthening of the band in cadaver stretch tests, mm (Falvey et al. 2010; under 0.5 %).
CADAVER_STRETCH_MM = 2.0


def roller_force_n(body_mass_kg: float, share_on_roller_pct: float) -> float:
    """Force pressing the thigh into a foam roller, N: body weight times the share on the roller.

    ``body_mass_kg`` 30-200 kg; ``share_on_roller_pct`` 0-100 % (the rest is on
    the hands and the other foot). 70 kg with half on the roller -> 343 N.
    """
    m = check_number("body_mass_kg", body_mass_kg, 30, 200, "kg")
    share = check_number("share_on_roller_pct", share_on_roller_pct, 0, 100, "%")
    return m * G_MPS2 * share / 100.0


def draw_rolling_forces(body_mass_kg: float = 70.0, share_on_roller_pct: float = 50.0):
    """Bars on a log scale: the force on a roller vs the forces the models say the band needs.

    Shows why rolling can press (indent) the layers under the skin but cannot
    lengthen the band.
    """
    f = roller_force_n(body_mass_kg, share_on_roller_pct)
    from matplotlib.ticker import FixedLocator, NullFormatter, NullLocator

    fig = style.new_figure(style.COLUMN_WIDTH_IN, 3.4)
    ax = _fixed_axes(fig, 0.39, 0.16, 0.97, 0.86)
    labels = ["Your thigh on the roller",
              "Model: press fascia in ~9 %\n(Chaudhry et al. 2014)",
              "Model: lengthen fascia lata ~1 %\n(Chaudhry et al. 2008; approx.)"]
    values = [max(f, 1.0), FORCE_9PCT_COMPRESSION_N, FORCE_1PCT_FASCIA_LATA_N]
    colours = [style.PALETTE["orange"], style.PALETTE["sky"], style.ROLE["band"]]
    hatches = ["//", "", ".."]
    bars = ax.barh(labels[::-1], values[::-1], color=colours[::-1], hatch=hatches[::-1],
                   edgecolor="black", linewidth=0.6, height=0.6)
    ax.set_xscale("log")
    ax.set_xlim(10, 60000)
    # Plain tick labels (log axes default to mathtext, which is slow to lay out on every redraw).
    ax.xaxis.set_major_locator(FixedLocator([10, 100, 1000, 10000]))
    ax.set_xticklabels(["10", "100", "1,000", "10,000"])
    ax.xaxis.set_minor_locator(NullLocator())
    ax.xaxis.set_minor_formatter(NullFormatter())
    for bar, v in zip(bars, values[::-1]):
        ax.text(v * 1.15, bar.get_y() + bar.get_height() / 2, f"{v:,.0f} N", va="center", fontsize=10)
    ax.set_xlabel("Force (newtons, log scale)")
    ax.tick_params(axis="y", labelsize=10)
    pct = f / FORCE_1PCT_FASCIA_LATA_N * 100
    fig.text(0.01, 0.975, f"{body_mass_kg:g} kg, {share_on_roller_pct:g} % of body weight on the roller: "
             f"{f:,.0f} N, {pct:.0f} % of the lengthening estimate", fontsize=10.5, va="top")
    ax.tick_params(axis="y", length=0)
    return fig


def rolling_forces_alt(body_mass_kg: float = 70.0, share_on_roller_pct: float = 50.0) -> str:
    """Alt text for :func:`draw_rolling_forces`."""
    f = roller_force_n(body_mass_kg, share_on_roller_pct)
    return (f"Log-scale bar chart: a {body_mass_kg:g} kg runner with {share_on_roller_pct:g} % of body weight "
            f"on a foam roller presses with about {f:,.0f} N; a model needs about 100 N to press fascia in by "
            f"9 % and, as restated, about 9,075 N to lengthen fascia lata by 1 %, so the roller reaches "
            f"{f / FORCE_1PCT_FASCIA_LATA_N * 100:.0f} % of that.")
