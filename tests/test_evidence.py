"""The evidence registry: well formed, tied to the bibliography, and the only place a cited number is typed.

The numbers check reads every lesson's text and quiz bank. In a sentence that cites a source
(``{footcite:p}`key``` or "Author 2003"), every number typed as digits must be one the registry
holds for that source (a value, SD, range end or n). Numbers written through ``{fact}`id``` come
from the registry and need no check. A sentence that quotes a number its source does not give
fails, naming the lesson, the sentence and the number.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from pybtex.database import parse_file

from itband.course import evidence as E
from itband.course import quiz

ROOT = Path(__file__).resolve().parents[1]
BIB = parse_file(str(ROOT / "book" / "references.bib"))
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
REG = E.registry()


# --------------------------------------------------------------------------- the registry itself

def test_every_study_is_a_key_of_the_bibliography():
    missing = sorted(k for k in REG.studies if k not in BIB.entries)
    assert not missing, f"registry studies without a references.bib entry: {missing}"


def test_every_fact_says_where_it_stands_and_how_it_was_checked():
    for f in REG.facts.values():
        assert f.where.strip() and f.verified.strip() and f.claim.strip(), f.id
        assert f.id.startswith(f.source), f"{f.id}: a fact id starts with its source key ({f.source})"


def test_every_treatment_grade_names_its_studies_or_says_why_not():
    for t in REG.treatments.values():
        assert t.studies or t.grade == "very low", f"{t.id}: graded {t.grade} without a study"
        if t.grade != "high":
            assert t.downgraded_for or not t.studies, f"{t.id}: below high certainty says why"


def test_rendering_follows_the_registry():
    goh = E.fact("goh2003-thickness-femoral")
    assert (goh.value, goh.sd, goh.unit) == (1.95, 0.3, "mm")   # Goh 2003 abstract, as registered
    assert goh.text() == "1.95 ± 0.3 mm"
    assert E.expand("thickness {fact}`goh2003-thickness-femoral`") == "thickness 1.95 ± 0.3 mm"
    assert E.expand("{fact}`goh2003-thickness-femoral:value`") == "1.95"


def test_unknown_ids_and_parts_are_named():
    with pytest.raises(ValueError, match=r"fact_id='goh2003-thickness-femur' is not a fact of the evidence "
                                         r"registry; did you mean goh2003-thickness-femoral"):
        E.fact("goh2003-thickness-femur")
    with pytest.raises(ValueError, match=r"part='mean' is not one of text, value, sd, range, n"):
        E.fact("goh2003-thickness-femoral").part("mean")
    with pytest.raises(TypeError, match=r"fact_id must be a fact id \(a string\)"):
        E.fact(3)


@pytest.mark.parametrize("data, message", [
    ({"studies": {"x2000": {"design": "d", "population": "p", "cebm": 7, "cebm_question": "treatment"}}},
     r"study 'x2000': cebm=7 must be an Oxford CEBM level 1 to 5"),
    ({"facts": {"x2000-a": {"source": "x2000", "claim": "c", "value": "big", "where": "abstract",
                            "verified": "v", "status": "verified"}}},
     r"fact 'x2000-a': value='big' must be a number or null"),
    ({"facts": {"x2000-a": {"source": "x2000", "claim": "c", "value": 1, "where": "abstract",
                            "verified": "v", "status": "probably"}}},
     r"fact 'x2000-a': status='probably' must be one of"),
    ({"facts": {"x2000-a": {"source": "x2000", "claim": "c", "value": 1, "where": "a", "verified": "v",
                            "status": "verified", "range": [3, 1]}}},
     r"fact 'x2000-a': range=\[3, 1\] has low > high"),
    ({"treatments": {"t": {"name": "n", "studies": [], "grade": "weak", "downgraded_for": [], "summary": "s"}}},
     r"treatment 't': grade='weak' must be one of"),
    ({"facts": {"x2000-a": {"source": "x2000", "claim": "c"}}}, r"fact 'x2000-a': missing field"),
])
def test_a_malformed_registry_file_is_named_with_its_entry(data, message):
    with pytest.raises(ValueError, match=r"evidence registry demo\.yaml, " + message):
        E.parse("demo.yaml", data)


def test_a_fact_typed_twice_is_refused():
    one = E.parse("a.yaml", {"studies": {"x2000": {"design": "d", "n": 3, "population": "p", "cebm": 4,
                                                   "cebm_question": "treatment"}}})
    with pytest.raises(ValueError, match=r"b\.yaml, study 'x2000': also defined in a\.yaml"):
        E._merge([("a.yaml", one), ("b.yaml", one)])


@given(value=st.floats(-1e6, 1e6, allow_nan=False), sd=st.floats(0, 1e3, allow_nan=False))
def test_rendered_numbers_read_back_as_the_registered_ones(value, sd):
    f = E.Fact("x-y", "x", "c", value, "mm", "abstract", "v", "verified", "t", sd=sd)
    number, _, rest = f.text().partition(" ± ")
    assert float(number.replace("\u202f", "")) == pytest.approx(value, rel=1e-5, abs=1e-5)
    assert rest.endswith(" mm")


# --------------------------------------------------------------------------- lessons and quizzes

_CITE = re.compile(r"\{footcite(?::[pt])?\}`([^`]+)`|\{cite(?::[pt])?\}`([^`]+)`")
_STRIP = [re.compile(p, re.S) for p in (
    r"\{fact\}`[^`]*`",                 # registry numbers
    r"\$\$.*?\$\$", r"\$[^$\n]+\$",     # maths: worked examples of the course's own models
    r"```.*?```", r"`[^`]*`",           # code
    r"\{(?:term|doc|ref|numref|eq|download|footcite|cite)(?::[pt])?\}`[^`]*`",
    r"\]\([^)]*\)",                     # link targets
    r"<[^>]+>",
)]
_NUMBER = re.compile(r"(?<![\w.\-])(\d+(?:\.\d+)?)(?![\w])")
_NOT_A_FACT = re.compile(r"(?:Lessons?|Figure|Table|question|Exercise|step|week|Week|level|Level|phase|"
                         r"Phase|section|Section|chapter|part|Part|case|Case)\s+$")
_SENTENCE = re.compile(r"(?<=[.!?;])\s+(?=[A-Z*(\[])|\n\s*[-*]\s+|\n\s*\d+\.\s+|\n\n|\n\|")


def _author_year_keys() -> dict[tuple[str, str], str]:
    out = {}
    for key, entry in BIB.entries.items():
        people = entry.persons.get("author") or entry.persons.get("editor") or []
        year = entry.fields.get("year", "")
        if people and year:
            surname = " ".join(people[0].last_names).replace("{", "").replace("}", "")
            out[(surname.split()[-1].lower(), year)] = key
    return out


_AUTHOR_YEAR = _author_year_keys()
_MENTION = re.compile(r"\b([A-Z][^\W\d_]+)(?:\s+(?:et al\.?|and colleagues|&\s+[A-Z][a-z]+|and\s+[A-Z][a-z]+))?"
                      r"(?:'s)?,?\s+\(?((?:19|20)\d\d)\)?")


def cited_keys(sentence: str) -> set[str]:
    keys = set()
    for m in _CITE.finditer(sentence):
        keys.update(k.strip() for k in (m.group(1) or m.group(2)).split(","))
    for m in _MENTION.finditer(sentence):
        key = _AUTHOR_YEAR.get((m.group(1).lower(), m.group(2)))
        if key:
            keys.add(key)
    return keys


def typed_numbers(sentence: str) -> list[float]:
    text = sentence
    for pattern in _STRIP:
        text = pattern.sub(" ", text)
    text = _MENTION.sub(" ", text)                           # the year of "Goh 2003" is not a finding
    out = []
    for m in _NUMBER.finditer(text):
        if _NOT_A_FACT.search(text[:m.start()]):
            continue
        out.append(float(m.group(1)))
    return out


def misquoted(text: str) -> list[str]:
    """Each cited sentence of ``text`` that types a number its sources' registered facts do not hold."""
    problems = []
    for sentence in _SENTENCE.split(text):
        keys = cited_keys(sentence)
        if not keys:
            continue
        allowed = set()
        for key in keys:
            for f in REG.facts_of(key):
                allowed |= f.numbers()
        bad = [n for n in typed_numbers(sentence) if not any(abs(n - a) < 1e-9 for a in allowed)]
        if bad:
            problems.append(f"{sorted(keys)} {', '.join(f'{b:g}' for b in bad)}: "
                            f"{' '.join(sentence.split())[:240]}")
    return problems


