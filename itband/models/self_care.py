"""Self-care options for iliotibial band syndrome, each rated against the evidence.

Every option has four ratings:

* ``certainty``: how sure we can be of the evidence about it, on the GRADE scale (high,
  moderate, low, very low), with the reasons for downgrading. It is not typed here: it is the
  option's entry in the evidence registry's ``treatments`` (:func:`itband.course.evidence.treatment`),
  with the design and size of each study behind it (:func:`itband.course.evidence.study`).
* ``benefit`` (0 none expected, 1 small or short-lived, 2 worthwhile, 3 central),
  ``risk`` (0 negligible, 1 small: soreness, bruising, a flare if misused, side effects;
  2 a procedure with its own risks; 3 serious) and ``cost`` (0 free, 1 cheap, 2 moderate,
  3 expensive or clinician-only): **the course's judgement**, each with its reason and the
  registry studies it rests on. A rating with no study is the course's judgement alone.

The options and the popular advice about them are data, in ``itband/data/self_care_options.yaml``;
numbers in their reasons are ``{fact}`` roles, filled in from the registry. Nothing here reads
the bibliography: every source is a study of the registry.

The roller model (:func:`roller_force_n`, :func:`pressure_kpa`) compares like with like: the
pressure under a foam roller (force over an assumed contact area) with the pressure of the
manual forces that a mathematical model found to compress fascia locally (Chaudhry et al. 2014),
spread over an assumed hand contact area, because the model's abstract states no area. Both
areas are the course's assumptions. A model of the stiffer fascia lata found that even 1 %
compression and shear needs forces outside the physiological range (Chaudhry et al. 2008). No
model or trial shows that rolling lengthens the band.

The ratings educate; they do not replace a clinician's advice.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

import yaml

from ..course import evidence
from ..course.validate import check_choice, check_number
from .anatomy import STRUCTURES
from .constants import G_MPS2

#: The four criteria, in table order.
CRITERIA = ("certainty", "benefit", "risk", "cost")
#: The three the course judges (0-3); certainty comes from the registry.
JUDGED = ("benefit", "risk", "cost")
CRITERION_LABELS = {
    "certainty": "Certainty of evidence (GRADE)",
    "benefit": "Likely benefit",
    "risk": "Risk",
    "cost": "Cost",
}
#: Criteria where a higher rating is better (the others: higher is worse).
HIGHER_IS_BETTER = {"certainty": True, "benefit": True, "risk": False, "cost": False}
#: Words for each level of the judged criteria (index = rating 0-3).
LEVEL_WORDS = {
    "benefit": ("none expected", "small", "worthwhile", "central"),
    "risk": ("negligible", "small", "a procedure", "serious"),
    "cost": ("free", "cheap", "moderate", "expensive"),
}
#: GRADE levels, highest first, and the number of filled circles GRADE draws for each.
GRADES = evidence.GRADES
GRADE_SYMBOLS = {g: len(GRADES) - i for i, g in enumerate(GRADES)}
#: Verdicts on popular advice, from best to worst supported.
VERDICTS = ("supported", "partly supported", "plausible, untested", "opinion, untested", "not supported")
#: What a rating without a study is.
JUDGEMENT = "course judgement"

DATA_FILE = "self_care_options.yaml"


@dataclass(frozen=True)
class Rating:
    """One 0-3 rating of the course's judgement, with its reason and the registry studies behind it."""

    value: int
    reason: str
    sources: tuple[str, ...]

    @property
    def judgement_only(self) -> bool:
        """True when no study stands behind the rating: the course's judgement alone."""
        return not self.sources


@dataclass(frozen=True)
class SelfCareOption:
    """A self-care option (or a treatment a clinician may offer) and its ratings.

    ``targets`` are keys of :data:`itband.models.anatomy.STRUCTURES` it acts on (the first is
    highlighted in the explorer); ``how`` says what it does and why.
    """

    key: str
    label: str
    benefit: Rating
    risk: Rating
    cost: Rating
    targets: tuple[str, ...]
    how: str
    clinician_only: bool = False

    @property
    def grade(self) -> evidence.Treatment:
        """The GRADE rating of this option in the evidence registry."""
        return evidence.treatment(self.key)

    def rating(self, criterion: str) -> Rating:
        """The course's rating of ``criterion`` (one of :data:`JUDGED`)."""
        check_choice("criterion", criterion, JUDGED)
        return getattr(self, criterion)

    def score(self, criterion: str) -> int:
        """A number for sorting: the GRADE level (1 very low ... 4 high) or the 0-3 rating."""
        check_choice("criterion", criterion, CRITERIA)
        if criterion == "certainty":
            return GRADE_SYMBOLS[self.grade.grade]
        return self.rating(criterion).value

    @property
    def sources(self) -> tuple[str, ...]:
        """Every study behind this option, GRADE studies first, in order, without repeats."""
        seen: list[str] = []
        for key in self.grade.studies + tuple(k for c in JUDGED for k in getattr(self, c).sources):
            if key not in seen:
                seen.append(key)
        return tuple(seen)


