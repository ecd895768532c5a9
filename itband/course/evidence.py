"""The evidence registry: every cited number of the course, typed once, with its source.

The registry is the YAML files in ``itband/data/evidence/`` (one per topic). Each holds:

``studies``
    one entry per source, keyed by its BibTeX key in ``book/references.bib``:
    ``design`` (plain words), ``n`` (participants, or null), ``population``,
    ``cebm`` (Oxford CEBM 2011 level, 1-5, for the question the course uses it
    for) and ``cebm_question`` (treatment, prognosis, diagnosis, prevalence,
    mechanism or anatomy).
``facts``
    one entry per number or finding, keyed ``<bibkey>-<slug>``: ``source`` (a
    study key), ``claim`` (what the number is), ``value`` (a number, or null for
    a finding without one), optional ``sd``, ``range`` ([low, high]) and ``n``,
    ``unit``, ``where`` (where in the source it stands: abstract, Table 2, p. 583),
    ``verified`` (how it was checked, with the address read), ``status``
    (``verified``: read in the source itself; ``secondary``: read only in a
    source that reports it; ``unverified``: not found, so a lesson must say so
    or not use it) and an optional ``note``.
``treatments`` (optional)
    one entry per option the course rates: ``name``, ``studies`` (keys),
    ``grade`` (GRADE certainty: high, moderate, low, very low),
    ``downgraded_for`` (GRADE domains) and a one-line ``summary``.

Lessons, quizzes and models take facts from here, never by retyping them::

    >>> from itband.course import evidence
    >>> evidence.fact("goh2003-thickness-femoral").text()        # doctest: +SKIP
    '1.95 ± 0.3 mm'

In MyST text (lessons, quiz banks, alt texts) the same fact is written
``{fact}`goh2003-thickness-femoral```; ``:n``, ``:value``, ``:sd`` and
``:range`` after the id give one part of it (``{fact}`goh2003-volunteers:n```).
The book renders the role (``book/_ext/evidence.py``); :func:`expand` does the
same for text that Python shows (quiz banks, alt texts).

A malformed file raises ``ValueError`` naming the file and the entry.
"""
from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass
from importlib import resources

import yaml

#: The status a fact may have, strongest first.
STATUSES = ("verified", "secondary", "unverified")
#: GRADE certainty levels, highest first.
GRADES = ("high", "moderate", "low", "very low")
#: The GRADE domains a body of evidence may be downgraded for.
GRADE_DOMAINS = ("risk of bias", "inconsistency", "indirectness", "imprecision", "publication bias")
#: What each Oxford CEBM 2011 level means, in short (the level depends on the question asked).
CEBM_LEVELS = {
    1: "systematic review (of randomised trials, for treatment)",
    2: "randomised trial, or a cohort with a dramatic effect",
    3: "non-randomised controlled cohort or follow-up study",
    4: "case series, case-control or historically controlled study",
    5: "mechanism-based reasoning (laboratory, cadaver, model or expert review)",
}
CEBM_QUESTIONS = ("treatment", "prognosis", "diagnosis", "prevalence", "mechanism", "anatomy")
#: The parts of a fact a role may ask for.
PARTS = ("text", "value", "sd", "range", "n")
#: ``{fact}`id``` or ``{fact}`id:part``` in MyST text.
ROLE = re.compile(r"\{fact\}`([a-z0-9][a-z0-9-]*)(?::([a-z]+))?`")

_STUDY_FIELDS = {"design", "n", "population", "cebm", "cebm_question"}
_FACT_FIELDS = {"source", "claim", "value", "sd", "range", "unit", "n", "where", "verified", "status", "note"}
_TREATMENT_FIELDS = {"name", "studies", "grade", "downgraded_for", "summary"}
#: Units written straight after the number, without a space.
_TIGHT_UNITS = {"deg": "°", "°": "°", "/10": "/10"}
#: Units that are not printed.
_SILENT_UNITS = {None, "", "count", "ratio", "score", "none", "SMD", "Z", "p", "points"}


