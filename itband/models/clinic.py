"""The clinician's tools for ITBS: the clinical tests, imaging reference values, and the treatments
offered in clinic with their GRADE ratings.

Every cited number is read from the evidence registry (:mod:`itband.course.evidence`):

* normal band thickness by ultrasound, Goh et al. 2003 (``goh2003-thickness-femoral``, ``-tibial``);
* band thickness on MRI in 7 knees with ITBS and 10 control knees, Ekman et al. 1994
  (``ekman1994-thickness-itbs``, ``-control``);
* the treatments' GRADE ratings (``nsaids``, ``corticosteroid_injection``,
  ``physiotherapy_programme``, ``surgery`` in ``treatment.yaml``).

:func:`cutoff_performance` is the course's own illustration, not a published accuracy: it treats
Ekman's two small groups as normal distributions to show how any thickness cut-off trades
sensitivity against specificity. No study has validated a thickness cut-off for ITBS.
"""
from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass

from ..course import evidence
from ..course.html import HtmlOutput
from ..course.validate import check_choice, check_number

# --------------------------------------------------------------------------- clinical tests


@dataclass(frozen=True)
class ClinicalTest:
    """One examination test: how it is done, what it is thought to test, and what is known of it."""

    name: str
    how: str                 #: how it is done, in steps
    positive: str            #: what counts as positive
    thought_to_test: str
    known: str               #: what has been measured (reliability, validity), with its sources
    not_known: str           #: what has never been measured
    accuracy_study: bool     #: has any study measured its sensitivity/specificity for ITBS?
    sources: tuple[str, ...]


TESTS: dict[str, ClinicalTest] = {
    "noble": ClinicalTest(
        "Noble compression test",
        "Lying on the back, knee bent to about 90°. The examiner presses a thumb on the band over the "
        "lateral femoral epicondyle and straightens the knee slowly.",
        "the runner's own pain comes back near 30° of knee bend",
        "compression of the tissue under the band against the epicondyle, in the 20-30° zone",
        "Described in clinical references; no reliability study was found.",
        "its reliability, and its sensitivity and specificity for ITBS", False,
        ("karageanes2022", "bmjbp2018itbs")),
    "ober": ClinicalTest(
        "Ober test",
        "Lying on the good side, lower hip and knee bent. The examiner lifts the top leg, knee bent 90°, "
        "into abduction and slight extension, then lets it fall towards the couch.",
        "the thigh stays up: it does not drop to horizontal",
        "traditionally 'tightness' of the band and TFL; a cadaver study reports that the hip abductors "
        "(gluteus medius and minimus) and the hip capsule limit it, not the band",
        "Intra-rater reliability with an inclinometer (the same examiner, repeated); no inter-rater "
        "figure from that study. Men with ITBS differed from controls by only about a degree.",
        "its inter-rater reliability in that study, and any sensitivity or specificity for ITBS", False,
        ("reese2003", "willett2016", "noehren2014")),
    "modified_ober": ClinicalTest(
        "Modified Ober test",
        "As the Ober test, but with the top knee straight, which is gentler on the knee.",
        "the straight leg stays above horizontal",
        "the same structures as the Ober test (the straight knee adds tension along the thigh)",
        "Intra-rater reliability with an inclinometer, in the same study as the Ober test, which also "
        "compared the two versions' readings: re-test with the same version.",
        "its inter-rater reliability in that study, and any accuracy for ITBS", False,
        ("reese2003",)),
    "renne": ClinicalTest(
        "Renne test",
        "Standing on the painful leg, the runner bends the knee slowly to about 30-40° and back.",
        "the runner's lateral knee pain (sometimes a creak) near 30-40° of bend",
        "compression of the band's underside under body weight, in single-leg stance",
        "Listed among the provocative tests in clinical references; no reliability study was found.",
        "its reliability and accuracy", False,
        ("karageanes2022",)),
    "modified_thomas": ClinicalTest(
        "Modified Thomas test",
        "Sitting at the end of the couch, the runner rolls back holding the other knee to the chest; the "
        "tested leg hangs. The examiner reads hip extension, knee bend and whether the thigh drifts outwards.",
        "the thigh stays above horizontal (hip flexors), the knee bends less than about 80° (rectus femoris), "
        "or the thigh drifts outwards (read as TFL/band)",
        "the length of the hip flexors, rectus femoris and TFL/band together",
        "Hip-extension readings are reliable between raters with an inclinometer or goniometer in healthy "
        "people, but poorly valid unless pelvic tilt is controlled; pass/fail scoring of the knee reading "
        "agrees poorly; reference ranges exist for elite athletes.",
        "the reliability of the TFL/band (outward drift) reading, and any accuracy for ITBS", False,
        ("bmjbp2018itbs", "clapis2008", "vigotsky2016", "peeler2008", "harvey1998")),
}


def test_info(test: str) -> ClinicalTest:
    """The :class:`ClinicalTest` named ``test`` (``noble``, ``ober``, ``modified_ober``, ``renne``,
    ``modified_thomas``)."""
    check_choice("test", test, TESTS)
    return TESTS[test]


