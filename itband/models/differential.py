"""The differential diagnosis of lateral knee pain in a runner, as a table a reader can query.

Each :class:`Diagnosis` carries where it hurts, the features that point to it and away from it,
and the sources for them. :data:`FIT` says, for each diagnosis and each :class:`Finding`, whether
the finding, when present, points *towards* it (+1), *away* from it (-1) or does not separate it
(0). These marks are the course's qualitative summary of textbook and review descriptions
(Brukner & Khan's *Clinical Sports Medicine*, the Medscape and BMJ Best Practice ITBS topics):
they are **not** likelihood ratios, because almost none have been measured for these findings in
runners. :func:`tally` counts them for a set of findings, to show how a clinician's reasoning
narrows a list; it does not diagnose anyone.

No numbers from sources are held here; nothing needs the evidence registry.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from ..course.validate import check_choice


@dataclass(frozen=True)
class Finding:
    """One thing a clinician asks about or examines, stated as present."""

    label: str          #: short label for a control
    text: str           #: the finding in a sentence
    red_flag: bool      #: a reason to be examined promptly (Lesson 5's decision helper)


@dataclass(frozen=True)
class Diagnosis:
    """One condition that can cause pain on the outside of a runner's knee."""

    label: str
    where: str          #: where it typically hurts
    points_to: str      #: features that point towards it
    points_away: str    #: features that point away from it (or towards ITBS instead)
    sources: tuple[str, ...]   #: BibTeX keys
    urgency: str        #: "routine", "prompt" or "urgent" (course convention, errs on the safe side)


#: Findings, in the order a history and examination usually takes them.
FINDINGS: dict[str, Finding] = {
    "epicondyle_pain": Finding("Pain over the outer epicondyle", "pain and a tender spot over the lateral femoral "
                               "epicondyle, a little above the joint line", False),
    "run_pattern": Finding("Comes on mid-run, settles at rest", "pain that starts at a repeatable point in a run "
                           "and settles with rest", False),
    "traumatic_onset": Finding("Began with a twist, fall or blow", "it began with a twist, a fall or a blow", True),
    "swelling": Finding("Swelling of the joint", "the knee joint itself is swollen", True),
    "locking": Finding("Locking, catching or giving way", "the knee locks, catches or gives way", True),
    "joint_line": Finding("Tender on the joint line", "tenderness along the lateral joint line itself", False),
    "rest_night_pain": Finding("Pain at rest or at night", "pain at rest or pain that wakes at night", True),
    "numbness": Finding("Numbness or tingling", "numbness, tingling or weakness in the shin or foot", True),
    "posterolateral": Finding("Pain at the back-outer corner", "pain at the back-outer corner of the knee or "
                              "near the fibular head", False),
    "hip_or_back": Finding("Back, buttock or outer-hip pain", "pain in the back, buttock or outer hip as well, "
                           "or pain that changes with back movement", False),
    "fever": Finding("Fever or a hot, red knee", "fever, feeling unwell, or a hot, red knee", True),
    "age_over_50": Finding("Aged over about 50", "the runner is over about 50", False),
    "young": Finding("A child or young teenager", "the runner is a child or a young teenager", False),
}