def _number(x: float) -> str:
    """A number as the source reports it: 1.95, 16, 0.74 (no float noise, no trailing .0)."""
    if isinstance(x, bool):
        raise TypeError("a fact's number cannot be a bool")
    if isinstance(x, int) or float(x).is_integer() and abs(x) >= 1:
        return f"{int(x):,}".replace(",", "\u202f") if abs(x) >= 10000 else str(int(x))
    return f"{x:g}"


@dataclass(frozen=True)
class Study:
    """One source: its design, size and level of evidence."""

    key: str                    #: BibTeX key in ``book/references.bib``
    design: str
    n: int | None               #: participants (None where it does not apply)
    population: str
    cebm: int                   #: Oxford CEBM 2011 level, 1 (strongest) to 5
    cebm_question: str
    topic: str                  #: the registry file it is in

    @property
    def cebm_text(self) -> str:
        """``'4 (case series, ...)'``."""
        return f"{self.cebm} ({CEBM_LEVELS[self.cebm]})"


@dataclass(frozen=True)
class Fact:
    """One number or finding from one source, with where it stands there."""

    id: str
    source: str                 #: a :class:`Study` key
    claim: str
    value: float | None
    unit: str | None
    where: str
    verified: str
    status: str
    topic: str
    sd: float | None = None
    range: tuple[float, float] | None = None
    n: int | None = None
    note: str | None = None

    def _with_unit(self, number: str) -> str:
        unit = self.unit
        if unit in _SILENT_UNITS:
            return number
        if unit in _TIGHT_UNITS:
            return number + _TIGHT_UNITS[unit]
        return f"{number} {unit}"

    def part(self, part: str = "text") -> str:
        """The fact as text: ``text`` (value ± SD with unit, or the range), or one part of it."""
        if part not in PARTS:
            raise ValueError(f"part={part!r} is not one of {', '.join(PARTS)} (fact {self.id!r})")
        if part == "n":
            if self.n is None:
                raise ValueError(f"fact {self.id!r} has no n")
            return _number(self.n)
        if part == "value":
            if self.value is None:
                raise ValueError(f"fact {self.id!r} has no value (it is a finding: {self.claim!r})")
            return _number(self.value)
        if part == "sd":
            if self.sd is None:
                raise ValueError(f"fact {self.id!r} has no SD")
            return self._with_unit(_number(self.sd))
        if part == "range":
            if self.range is None:
                raise ValueError(f"fact {self.id!r} has no range")
            return self._with_unit("\u2013".join(_number(x) for x in self.range))
        if self.value is None:
            if self.range is not None:
                return self.part("range")
            raise ValueError(f"fact {self.id!r} has no value (it is a finding: {self.claim!r})")
        if self.sd is not None:
            return self._with_unit(f"{_number(self.value)} ± {_number(self.sd)}")
        return self._with_unit(_number(self.value))

    def text(self) -> str:
        """``'1.95 ± 0.3 mm'``: what a lesson prints for this fact."""
        return self.part("text")

    def numbers(self) -> set[float]:
        """Every number this fact holds (value, SD, range ends, n): what a lesson may quote from it."""
        out = {float(x) for x in (self.value, self.sd, self.n) if x is not None}
        out.update(float(x) for x in (self.range or ()))
        return out


@dataclass(frozen=True)
class Treatment:
    """One option the course rates, graded on GRADE from the studies that test it."""

    id: str
    name: str
    studies: tuple[str, ...]
    grade: str                  #: GRADE certainty: high, moderate, low or very low
    downgraded_for: tuple[str, ...]
    summary: str
    topic: str


@dataclass(frozen=True)
class Registry:
    studies: dict[str, Study]
    facts: dict[str, Fact]
    treatments: dict[str, Treatment]

    def facts_of(self, key: str) -> list[Fact]:
        """Every fact from study ``key``."""
        return [f for f in self.facts.values() if f.source == key]


