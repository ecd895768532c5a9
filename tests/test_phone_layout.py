"""Phone layouts drawn by the figure functions themselves (itband.course.style.on_phone): the
switch, the text check that decides whether a phone layout is offered (narrow.text_problems),
the explorer's use of it, and every course figure that has one."""
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from itband import explore, show
from itband.course import style
from itband.course.explorer import narrow
from itband.figures import (anatomy, bands, body_map, case_series, clinic, clinical_tests, differential, emg,
                            exposure, gait, hip, leg_model, poses, prevention, return_to_run, self_care,
                            symptoms, triage)
from itband.models import clinic as clinic_model
from itband.models import differential as dx
from itband.models.anatomy import STRUCTURES
from itband.models.self_care import CRITERIA

PHONE_PX = round(style.PHONE_WIDTH_IN * style.DPI)


# ----------------------------------------------------------------------------- the switch
def test_the_phone_switch_is_off_unless_entered_and_off_again_after_an_error():
    assert not style.on_phone()
    with style.phone_layout():
        assert style.on_phone()
    assert not style.on_phone()
    with pytest.raises(RuntimeError), style.phone_layout():
        raise RuntimeError("a figure function failed")
    assert not style.on_phone()


# ----------------------------------------------------------------------------- the text check, by hand
def test_text_inside_the_picture_and_apart_has_no_problem():
    labels = [("Title", (2, 2, 200, 20)), ("a label", (10, 30, 80, 44))]
    assert narrow.text_problems(labels, 440, 300) == []


def test_text_past_an_edge_is_named_with_its_box():
    problems = narrow.text_problems([("a long note", (300, 100, 452, 112))], 440, 300)
    assert problems == ["'a long note' runs past the edge: box (300, 100, 452, 112) in a 440 x 300 px picture"]
    assert narrow.text_problems([("below", (10, 290, 50, 302))], 440, 300)  # past the bottom too
    assert narrow.text_problems([("within slack", (0, 0, 441, 10))], 440, 300) == []


def test_texts_that_overlap_only_on_the_phone_are_a_problem():
    phone = [("yes", (100, 100, 120, 112)), ("Seek care promptly", (110, 104, 250, 118))]
    assert narrow.text_problems(phone, 440, 300) == ["'Seek care promptly' overlaps 'yes'"]
    # the same two texts overlapping in the column figure too are that figure's design, not the phone's
    column = [("yes", (300, 100, 320, 112)), ("Seek care promptly", (310, 104, 450, 118))]
    assert narrow.text_problems(phone, 440, 300, column) == []


labels_apart = st.lists(st.integers(0, 9), min_size=1, max_size=10, unique=True).map(
    lambda rows: [(f"text {r}", (5.0, 30.0 * r, 200.0, 30.0 * r + 20)) for r in rows])


@settings(max_examples=100, deadline=None)
@given(labels_apart, st.floats(2.0, 300.0))
def test_moving_any_text_past_the_right_edge_is_always_caught(labels, shift):
    assert narrow.text_problems(labels, 440, 300) == []
    text, (x0, y0, x1, y1) = labels[0]
    moved = [(text, (x0 + 240 + shift, y0, x1 + 240 + shift, y1))] + labels[1:]
    assert any(p.startswith(f"{text!r} runs past the edge") for p in narrow.text_problems(moved, 440, 300))


def test_tick_labels_outside_the_view_are_not_counted_as_drawn():
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = style.new_figure(4.4, 3.0)
    ax = fig.add_subplot()
    ax.bar([1, 2], [30, 80])
    ax.set_ylim(0, 85)  # the locator also makes a tick at 90, which is never drawn
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    texts = [t for t, _ in narrow.text_boxes(fig, canvas.get_renderer())]
    assert "80" in texts and "90" not in texts


def test_the_axis_texts_of_an_axes_switched_off_are_not_counted_as_drawn():
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = style.new_figure(4.4, 3.0)
    drawing, chart = fig.add_subplot(121), fig.add_subplot(122)
    drawing.plot([0, 1], [0, 1])
    drawing.set_ylabel("hidden with its axis")
    drawing.axis("off")
    chart.plot([0, 1], [0, 1])
    chart.set_ylabel("shown")
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    texts = [t for t, _ in narrow.text_boxes(fig, canvas.get_renderer())]
    assert "shown" in texts and "hidden with its axis" not in texts
    assert texts.count("0.0") == 2  # the chart's two axes only


# ----------------------------------------------------------------------------- the explorer
def chart(note="a note", phone_note="a note"):
    """A chart 700 px wide with a note; its phone layout is 440 px wide with ``phone_note``."""
    phone = style.on_phone()
    fig = style.new_figure(style.PHONE_WIDTH_IN if phone else 7.0, 3.0, layout=None)
    ax = fig.add_axes((0.15, 0.2, 0.8, 0.6))
    ax.plot([0, 1], [0, 1])
    fig.text(0.02, 0.95, phone_note if phone else note, va="top")
    return fig