def tests_without_accuracy_study() -> list[str]:
    """The tests for which no study has measured sensitivity or specificity for ITBS."""
    return [k for k, t in TESTS.items() if not t.accuracy_study]


# --------------------------------------------------------------------------- imaging

LEVELS = ("femoral", "tibial")


def normal_thickness_mm(level: str = "femoral") -> tuple[float, float]:
    """Normal band thickness by ultrasound, ``(mean, SD)`` in mm, at the ``femoral`` or ``tibial``
    condyle (Goh et al. 2003, 31 healthy volunteers)."""
    check_choice("level", level, LEVELS)
    f = evidence.fact(f"goh2003-thickness-{level}")
    return f.value, f.sd


def thickness_z(thickness_mm: float, level: str = "femoral") -> float:
    """How many normal SDs ``thickness_mm`` lies above (+) or below (-) Goh's normal mean at ``level``."""
    t = check_number("thickness_mm", thickness_mm, 0, 30, "mm", lo_open=True)
    mean, sd = normal_thickness_mm(level)
    return (t - mean) / sd


def upper_reference_mm(level: str = "femoral", k_sd: float = 2.0) -> float:
    """The normal mean plus ``k_sd`` SDs at ``level``: a conventional upper reference, in mm."""
    k = check_number("k_sd", k_sd, 0, 5)
    mean, sd = normal_thickness_mm(level)
    return mean + k * sd


def ekman_groups() -> dict[str, tuple[float, float, int]]:
    """Band thickness on MRI over the epicondyle, ``{group: (mean, SD, n)}`` in mm (Ekman et al. 1994)."""
    out = {}
    for group in ("itbs", "control"):
        f = evidence.fact(f"ekman1994-thickness-{group}")
        out[group] = (f.value, f.sd, f.n)
    return out


def _phi(z: float) -> float:
    return 0.5 * (1.0 + math.erf(z / math.sqrt(2.0)))


#: Cut-offs the explorer offers, mm.
CUTOFF_RANGE_MM = (1.0, 8.0)


def cutoff_performance(cutoff_mm: float) -> tuple[float, float]:
    """Illustrative ``(sensitivity, specificity)`` of calling a band "thick" above ``cutoff_mm``.

    Treats Ekman's ITBS and control groups as normal distributions (the course's assumption; with
    7 and 10 knees the real spread is very uncertain). Sensitivity = share of the ITBS group above
    the cut-off; specificity = share of the control group at or below it.
    """
    c = check_number("cutoff_mm", cutoff_mm, *CUTOFF_RANGE_MM, unit="mm")
    groups = ekman_groups()
    m1, s1, _ = groups["itbs"]
    m0, s0, _ = groups["control"]
    return 1.0 - _phi((c - m1) / s1), _phi((c - m0) / s0)


# --------------------------------------------------------------------------- treatments in clinic

#: The options a clinician may offer, as rated in the registry, in the lesson's order.
CLINIC_TREATMENTS = ("nsaids", "corticosteroid_injection", "physiotherapy_programme", "surgery")


def treatment_rows() -> list[dict]:
    """One row per clinic option: name, GRADE certainty, reasons for downgrading, its studies
    (key, design, n, CEBM level) and the registry's one-line summary."""
    rows = []
    for tid in CLINIC_TREATMENTS:
        t = evidence.treatment(tid)
        studies = [evidence.study(k) for k in t.studies]
        rows.append({"id": tid, "name": t.name, "grade": t.grade, "downgraded_for": t.downgraded_for,
                     "studies": [(s.key, s.design, s.n, s.cebm) for s in studies], "summary": t.summary})
    return rows


def author_year(key: str) -> str:
    """``'schwellnus1991'`` -> ``'Schwellnus 1991'``: a study key as a reader names it."""
    evidence.study(key)  # a registered study key, or an error naming key
    m = re.match(r"([a-z]+)(\d{4})", key)
    return f"{m.group(1).capitalize()} {m.group(2)}" if m else key


def treatment_table() -> HtmlOutput:
    """The clinic options, read from the registry (HTML in Jupyter and the book, text elsewhere):
    one block per option, so that it reads on a phone too."""
    e = html.escape
    blocks, text = [], []
    for r in treatment_rows():
        studies = "".join(
            f"<li>{e(author_year(k))}: {e(d)}; n = {n if n is not None else 'not applicable'}; CEBM level {c}</li>"
            for k, d, n, c in r["studies"])
        down = ", ".join(r["downgraded_for"]) or "not downgraded"
        blocks.append(f"<div class='clinic-grade'><p><strong>{e(r['name'])}</strong><br>GRADE certainty: "
                      f"<strong>{e(r['grade'])}</strong> (downgraded for {e(down)})</p><ul>{studies}</ul>"
                      f"<p>{e(r['summary'])}</p></div>")
        text.append(f"{r['name']}: {r['grade']} ({down})")
    return HtmlOutput("".join(blocks), "\n".join(text))