@dataclass(frozen=True)
class AdviceClaim:
    """A piece of popular advice, in the course's words, and its verdict with sources."""

    key: str
    claim: str
    option: str
    verdict: str
    reason: str
    sources: tuple[str, ...]
    short: str


def _fail(where: str, message: str):
    raise ValueError(f"{DATA_FILE}, {where}: {message}")


def _rating(where: str, raw) -> Rating:
    if not isinstance(raw, dict) or set(raw) != {"value", "reason", "sources"}:
        _fail(where, "a rating needs exactly value, reason and sources")
    value = raw["value"]
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 3:
        _fail(where, f"value={value!r} must be a whole number 0 to 3")
    sources = tuple(raw["sources"] or ())
    for key in sources:
        if key not in evidence.registry().studies:
            _fail(where, f"source {key!r} is not a study of the evidence registry")
    return Rating(value, evidence.expand(str(raw["reason"])), sources)


def parse(data) -> tuple[dict[str, str], dict[str, SelfCareOption], dict[str, AdviceClaim]]:
    """Check the content of the data file and return (labels, options, advice)."""
    if not isinstance(data, dict) or set(data) != {"labels", "options", "advice"}:
        _fail("top level", "expected the sections labels, options and advice")
    labels = {str(k): str(v) for k, v in data["labels"].items()}
    options = {}
    for key, o in data["options"].items():
        where = f"option {key!r}"
        if key not in evidence.registry().treatments:
            _fail(where, "has no GRADE rating in the evidence registry's treatments")
        targets = tuple(o["targets"])
        bad = [t for t in targets if t not in STRUCTURES]
        if bad or not targets:
            _fail(where, f"targets {bad or '[]'} are not structures of itband.models.anatomy")
        options[key] = SelfCareOption(
            key, str(o["label"]), *(_rating(f"{where} {c}", o[c]) for c in JUDGED), targets,
            evidence.expand(str(o["how"])), bool(o.get("clinician_only", False)))
    advice = {}
    for key, a in data["advice"].items():
        where = f"advice {key!r}"
        if a["option"] not in options:
            _fail(where, f"option {a['option']!r} is not a rated option")
        if a["verdict"] not in VERDICTS:
            _fail(where, f"verdict {a['verdict']!r} is not one of {VERDICTS}")
        for s in a["sources"]:
            if s not in evidence.registry().studies:
                _fail(where, f"source {s!r} is not a study of the evidence registry")
        advice[key] = AdviceClaim(key, str(a["claim"]), a["option"], a["verdict"],
                                  evidence.expand(str(a["reason"])), tuple(a["sources"]), str(a["short"]))
    return labels, options, advice


@functools.lru_cache(maxsize=1)
def _load():
    text = resources.files("itband.data").joinpath(DATA_FILE).read_text("utf-8")
    return parse(yaml.safe_load(text))


SOURCE_LABELS, OPTIONS, ADVICE_CLAIMS = _load()


def option(name: str) -> SelfCareOption:
    """Return the option ``name`` (a key of :data:`OPTIONS`); the error lists the valid ones."""
    check_choice("name", name, list(OPTIONS))
    return OPTIONS[name]


def all_sources() -> set[str]:
    """Every study named by a rating, a GRADE entry of a rated option or an advice verdict."""
    keys = {k for opt in OPTIONS.values() for k in opt.sources}
    keys |= {k for c in ADVICE_CLAIMS.values() for k in c.sources}
    return keys


def source_label(key: str) -> str:
    """A short author-year name of a registry study ``key``, e.g. ``'Schwellnus et al. 1991'``."""
    check_choice("key", key, list(evidence.registry().studies))
    return SOURCE_LABELS.get(key, key)