def test_a_figure_with_a_phone_layout_gets_it_for_every_frame(book_frames):
    ex = explore(lambda lift=0: chart(), alt="A chart, lift {lift}", lift=(0, 2, 1))
    frames = ex.frames()
    assert len(frames) == 3 and ex.phone_problems() == []
    for _, _, wide, small in frames:
        assert Image.open(io.BytesIO(wide)).size == (700, 300)
        assert Image.open(io.BytesIO(small)).size == (PHONE_PX, 300)


def panels_with_a_phone_layout(lift=0):
    """Two panels side by side (a stack plan fits the first frame); at ``lift`` 2 a note drawn
    into the gutter outside every box, so no plan keeps every frame whole; its phone layout is one
    440 px chart."""
    if style.on_phone():
        return chart()
    fig = style.new_figure(7.0, 3.0, layout=None)
    for left in (0.08, 0.6):
        fig.add_axes((left, 0.2, 0.32, 0.6)).plot([0, 1], [0, 1 + lift])
    if lift == 2:
        fig.axes[1].text(-0.45, 0.5, "a note into the gutter", transform=fig.axes[1].transAxes, in_layout=False)
    return fig


def test_panels_that_cannot_be_stacked_in_every_frame_fall_back_to_their_phone_layout(book_frames):
    ex = explore(panels_with_a_phone_layout, alt="Two panels, lift {lift}", lift=(0, 2, 1))
    sizes = {Image.open(io.BytesIO(small)).size for *_, small in ex.frames()}
    assert sizes == {(PHONE_PX, 300)}


def test_a_phone_layout_whose_text_runs_off_is_not_offered(book_frames):
    long = "a note far too long for a phone: " * 3
    ex = show(chart, alt="A chart with a long note", phone_note=long)
    assert [small for *_, small in ex.frames()] == [None]
    (problem,) = ex.phone_problems()
    assert "runs past the edge" in problem and PHONE_PX == 440


def overlapping_notes(in_column=True):
    """A chart whose phone layout puts a second note on its first; the column figure does too
    when ``in_column`` (its own design), else keeps them apart."""
    fig = chart()
    y = 0.95 if in_column or style.on_phone() else 0.5
    fig.text(0.02, y, "a second note", va="top")
    return fig


def test_texts_overlapping_in_both_layouts_do_not_block_the_phone_layout(book_frames):
    both = show(overlapping_notes, alt="Notes over each other in both layouts")
    assert both.phone_problems() == [] and [small is not None for *_, small in both.frames()] == [True]
    phone_only = show(overlapping_notes, alt="Notes over each other on the phone only", in_column=False)
    assert phone_only.phone_problems() == ["{}: 'a note' overlaps 'a second note'"]
    assert [small for *_, small in phone_only.frames()] == [None]


def test_a_figure_without_a_phone_layout_has_no_narrow_frame(book_frames):
    def fixed():
        fig = style.new_figure(7.0, 3.0)
        fig.add_subplot().plot([0, 1], [1, 0])
        return fig

    ex = show(fixed, alt="A line across the whole figure")
    assert [small for *_, small in ex.frames()] == [None] and ex.phone_problems() == []


def test_a_student_kernel_draws_no_phone_layout(monkeypatch):
    from itband.course.explorer import BOOK_FRAMES_ENV

    monkeypatch.delenv(BOOK_FRAMES_ENV, raising=False)
    drawn = []

    def counted():
        drawn.append(style.on_phone())
        return chart()

    assert [small for *_, small in show(counted, alt="A chart").frames()] == [None]
    assert drawn == [False]


