"""Bad input everywhere: every public function and class of ``itband`` refuses a bad value with a
``ValueError`` or ``TypeError`` that names the parameter the caller passed.

The test walks the package instead of listing functions by hand. For each public callable it
fills every parameter with a valid value (its default, or one from :data:`VALID` by name), then
gives one parameter at a time each of a set of bad values chosen by the parameter's kind:

* numbers: NaN, ±inf, ±1e9, a string, None, a list and True;
* choices (a string that must be one of a set): an unknown word, a number, None and a list;
* free text (:data:`FREE_TEXT`): a number, None and a list;
* flags (a bool default): a string, None and a number.

A call fails the test when it raises anything else, raises without naming the parameter, is
accepted silently, or runs past :data:`TIME_LIMIT_S`. A callable or parameter that is exempt says
why in :data:`EXEMPT`, the one place for exceptions.
"""
from __future__ import annotations

import importlib
import inspect
import math
import pkgutil
import signal
import typing
from dataclasses import dataclass

import matplotlib
import pytest

import itband

matplotlib.use("Agg")

TIME_LIMIT_S = 10

#: Valid values for required parameters, by name (the same name means the same thing everywhere).
VALID: dict[str, object] = {
    "fact_id": "goh2003-thickness-femoral",
    "key": "goh2003",
    "treatment_id": "nsaids",
    "name": "01_anatomy",
    "text": "A sentence.",
    "knee_flexion_deg": 30.0,
    "body_mass_kg": 70.0,
    "week": 2,
    "weeks": 8,
    "pain_during_0_10": 1.0,
    "pain_during_run": 1.0,
    "pain_next_morning": 0.0,
    "pain_next_morning_0_10": 0.0,
    "pain_free_walk_min": 30.0,
    "start_level": 1,
    "width_in": 6.0,
    "height_in": 4.0,
    "draw": None,       # filled below: a drawing function
    "alt": "A line.",
    "lo": 0.0,
    "hi": 10.0,
    "step": 1.0,
    "exercise": "banded_hip_bridge",
    "phase_pct": 50.0,
    "speed_kmh": 10.0,
    "cadence_spm": 170.0,
    "weekly_distance_km": 30.0,
    "pace_min_per_km": 6.0,
    "load_change_pct": 10.0,
    "cadence_change_pct": 5.0,
    "gait": "walk",
    "finding": "epicondyle_pain",
    "findings": ["epicondyle_pain"],
    "diagnosis": "itbs",
    "key_a": "forward_step_up",
    "key_b": "lateral_step_up",  # the same study as key_a, both with SDs: a paired difference needs that
    "correlation": 0.5,
    "colour": "yellow",
    "elongation_pct": 50.0,
    "n_runners": 24,
    "thickness_mm": 2.0,
    "cutoff_mm": 2.0,
    "distance_m": 400.0,
    "gate_index": 1,
    "share_on_roller_pct": 50.0,
    "force_n": 300.0,
    "contact_area_cm2": 20.0,
    "highlight": "it_band",
    "point_cm": (2.0, -3.0),
    "d_strike_deg": 1.0,
    "d_peak_deg": 1.0,
    "values": [1.0, 2.0, 3.0],
    "measure": "ober",
    "grouping": "knee_injury",
    "results": {},
    "planner": "fast_return",
    "repo_url": "https://github.com/example/itband-course.git",
    "cell": {"cell_type": "code", "metadata": {}, "source": "print(1)", "outputs": [], "execution_count": None},
    "package": str(__import__("pathlib").Path(itband.__file__).parent),
}


class lazy:
    """A valid value that is built when first needed (e.g. a plan from the model that makes it)."""

    def __init__(self, make):
        self.make = make


def _plan():
    from itband.models import return_to_run

    return return_to_run.example_plan()


def _curve():
    from itband.models import measured_gait

    return measured_gait.knee_curve("RBDS001")


def _stance_end():
    from itband.models import measured_gait

    return measured_gait.stance_end_pct("RBDS001")


def _angles():
    from itband.models import poses

    return poses.joint_angles("banded_hip_bridge", 50.0)