def test_the_numbers_check_catches_a_misquote_and_passes_a_fact():
    wrong = misquoted("Ultrasound put the band at 2.95 mm thick at the condyle {footcite:p}`goh2003`.")
    assert wrong and "2.95" in wrong[0]
    assert not misquoted("It was {fact}`goh2003-thickness-femoral` thick {footcite:p}`goh2003`.")
    assert misquoted("Goh and colleagues (2003) measured 2.5 mm.")           # an author-year mention counts
    assert not misquoted("In Lesson 3 we saw 12 runners.")                   # no citation: not a fact claim


def _markdown_cells(path: Path) -> list[tuple[int, str]]:
    nb = json.loads(path.read_text("utf-8"))
    return [(i, "".join(c["source"])) for i, c in enumerate(nb["cells"]) if c["cell_type"] == "markdown"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_lesson_types_a_cited_number_its_source_does_not_give(path):
    problems = [f"cell {i}: {p}" for i, text in _markdown_cells(path) for p in misquoted(text)]
    assert not problems, (f"{path.name}: numbers not in the evidence registry for the cited source "
                          "(write them with {fact}`id`, or register them):\n" + "\n".join(problems))


def _quiz_strings(bank: list[dict]):
    for i, q in enumerate(bank, 1):
        yield f"question {i}", q["question"]
        for a in q.get("answers", []):
            yield f"question {i} answer", str(a.get("answer", ""))
            yield f"question {i} feedback", str(a.get("feedback", ""))


@pytest.mark.parametrize("name", quiz.bank_names())
def test_no_quiz_types_a_cited_number_its_source_does_not_give(name):
    raw = json.loads((ROOT / "itband" / "data" / "quizzes" / f"{name}.json").read_text("utf-8"))
    problems = [f"{where}: {p}" for where, text in _quiz_strings(raw) for p in misquoted(text)]
    assert not problems, f"quiz {name}: numbers not in the registry for the cited source:\n" + "\n".join(problems)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_fact_a_lesson_writes_is_registered(path):
    ids = {m.group(1) for _, text in _markdown_cells(path) for m in E.ROLE.finditer(text)}
    for fid in ids:
        E.fact(fid)


def test_every_quiz_fact_is_registered_and_expanded():
    for name in quiz.bank_names():
        for where, text in _quiz_strings(quiz.load(name)):
            assert "{fact}" not in text, f"quiz {name} {where}: unexpanded fact"


def test_every_registry_file_is_valid_yaml_with_known_sections():
    for path in E.registry_files():
        data = yaml.safe_load(path.read_text("utf-8"))
        assert set(data) <= {"studies", "facts", "treatments"}, path.name