def _fail(file: str, where: str, message: str):
    raise ValueError(f"evidence registry {file}, {where}: {message}")


def _check_fields(file: str, where: str, entry, allowed: set[str], required: set[str]) -> None:
    if not isinstance(entry, dict):
        _fail(file, where, f"expected a mapping of fields, got {type(entry).__name__}")
    unknown = set(entry) - allowed
    if unknown:
        _fail(file, where, f"unknown field(s) {sorted(unknown)}; allowed: {sorted(allowed)}")
    missing = required - set(entry)
    if missing:
        _fail(file, where, f"missing field(s) {sorted(missing)}")


def _opt_number(file: str, where: str, name: str, x, integer: bool = False):
    if x is None:
        return None
    if isinstance(x, bool) or not isinstance(x, (int, float)) or (integer and not isinstance(x, int)):
        _fail(file, where, f"{name}={x!r} must be {'a whole number' if integer else 'a number'} or null")
    return x


def parse(file: str, data) -> Registry:
    """Check one registry file's content (``file`` names it in errors) and return its entries."""
    if not isinstance(data, dict):
        _fail(file, "top level", "expected a mapping with 'studies' and 'facts'")
    unknown = set(data) - {"studies", "facts", "treatments"}
    if unknown:
        _fail(file, "top level", f"unknown section(s) {sorted(unknown)}")
    topic = file.rsplit("/", 1)[-1].removesuffix(".yaml")
    studies, facts, treatments = {}, {}, {}
    for key, s in (data.get("studies") or {}).items():
        where = f"study {key!r}"
        _check_fields(file, where, s, _STUDY_FIELDS, _STUDY_FIELDS - {"n"})
        if s["cebm"] not in CEBM_LEVELS:
            _fail(file, where, f"cebm={s['cebm']!r} must be an Oxford CEBM level 1 to 5")
        if s["cebm_question"] not in CEBM_QUESTIONS:
            _fail(file, where, f"cebm_question={s['cebm_question']!r} must be one of {CEBM_QUESTIONS}")
        studies[key] = Study(key, str(s["design"]), _opt_number(file, where, "n", s.get("n"), True),
                             str(s["population"]), s["cebm"], s["cebm_question"], topic)
    for fid, f in (data.get("facts") or {}).items():
        where = f"fact {fid!r}"
        _check_fields(file, where, f, _FACT_FIELDS, {"source", "claim", "value", "where", "verified", "status"})
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", str(fid)):
            _fail(file, where, "an id is lowercase letters, digits and hyphens")
        if f["status"] not in STATUSES:
            _fail(file, where, f"status={f['status']!r} must be one of {STATUSES}")
        rng = f.get("range")
        if rng is not None:
            if (not isinstance(rng, list) or len(rng) != 2
                    or not all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in rng)):
                _fail(file, where, f"range={rng!r} must be [low, high]")
            if rng[0] > rng[1]:
                _fail(file, where, f"range={rng!r} has low > high")
            rng = (rng[0], rng[1])
        facts[fid] = Fact(
            id=fid, source=str(f["source"]), claim=str(f["claim"]),
            value=_opt_number(file, where, "value", f["value"]), unit=f.get("unit"),
            where=str(f["where"]), verified=str(f["verified"]), status=f["status"], topic=topic,
            sd=_opt_number(file, where, "sd", f.get("sd")), range=rng,
            n=_opt_number(file, where, "n", f.get("n"), True), note=f.get("note"))
    for tid, t in (data.get("treatments") or {}).items():
        where = f"treatment {tid!r}"
        _check_fields(file, where, t, _TREATMENT_FIELDS, _TREATMENT_FIELDS)
        if t["grade"] not in GRADES:
            _fail(file, where, f"grade={t['grade']!r} must be one of {GRADES}")
        bad = [d for d in t["downgraded_for"] or [] if d not in GRADE_DOMAINS]
        if bad:
            _fail(file, where, f"downgraded_for has {bad}; GRADE domains are {GRADE_DOMAINS}")
        treatments[tid] = Treatment(tid, str(t["name"]), tuple(t["studies"] or ()), t["grade"],
                                    tuple(t["downgraded_for"] or ()), str(t["summary"]), topic)
    return Registry(studies, facts, treatments)