#: Valid values that differ between callables, for names that mean different things in different
#: modules: {"module.callable": {"param": value}} (these win over VALID). A ``lazy`` value is built
#: when the test needs it.
VALID_FOR: dict[str, dict[str, object]] = {
    "itband.models.gait.check_runner": {"runner": "RBDS01"},
    "itband.models.gait.runner_stats": {"runner": "RBDS01"},
    "itband.models.measured_gait.knee_curve": {"runner": "RBDS001"},
    "itband.models.measured_gait.stance_end_pct": {"runner": "RBDS001"},
    "itband.models.measured_gait.zone_stats": {"curve_deg": lazy(_curve), "stance_end": lazy(_stance_end)},
    "itband.models.gait.shift_stance": {"curve_deg": lazy(_curve), "stance_end": lazy(_stance_end)},
    "itband.models.measured_gait.runner_values": {"column": "ROber"},
    "itband.models.measured_gait.read_table": {"name": "RBDS001processed.txt"},
    "itband.models.measured_runners.in_group": {
        "runner": lazy(lambda: __import__("itband.models.measured_runners", fromlist=["x"]).runners()[0])},
    "itband.models.gait.zone_position": {"angle_deg": 25.0},
    "itband.models.hip_balance.model_abductor_arm_m": {"tendon": "glmed2_r_tendon"},
    "itband.models.leg_model.tendon_length_m": {"tendon": "tfl_r_tendon", "joint": "knee_angle_r", "angle_deg": 30.0},
    "itband.models.leg_model.moment_arm_m": {"tendon": "tfl_r_tendon", "joint": "knee_angle_r", "angle_deg": 30.0},
    "itband.models.leg_model.moment_arm_fd_m": {"tendon": "tfl_r_tendon", "joint": "knee_angle_r", "angle_deg": 30.0},
    "itband.models.leg_model.table": {"tendon": "tfl_r_tendon", "joint": "knee_angle_r"},
    "itband.models.clinic.test_info": {"test": "ober"},
    "itband.models.clinical_tests.check_test": {"test": "ober"},
    "itband.models.body_map.check_view": {"view": "side"},
    "itband.models.poses.check_angles": {"angles": lazy(_angles), "view": "side"},
    "itband.models.poses.forward_kinematics": {"angles": lazy(_angles), "view": "side"},
    "itband.models.exposure.with_changes": {
        "base": lazy(lambda: __import__("itband.models.exposure", fromlist=["x"]).weekly_exposure(30.0, 10.0, 170.0))},
    "itband.models.progression.decide": {"report": lazy(lambda: __import__(
        "itband.models.progression", fromlist=["x"]).WeekReport())},
    "itband.models.progression.reason": {"report": lazy(lambda: __import__(
        "itband.models.progression", fromlist=["x"]).WeekReport())},
    "itband.models.progression.session_seconds": {"prescriptions": []},
    "itband.models.return_to_run.adapt_plan": {"plan": lazy(_plan)},
    "itband.models.return_to_run.calendar_rows": {"plan": lazy(_plan)},
    "itband.models.return_to_run.plan_csv": {"plan": lazy(_plan)},
    "itband.figures.return_to_run.csv_download_link": {"plan": lazy(_plan)},
    "itband.figures.return_to_run.calendar_table": {"plan": lazy(_plan)},
}

#: Parameters that take any text (only a wrong type is bad for them).
FREE_TEXT = {"alt", "caption", "text", "title", "label", "markdown", "script", "note", "where",
             "description", "message", "summary", "claim", "unit", "prefix", "suffix", "branch"}