# ----------------------------------------------------------------------------- the course's figures
COURSE_PHONE_LAYOUTS = [
    (anatomy.draw_lateral_view, dict(highlight=h)) for h in (None, *STRUCTURES)
] + [
    (leg_model.draw_leg_model, dict(view=v)) for v in leg_model.VIEWS
] + [
    (gait.draw_measured_zone, dict(runner=r)) for r in ("all", "RBDS01")
] + [
    (gait.draw_foot_strike, dict(foot_strike_deg=f)) for f in (5, 17, 30)
] + [
    (gait.draw_cadence_zone, dict(cadence_change_pct=c)) for c in (0, 5, 10)
] + [
    (exposure.draw_weekly_exposure, dict(weekly_distance_km=d, cadence_spm=c)) for d in (10, 70) for c in (150, 190)
] + [
    (hip.draw_hip_drop, dict(abductor_strength_pct=a, activity=act, trunk_lean=t))
    for a in (0, 50, 100) for act in ("standing on one leg", "running") for t in (False, True)
] + [
    (hip.draw_group_differences, {}), (poses.draw_gallery, {}), (bands.draw_band_forces, {}),
    (prevention.draw_warm_up_walk, {}),
] + [
    (symptoms.draw_onset, dict(load_change_pct=c)) for c in (-60, -30, 0, 30)
] + [
    (differential.draw_fit, dict(finding=f)) for f in dx.FINDINGS
] + [
    (clinic.draw_test, dict(test=t)) for t in clinic_model.TESTS
] + [
    (clinic.draw_thickness, dict(cutoff_mm=c)) for c in (1, 4, 8)
] + [
    (case_series.draw_sample_size, dict(treatment_effect_0_10=e)) for e in case_series.EFFECTS
] + [
    (self_care.draw_roller_pressure, dict(body_mass_kg=m, share_on_roller_pct=p, contact_area_cm2=a))
    for m in (50, 110) for p in (25, 100) for a in (20, 160)
] + [
    (prevention.draw_mileage_cut, dict(mileage_cut_pct=c, fewer_run_days=d)) for c in (0, 20, 50) for d in (0, 2)
] + [
    (triage.draw_flowchart, dict(weeks_of_symptoms=w, improving=i, any_red_flag=f))
    for w in (0, 3, 9) for i in (False, True) for f in (False, True)
] + [
    (body_map.draw_pain_map, dict(show_spread=s, show_hip=h)) for s in (False, True) for h in (False, True)
] + [
    (clinical_tests.draw_clinical_test, dict(test=t, knee_flexion_deg=k))
    for t in ("noble", "ober", "renne") for k in (0, 30, 90)
] + [
    (self_care.draw_rating_chart, dict(sort_by=c)) for c in CRITERIA
] + [
    (emg.draw_emg_chart, dict(show_sd=s)) for s in (False, True)
] + [
    (return_to_run.draw_plan, dict(pain_free_walk_min=m, exercise_level=e))
    for m in (5, 30, 60) for e in ("none", "some_running")
] + [
    (return_to_run.draw_adapted_plan, dict(week=w, pain_during_run=d, pain_next_morning=n))
    for w in (1, 3) for d, n in ((0, 0), (4, 0), (6, 3), (8, 8))
]


@pytest.mark.parametrize("draw, values", COURSE_PHONE_LAYOUTS,
                         ids=[f"{d.__name__}-{'-'.join(map(str, v.values()))}" for d, v in COURSE_PHONE_LAYOUTS])
def test_each_course_phone_layout_is_440_px_wide_with_its_text_whole(draw, values):
    ex = show(draw, alt="A course figure", **values)
    column = ex._pixels({})
    phone = ex._phone_pixels({}, column.shape[1])
    assert phone is not None, f"{draw.__name__} has no phone layout for {values}"
    assert phone[0].shape[1] == PHONE_PX
    assert ex.phone_problems() == []


@pytest.mark.parametrize("draw, values", [
    (body_map.draw_pain_map, dict(view="lateral")), (body_map.draw_pain_map, dict(view="front")),
])
def test_a_figure_already_narrow_keeps_its_column_layout(draw, values):
    ex = show(draw, alt="One view of the body map", **values)
    column = ex._pixels({})
    assert column.shape[1] == 420 and ex._phone_pixels({}, column.shape[1]) is None


# ----------------------------------------------------------------------------- the layout helpers
def test_axes_at_and_text_at_place_by_inches_from_the_top_left_corner():
    fig = style.new_figure(4.4, 3.0, layout=None)
    ax = style.axes_at(fig, 0.5, 0.25, 2.2, 1.5)
    x0, y0, w, h = ax.get_position().bounds
    assert (x0, w) == pytest.approx((0.5 / 4.4, 0.5)) and (y0, h) == pytest.approx((1 - 1.75 / 3.0, 0.5))
    t = style.text_at(fig, 0.1, 0.3, "a note")
    assert t.get_position() == pytest.approx((0.1 / 4.4, 0.9)) and t.get_va() == "top"
    assert style.text_at(fig, 0.1, 0.3, "below", va="bottom").get_va() == "bottom"


def test_fixed_axes_drops_the_layout_engine_and_keeps_its_rectangle_through_a_draw():
    fig = style.new_figure(4.4, 3.0)  # constrained, which would move an axes it placed
    assert fig.get_layout_engine() is not None
    ax = style.fixed_axes(fig, (0.3, 0.1, 0.6, 0.7))
    ax.set_ylabel("a long label that a constrained layout would make room for")
    fig.draw_without_rendering()
    assert fig.get_layout_engine() is None
    assert ax.get_position().bounds == pytest.approx((0.3, 0.1, 0.6, 0.7))


def test_names_above_bars_sit_over_their_own_bar_and_replace_the_tick_labels():
    fig = style.new_figure(4.4, 3.0, layout=None)
    ax = fig.add_subplot()
    ax.barh([0, 1, 2], [3, 1, 2], height=0.4)
    style.names_above_bars(ax, [0, 1, 2], ["first", "second", "third"], 0.4, bold=[False, True, False])
    names = {t.get_text(): t for t in ax.texts}
    assert list(ax.get_yticks()) == []
    for y, name in enumerate(("first", "second", "third")):
        assert names[name].get_position()[1] == pytest.approx(y + 0.24) and names[name].get_va() == "bottom"
    assert names["second"].get_fontweight() == "bold" and names["first"].get_fontweight() == "normal"