def _merge(parts: list[tuple[str, Registry]]) -> Registry:
    studies, facts, treatments = {}, {}, {}
    origin: dict[tuple[str, str], str] = {}
    for file, reg in parts:
        for kind, mine, into in (("study", reg.studies, studies), ("fact", reg.facts, facts),
                                 ("treatment", reg.treatments, treatments)):
            for key, entry in mine.items():
                if key in into:
                    _fail(file, f"{kind} {key!r}", f"also defined in {origin[kind, key]}: type it once")
                into[key] = entry
                origin[kind, key] = file
    for f in facts.values():
        if f.source not in studies:
            _fail(f.topic + ".yaml", f"fact {f.id!r}", f"source {f.source!r} is not a study of the registry")
    for t in treatments.values():
        for key in t.studies:
            if key not in studies:
                _fail(t.topic + ".yaml", f"treatment {t.id!r}", f"study {key!r} is not in the registry")
    return Registry(studies, facts, treatments)


def registry_files() -> list:
    """The registry's YAML files, in name order."""
    folder = resources.files("itband.data").joinpath("evidence")
    return sorted((p for p in folder.iterdir() if p.name.endswith(".yaml")), key=lambda p: p.name)


@functools.lru_cache(maxsize=1)
def registry() -> Registry:
    """The whole registry, read once from ``itband/data/evidence/*.yaml``."""
    parts = []
    for entry in registry_files():
        file = f"itband/data/evidence/{entry.name}"
        try:
            data = yaml.safe_load(entry.read_text("utf-8"))
        except yaml.YAMLError as err:
            mark = getattr(err, "problem_mark", None)
            line = f"line {mark.line + 1}" if mark else "unknown line"
            raise ValueError(f"evidence registry {file}, {line}: not valid YAML ({err})") from None
        parts.append((file, parse(file, data)))
    return _merge(parts)


def _lookup(param: str, kind: str, key: str, table: dict):
    if not isinstance(key, str):
        raise TypeError(f"{param} must be a {kind} id (a string), got {type(key).__name__} {key!r}")
    try:
        return table[key]
    except KeyError:
        close = difflib.get_close_matches(key, list(table), n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise ValueError(f"{param}={key!r} is not a {kind} of the evidence registry{hint}") from None


def fact(fact_id: str) -> Fact:
    """The fact ``fact_id`` (``ValueError`` naming it, with close ids, when it is not registered)."""
    return _lookup("fact_id", "fact", fact_id, registry().facts)


def value(fact_id: str) -> float:
    """The number of fact ``fact_id``, for models: ``value("goh2003-thickness-femoral")`` -> 1.95."""
    f = fact(fact_id)
    if f.value is None:
        raise ValueError(f"fact_id={fact_id!r} has no value (it is a finding: {f.claim!r})")
    return f.value


def study(key: str) -> Study:
    """The study with BibTeX key ``key``."""
    return _lookup("key", "study", key, registry().studies)


def treatment(treatment_id: str) -> Treatment:
    """The GRADE rating of option ``treatment_id``."""
    return _lookup("treatment_id", "treatment", treatment_id, registry().treatments)


def render(fact_id: str, part: str | None = None) -> str:
    """What ``{fact}`fact_id:part``` stands for."""
    if part is not None and part not in PARTS:
        raise ValueError(f"part={part!r} is not one of {', '.join(PARTS)}")
    return fact(fact_id).part(part or "text")


def expand(text: str) -> str:
    """Replace every ``{fact}`id``` (or ``{fact}`id:part```) in ``text`` with the registered value."""
    if not isinstance(text, str):
        raise TypeError(f"text must be a string, got {type(text).__name__}")
    return ROLE.sub(lambda m: render(m.group(1), m.group(2)), text)