#: Callables or parameters that are exempt, and why: "module.callable" or "module.callable(param)".
EXEMPT: dict[str, str] = {
    "itband.course.explorer.core.explore": "takes the drawing function's own parameters; "
                                          "checked by tests/test_explorer.py",
    "itband.course.explorer.core.show": "as explore",
    "itband.course.explorer.core.Explorer": "as explore",
    "itband.course.explorer.controls.Choice": "options may be any values; checked by tests/test_explorer.py",
    "itband.course.explorer.controls.Toggle": "a default and a label; checked by tests/test_explorer.py",
    "itband.course.explorer.controls.Slider(label)": "display text; None means 'from the parameter name'",
    "itband.course.explorer.controls.Slider(unit)": "display text; None means 'from the parameter name'",
    "itband.course.explorer.controls.Slider(default)": "None means 'lo'",
    "itband.course.explorer.controls.Slider(static_step)": "None means 'step'",
    "itband.course.explorer.controls.Slider(lo)": "any finite range is a slider; Explorer's MAX_FRAMES "
                                                  "bounds what the book pre-renders",
    "itband.course.explorer.controls.Slider(hi)": "as lo",
    "itband.course.explorer.controls.as_control": "turns any spec into a control or refuses it; "
                                                  "tests/test_explorer.py checks the refusals",
    "itband.course.explorer.controls.label_and_unit": "internal naming helper of the explorer",
    "itband.course.explorer.controls.format_value": "formats any value for display",
    "itband.course.explorer.controls.Param": "internal record of the explorer",
    "itband.course.explorer.settings.kernel_env": "a flag: any truthy value asks for book frames",
    "itband.course.explorer.renderer": "takes matplotlib figures and bytes, not reader input",
    "itband.course.explorer.narrow": "takes a drawn figure's boxes and pixels, not reader input; "
                                     "tests/test_narrow.py checks it (plan refuses a frame without size)",
    "itband.course.explorer.static_face": "internal: takes an Explorer",
    "itband.course.style.axes_at": "places an axes in a figure function's own Figure, not reader input; "
                                   "tests/test_phone_layout.py draws every phone layout that uses it",
    "itband.course.style.text_at": "as axes_at",
    "itband.course.style.fixed_axes": "as axes_at; tests/test_phone_layout.py checks it and draws every figure "
                                      "that uses it",
    "itband.course.style.names_above_bars": "labels a figure function's own Axes, not reader input; "
                                            "tests/test_phone_layout.py draws every figure that uses it",
    "itband.course.explorer.live_face": "internal: takes an Explorer",
    "itband.course.explorer.contract": "no reader input",
    "itband.course.evidence.parse": "takes a registry file's content; tests/test_evidence.py feeds it bad files",
    "itband.course.evidence.Fact": "a registry record, built by parse()",
    "itband.course.evidence.Study": "a registry record, built by parse()",
    "itband.course.evidence.Treatment": "a registry record, built by parse()",
    "itband.course.evidence.Registry": "a registry record, built by parse()",
    "itband.course.validate": "the checks themselves: tests/test_validate.py",
    "itband.course.html": "wraps any HTML text",
    "itband.course.quiz.validate_bank": "takes a quiz bank; tests/test_quiz.py feeds it bad banks",
    "itband.course.adapters": "take third-party output, not reader input; tests/test_quiz.py",

    # Result records: a student gets them from a model function, never builds one.
    "itband.course.cases.Option": "a result record built by cases.parse; validated where it is built",
    "itband.course.cases.Step": "a result record built by cases.parse; validated where it is built",
    "itband.course.cases.Case": "a result record built by cases.parse; validated where it is built",
    "itband.course.version.Check": "a result record built by version.check; validated where it is built",
    "itband.models.case_series.Study": "a result record built by case_series.simulate; validated where it is built",
    "itband.models.case_series.Spread": "a result record built by case_series.repeat_studies; validated where it is built",
    "itband.models.exposure.WeeklyExposure": "a result record built by exposure.weekly_exposure; validated where it is built",
    "itband.models.exposure.ZoneTime": "a result record built by exposure.loaded_zone_time; validated where it is built",
    "itband.models.gait.ZonePass": "a result record built by gait.KneeCurve; validated where it is built",
    "itband.models.gait.KneeCurve": "a result record built by gait.knee_curve; validated where it is built",
    "itband.models.gait.CohortBand": "a result record built by gait.cohort_band; validated where it is built",
    "itband.models.gait.CohortSummary": "a result record built by gait.cohort_summary; validated where it is built",
    "itband.models.gait.SpeedRow": "a result record built by gait.speed_rows; validated where it is built",
    "itband.models.gait.CadenceResult": "a result record built by gait.cadence_shift; validated where it is built",
    "itband.models.hip_balance.HipBalance": "a result record built by hip_balance.single_leg_stance; validated where it is built",
    "itband.models.hip_drop.HipDrop": "a result record built by hip_drop.hip_drop; validated where it is built",
    "itband.models.measured_gait.ZoneStats": "a result record built by measured_gait.zone_stats; validated where it is built",
    "itband.models.measured_runners.Runner": "a result record built by measured_runners.runners; validated where it is built",
    "itband.models.measured_runners.Summary": "a result record built by measured_runners.summarise; validated where it is built",
    "itband.models.progression.Week": "a result record built by progression.build_plan; validated where it is built",
    "itband.models.progression.Plan": "a result record built by progression.build_plan; validated where it is built",
    "itband.models.progression.Prescription": "a result record built by progression.build_plan; validated where it is built",
    "itband.models.return_to_run.PlanWeek": "a result record built by return_to_run.plan_return and adapt_plan; validated where it is built",
    "itband.models.return_to_run.ReturnPlan": "a result record built by return_to_run.plan_return; validated where it is built",
    "itband.models.self_care.Rating": "a result record built by self_care.parse; validated where it is built",
    "itband.models.self_care.SelfCareOption": "a result record built by self_care.parse; validated where it is built",
    "itband.models.self_care.AdviceClaim": "a result record built by self_care.parse; validated where it is built",
    "itband.models.self_care.RollerComparison": "a result record built by self_care.compare_roller; validated where it is built",
    "itband.models.triage.Recommendation": "a result record built by triage.recommend (it also checks itself in __post_init__); validated where it is built",
    # Table records: rows of a module's own constant table, checked by that module's tests.
    "itband.models.anatomy.Structure": "a row of the constant table anatomy.STRUCTURES; checked by its module tests",
    "itband.models.clinic.ClinicalTest": "a row of the constant table clinic.TESTS; checked by its module tests",
    "itband.models.differential.Finding": "a row of the constant table differential.FINDINGS; checked by its module tests",
    "itband.models.differential.Diagnosis": "a row of the constant table differential.DIAGNOSES; checked by its module tests",
    "itband.models.emg.EmgRow": "a row of the constant table emg.EMG_TABLE; checked by its module tests",
    "itband.models.gait.GaitPattern": "a row of the constant table gait.GAITS; checked by its module tests",
    "itband.models.pain_monitoring.PainRules": "a row of the constant table pain_monitoring.RULES; checked by its module tests",
    "itband.models.poses.Landmark": "a row of the constant table poses.EXERCISES; checked by its module tests",
    "itband.models.poses.Muscle": "a row of the constant table poses.EXERCISES; checked by its module tests",
    "itband.models.poses.Band": "a row of the constant table poses.EXERCISES; checked by its module tests",
    "itband.models.poses.Exercise": "a row of the constant table poses.EXERCISES; checked by its module tests",
    "itband.models.progression.Milestone": "a row of the constant table progression.STRENGTH_MILESTONES; checked by its module tests",
    "itband.models.progression.Move": "a row of the constant table progression.MOVES; checked by its module tests",
    "itband.course.cases.parse": "takes the cases file content; tests/test_cases.py feeds it bad files",
    "itband.models.self_care.parse": "takes the data file content; tests/test_self_care.py feeds it bad files",
    "itband.models.poses.landmark": "internal geometry of the figures: takes forward_kinematics output and a Landmark row",
    # One bad value that is valid for one parameter: "prefix(param=value)".
    "itband.models.case_series(seed=1000000000.0)": "a seed is any whole number from 0 to 2**32 - 1; 1e9 is one",
}