#: Diagnoses, ITBS first; the order is kept in every chart and ranking tie.
DIAGNOSES: dict[str, Diagnosis] = {
    "itbs": Diagnosis(
        "ITBS", "outer knee over the epicondyle, 1-2 cm above the joint line; may spread up the thigh",
        "gradual onset in running; pain at a repeatable time or distance, worse downhill; tender epicondyle; "
        "pain near 30° in the Noble test", "a twist at onset, joint swelling, locking, joint-line tenderness, "
        "pain at rest, numbness", ("karageanes2022", "bmjbp2018itbs"), "routine"),
    "lateral_meniscus": Diagnosis(
        "Lateral meniscus tear or cyst", "on the outer joint line itself",
        "a twisting injury (or, over about 50, no injury: a degenerative tear); swelling; locking or catching; "
        "joint-line tenderness; pain on deep squatting; a cyst may be a palpable lump on the joint line",
        "tenderness above the joint line rather than on it; no swelling or mechanical symptoms",
        ("brukner2017", "karageanes2022"), "prompt"),
    "discoid_meniscus": Diagnosis(
        "Discoid lateral meniscus", "outer joint line",
        "a child or teenager; a snapping or clunking knee; catching; joint-line tenderness",
        "adult onset with a running-only pattern and a tender epicondyle", ("brukner2017",), "prompt"),
    "lcl_plc": Diagnosis(
        "LCL / posterolateral corner injury", "outer side of the joint and its back-outer corner",
        "a blow to the inner knee or a fall that bends it outwards; swelling; giving way; pain on varus stress",
        "gradual onset with no injury; a stable knee", ("brukner2017", "karageanes2022"), "prompt"),
    "biceps_femoris": Diagnosis(
        "Biceps femoris tendinopathy", "back-outer thigh, just above the fibular head",
        "sprinting and fast running; a tender tendon above the fibular head; pain on resisted knee bending",
        "tenderness over the epicondyle in front of the tendon", ("brukner2017", "karageanes2022"), "routine"),
    "popliteus": Diagnosis(
        "Popliteus tendinopathy", "back-outer corner of the knee, close to the joint line",
        "downhill running; pain on resisted knee bending with the shin turned outwards",
        "a tender spot over the epicondyle rather than behind it", ("brukner2017", "karageanes2022"), "routine"),
    "ptfj": Diagnosis(
        "Proximal tibiofibular joint", "over the fibular head, below the joint line",
        "a twisting fall (dislocation or instability); pain on moving the fibular head; sometimes nerve symptoms",
        "pain above the joint line; no fibular-head tenderness", ("brukner2017",), "prompt"),
    "peroneal_nerve": Diagnosis(
        "Common peroneal nerve irritation", "outer shin and top of the foot, from the fibular neck",
        "numbness or tingling in the outer shin or foot; weak ankle lifting; tapping the fibular neck reproduces it",
        "no nerve symptoms; pain only during running", ("brukner2017",), "prompt"),
    "lateral_oa": Diagnosis(
        "Lateral compartment osteoarthritis", "outer joint line, often deep and aching",
        "over about 50; stiffness after rest; swelling; joint-line tenderness; a past injury or meniscus surgery",
        "a young runner; a tender epicondyle and no joint signs", ("brukner2017",), "routine"),
    "pfp": Diagnosis(
        "Patellofemoral pain", "around or behind the kneecap, sometimes its outer edge",
        "pain on stairs, squatting and after long sitting; a sense of catching without true locking",
        "a tender epicondyle; pain clearly on the outer side, away from the kneecap",
        ("brukner2017", "karageanes2022"), "routine"),
    "stress_fracture": Diagnosis(
        "Stress fracture (femur, tibia, fibula)", "one point on a bone",
        "pain at rest or at night; pain on hopping; sharp bony tenderness; a recent jump in training",
        "pain only during running that settles fully at rest", ("brukner2017", "bmjbp2018itbs"), "prompt"),
    "referred": Diagnosis(
        "Referred from lumbar spine or hip", "outer thigh and knee, with back, buttock or hip pain",
        "pain that changes with back or hip movement; tingling; in a child or teenager, a hip problem "
        "(slipped upper femoral epiphysis) can show as knee pain", "a tender spot at the knee that reproduces the pain",
        ("brukner2017",), "prompt"),
    "gluteal": Diagnosis(
        "Gluteal tendinopathy", "outer hip over the greater trochanter, sometimes down the thigh",
        "pain lying on that side at night; pain on single-leg standing and stairs; more common after about 40",
        "pain centred on the knee with a tender epicondyle", ("grimaldi2015", "brukner2017"), "routine"),
    "infection": Diagnosis(
        "Infection of joint or bone (red flag)", "the whole knee",
        "fever or feeling unwell; a hot, red, swollen knee; pain at rest; unable to bear weight",
        "none: an infection must be excluded by a clinician the same day", ("brukner2017",), "urgent"),
    "tumour": Diagnosis(
        "Tumour (red flag, rare)", "one area of bone or a lump",
        "night or rest pain that keeps growing; a lump; weight loss; in teenagers, bone tumours around the knee",
        "pain clearly tied to running that settles with rest", ("brukner2017",), "urgent"),
}