def study_text(key: str) -> str:
    """A study with its design and size, from the registry: ``'Gunter & Schwellnus 2004 (randomised ..., n = 18)'``."""
    label = source_label(key)
    s = evidence.study(key)
    if s.n is None:
        n = ""
    elif "review" in s.design.lower():
        n = f", {s.n} studies"       # a review's n counts studies, not people
    else:
        n = f", n = {s.n}"
    return f"{label} ({s.design}{n})"


def sort_options(by: str = "certainty") -> list[str]:
    """Option names ordered best first by one criterion (ties keep the table order).

    Best first means highest certainty or benefit, lowest risk or cost.
    """
    check_choice("by", by, CRITERIA)
    names = list(OPTIONS)
    sign = -1 if HIGHER_IS_BETTER[by] else 1
    return sorted(names, key=lambda n: (sign * OPTIONS[n].score(by), names.index(n)))


# --------------------------------------------------------------------------- the roller and the band

#: Normal (pressing) force that a model found to compress fascia by about 9 % under a hand, N
#: (Chaudhry et al. 2014, abstract; registry ``chaudhry2014-fascia-forces``).
FASCIA_COMPRESSION_FORCE_N = evidence.value("chaudhry2014-fascia-forces")
#: The course's ASSUMPTION for the model's hand contact: from the heel of a hand (about 25 cm²) to a
#: whole palm (about 100 cm²). The model's abstract states no area.
HAND_CONTACT_AREA_CM2 = (25.0, 100.0)
#: The course's ASSUMPTION for the contact of a thigh on a foam roller: a strip about 10 cm by 4 cm.
ROLLER_CONTACT_AREA_CM2 = 40.0
#: Contact areas the explorer allows, cm².
CONTACT_AREA_RANGE_CM2 = (10.0, 200.0)


def roller_force_n(body_mass_kg: float, share_on_roller_pct: float) -> float:
    """Force pressing the thigh into a foam roller, N: body weight times the share on the roller.

    ``body_mass_kg`` 30-200 kg; ``share_on_roller_pct`` 0-100 % (the rest is on the hands and
    the other foot). 70 kg with half on the roller: 70 x 9.81 x 0.5 = 343 N.
    """
    m = check_number("body_mass_kg", body_mass_kg, 30, 200, "kg")
    share = check_number("share_on_roller_pct", share_on_roller_pct, 0, 100, "%")
    return m * G_MPS2 * share / 100.0


def pressure_kpa(force_n: float, contact_area_cm2: float) -> float:
    """Mean pressure of ``force_n`` newtons (0-5000) over ``contact_area_cm2`` (10-200 cm²), kPa.

    1 cm² = 1e-4 m², so 343 N over 40 cm² is 343 / 0.004 Pa = 85.8 kPa.
    """
    f = check_number("force_n", force_n, 0, 5000, "N")
    a = check_number("contact_area_cm2", contact_area_cm2, *CONTACT_AREA_RANGE_CM2, "cm²")
    return f / (a * 1e-4) / 1000.0


def hand_pressure_range_kpa() -> tuple[float, float]:
    """The pressure of the model's fascia-compressing force over the assumed hand areas, kPa (low, high)."""
    big, small = HAND_CONTACT_AREA_CM2[1], HAND_CONTACT_AREA_CM2[0]
    return (pressure_kpa(FASCIA_COMPRESSION_FORCE_N, big), pressure_kpa(FASCIA_COMPRESSION_FORCE_N, small))


@dataclass(frozen=True)
class RollerComparison:
    """The roller's pressure beside the model hand's, all in kPa."""

    body_mass_kg: float
    share_on_roller_pct: float
    contact_area_cm2: float
    force_n: float
    roller_kpa: float
    hand_kpa: tuple[float, float]

    @property
    def verdict(self) -> str:
        """"below", "within" or "above" the model hand's pressure range."""
        lo, hi = self.hand_kpa
        return "below" if self.roller_kpa < lo else ("above" if self.roller_kpa > hi else "within")


def compare_roller(body_mass_kg: float = 70.0, share_on_roller_pct: float = 50.0,
                   contact_area_cm2: float = ROLLER_CONTACT_AREA_CM2) -> RollerComparison:
    """The pressure under the roller and the model hand's pressure range (see the module docstring)."""
    f = roller_force_n(body_mass_kg, share_on_roller_pct)
    area = check_number("contact_area_cm2", contact_area_cm2, *CONTACT_AREA_RANGE_CM2, "cm²")
    return RollerComparison(float(body_mass_kg), float(share_on_roller_pct), area, f,
                            pressure_kpa(f, area), hand_pressure_range_kpa())