def _exempt(qualname: str, param: str | None = None, bad=None) -> bool:
    """Whether EXEMPT covers the callable, or one parameter of it, or one bad value of that."""
    parts = qualname.split(".")
    prefixes = {".".join(parts[:i]) for i in range(1, len(parts) + 1)}
    if prefixes & set(EXEMPT):
        return True
    if param is None:
        return False
    if f"{qualname}({param})" in EXEMPT:
        return True
    return bad is not None and any(f"{p}({param}={bad!r})" in EXEMPT for p in prefixes)


def _sample_draw(x=1.0):
    from itband.course.style import new_figure

    return new_figure(2, 2)


VALID["draw"] = _sample_draw


def public_callables() -> list[tuple[str, object]]:
    out = []
    for info in pkgutil.walk_packages(itband.__path__, "itband."):
        if info.name.startswith("itband.data"):
            continue
        module = importlib.import_module(info.name)
        for name, obj in vars(module).items():
            if name.startswith("_") or getattr(obj, "__module__", None) != module.__name__:
                continue
            if inspect.isfunction(obj) or inspect.isclass(obj):
                qualname = f"{module.__name__}.{name}"
                if not _exempt(qualname) and not (inspect.isclass(obj) and issubclass(obj, BaseException)):
                    out.append((qualname, obj))
    return out


@dataclass
class Param:
    name: str
    kind: str          # number, choice, text, flag, other
    valid: object
    optional: bool     # None is a valid value