_T, _A = 1, -1
#: (diagnosis, finding) -> +1 (points towards), -1 (points away); any pair not listed is 0.
FIT: dict[tuple[str, str], int] = {
    ("itbs", "epicondyle_pain"): _T, ("itbs", "run_pattern"): _T, ("itbs", "traumatic_onset"): _A,
    ("itbs", "swelling"): _A, ("itbs", "locking"): _A, ("itbs", "joint_line"): _A,
    ("itbs", "rest_night_pain"): _A, ("itbs", "numbness"): _A, ("itbs", "fever"): _A,
    ("itbs", "posterolateral"): _A,
    ("lateral_meniscus", "traumatic_onset"): _T, ("lateral_meniscus", "swelling"): _T,
    ("lateral_meniscus", "locking"): _T, ("lateral_meniscus", "joint_line"): _T,
    ("lateral_meniscus", "age_over_50"): _T, ("lateral_meniscus", "epicondyle_pain"): _A,
    ("lateral_meniscus", "fever"): _A,
    ("discoid_meniscus", "young"): _T, ("discoid_meniscus", "locking"): _T,
    ("discoid_meniscus", "joint_line"): _T, ("discoid_meniscus", "age_over_50"): _A,
    ("discoid_meniscus", "run_pattern"): _A,
    ("lcl_plc", "traumatic_onset"): _T, ("lcl_plc", "swelling"): _T, ("lcl_plc", "locking"): _T,
    ("lcl_plc", "posterolateral"): _T, ("lcl_plc", "run_pattern"): _A,
    ("biceps_femoris", "posterolateral"): _T, ("biceps_femoris", "run_pattern"): _T,
    ("biceps_femoris", "traumatic_onset"): _A, ("biceps_femoris", "swelling"): _A,
    ("biceps_femoris", "locking"): _A, ("biceps_femoris", "joint_line"): _A,
    ("popliteus", "posterolateral"): _T, ("popliteus", "run_pattern"): _T,
    ("popliteus", "traumatic_onset"): _A, ("popliteus", "locking"): _A, ("popliteus", "epicondyle_pain"): _A,
    ("ptfj", "posterolateral"): _T, ("ptfj", "traumatic_onset"): _T, ("ptfj", "epicondyle_pain"): _A,
    ("peroneal_nerve", "numbness"): _T, ("peroneal_nerve", "posterolateral"): _T,
    ("peroneal_nerve", "swelling"): _A, ("peroneal_nerve", "locking"): _A, ("peroneal_nerve", "joint_line"): _A,
    ("lateral_oa", "age_over_50"): _T, ("lateral_oa", "swelling"): _T, ("lateral_oa", "joint_line"): _T,
    ("lateral_oa", "young"): _A, ("lateral_oa", "epicondyle_pain"): _A,
    ("pfp", "epicondyle_pain"): _A, ("pfp", "joint_line"): _A, ("pfp", "swelling"): _A,
    ("pfp", "traumatic_onset"): _A, ("pfp", "numbness"): _A,
    ("stress_fracture", "rest_night_pain"): _T, ("stress_fracture", "run_pattern"): _A,
    ("stress_fracture", "traumatic_onset"): _A, ("stress_fracture", "locking"): _A,
    ("referred", "hip_or_back"): _T, ("referred", "numbness"): _T, ("referred", "young"): _T,
    ("referred", "epicondyle_pain"): _A, ("referred", "swelling"): _A, ("referred", "locking"): _A,
    ("referred", "joint_line"): _A,
    ("gluteal", "hip_or_back"): _T, ("gluteal", "rest_night_pain"): _T, ("gluteal", "age_over_50"): _T,
    ("gluteal", "epicondyle_pain"): _A, ("gluteal", "swelling"): _A, ("gluteal", "locking"): _A,
    ("infection", "fever"): _T, ("infection", "swelling"): _T, ("infection", "rest_night_pain"): _T,
    ("infection", "run_pattern"): _A,
    ("tumour", "rest_night_pain"): _T, ("tumour", "young"): _T, ("tumour", "run_pattern"): _A,
}

#: What each mark means, for labels and alt text.
FIT_WORDS = {1: "points towards it", 0: "does not separate it", -1: "points away from it"}


def fit(diagnosis: str, finding: str) -> int:
    """+1 if ``finding``, when present, points towards ``diagnosis``; -1 if away from it; 0 if neither."""
    check_choice("diagnosis", diagnosis, DIAGNOSES)
    check_choice("finding", finding, FINDINGS)
    return FIT.get((diagnosis, finding), 0)


def fits_for(finding: str) -> list[tuple[str, int]]:
    """``[(diagnosis, mark), ...]`` for one finding, in table order."""
    check_choice("finding", finding, FINDINGS)
    return [(d, FIT.get((d, finding), 0)) for d in DIAGNOSES]


def _findings(findings: Iterable[str]) -> list[str]:
    if isinstance(findings, str):
        raise TypeError(f"findings must be a list of finding names, not the single string {findings!r}")
    out = []
    for f in findings:
        check_choice("findings", f, FINDINGS)
        if f not in out:
            out.append(f)
    return out


def tally(findings: Iterable[str]) -> dict[str, tuple[int, int]]:
    """For each diagnosis, ``(findings pointing towards it, findings pointing away)`` among ``findings``.

    A finding given twice counts once. An empty list gives (0, 0) everywhere.
    """
    chosen = _findings(findings)
    out = {}
    for d in DIAGNOSES:
        marks = [FIT.get((d, f), 0) for f in chosen]
        out[d] = (marks.count(1), marks.count(-1))
    return out


def ranking(findings: Iterable[str]) -> list[str]:
    """Diagnoses ordered by (towards - away) for ``findings``, best fit first; ties keep table order.

    A teaching device: it shows which conditions the findings leave on the list. A clinician weighs
    findings very unequally (one red flag outweighs everything), which a count cannot do.
    """
    counts = tally(findings)
    order = list(DIAGNOSES)
    return sorted(order, key=lambda d: (-(counts[d][0] - counts[d][1]), order.index(d)))


def red_flags_among(findings: Iterable[str]) -> list[str]:
    """The findings in ``findings`` that are red flags: reasons to be examined promptly."""
    return [f for f in _findings(findings) if FINDINGS[f].red_flag]