def _kind(name: str, default, annotation) -> str:
    text = str(annotation)
    if isinstance(default, bool) or text in ("bool", "<class 'bool'>"):
        return "flag"
    if name in FREE_TEXT:
        return "text"
    if isinstance(default, (int, float)) or text in ("float", "int", "<class 'float'>", "<class 'int'>") \
            or text.startswith(("float |", "int |")):
        return "number"
    if isinstance(default, str) or text in ("str", "<class 'str'>") or text.startswith("str |"):
        return "choice"
    return "other"


def _valid(qualname: str, name: str, default):
    """The valid value of ``name`` for ``qualname``: VALID_FOR, else the default, else VALID."""
    mine = VALID_FOR.get(qualname, {})
    value = mine[name] if name in mine else default if default is not inspect.Parameter.empty \
        else VALID.get(name, default)
    return value.make() if isinstance(value, lazy) else value


def parameters(obj, qualname: str | None = None) -> list[Param] | None:
    qualname = qualname or f"{obj.__module__}.{obj.__qualname__}"
    target = obj
    try:
        sig = inspect.signature(target)
    except (TypeError, ValueError):
        return None
    hints = {}
    try:
        hints = typing.get_type_hints(obj.__init__ if inspect.isclass(obj) else obj)
    except Exception:
        pass
    out = []
    for p in sig.parameters.values():
        if p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD) or p.name == "self":
            continue
        default = _valid(qualname, p.name, p.default)
        if default is p.empty:
            return [Param(p.name, "missing", None, False)]
        annotation = hints.get(p.name, p.annotation)
        optional = p.default is None or "None" in str(annotation)
        out.append(Param(p.name, _kind(p.name, default, annotation), default, optional))
    return out


BAD = {
    "number": [math.nan, math.inf, -math.inf, 1e9, -1e9, "abc", None, [1.0], True],
    "choice": ["no-such-option-xyz", 3, None, ["a"]],
    "text": [3, None, ["a"]],
    "flag": ["yes", None, 2],
}


class _Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise _Timeout


def call_bad(obj, args: dict, name: str, bad) -> str | None:
    """None when the call refuses ``bad`` for ``name`` as it should, else what went wrong."""
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(TIME_LIMIT_S)
    try:
        result = obj(**{**args, name: bad})
    except _Timeout:
        return f"{name}={bad!r}: still running after {TIME_LIMIT_S} s"
    except (ValueError, TypeError) as err:
        return None if name in str(err) else f"{name}={bad!r}: {type(err).__name__} does not name it: {err}"
    except Exception as err:  # noqa: BLE001 - any other exception is the failure reported
        return f"{name}={bad!r}: {type(err).__name__}: {err}"
    else:
        _close(result)
        return f"{name}={bad!r}: accepted silently"
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def _close(result) -> None:
    from matplotlib.figure import Figure

    if isinstance(result, Figure):
        result.clear()


def _bad_values(p: Param) -> list:
    values = list(BAD.get(p.kind, []))
    if p.optional:
        values = [v for v in values if v is not None]
    return values


CALLABLES = public_callables()


def test_the_walk_finds_the_package():
    names = {q for q, _ in CALLABLES}
    assert len(names) > 60, f"only {len(names)} public callables found"


@pytest.mark.parametrize("qualname, obj", CALLABLES, ids=[q for q, _ in CALLABLES])
def test_every_bad_value_is_refused_by_name(qualname, obj):
    params = parameters(obj, qualname)
    if params is None:
        pytest.skip("no signature")
    missing = [p.name for p in params if p.kind == "missing"]
    assert not missing, (f"{qualname}: no valid value known for required parameter(s) {missing}: "
                         "add one to VALID in tests/test_bad_input.py, or exempt it there with a reason")
    args = {p.name: p.valid for p in params}
    problems = []
    for p in params:
        if _exempt(qualname, p.name):
            continue
        if p.kind == "other":
            continue
        for bad in _bad_values(p):
            if _exempt(qualname, p.name, bad):
                continue
            problem = call_bad(obj, args, p.name, bad)
            if problem:
                problems.append(problem)
    assert not problems, f"{qualname}:\n" + "\n".join(problems)


def count_calls() -> tuple[int, int]:
    """How many callables and bad calls the test makes (for the README)."""
    n_calls = 0
    for qualname, obj in CALLABLES:
        params = parameters(obj, qualname) or []
        n_calls += sum(1 for p in params if p.kind not in ("other", "missing") and not _exempt(qualname, p.name)
                       for bad in _bad_values(p) if not _exempt(qualname, p.name, bad))
    return len(CALLABLES), n_calls

