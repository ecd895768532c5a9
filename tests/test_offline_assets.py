"""The book's adapter for the theme and sphinx-thebe (book/_ext/offline_assets.py): every page edit
that matches nothing is reported, and nothing is deleted while a page still refers to it."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "book" / "_ext"))
import offline_assets as oa  # noqa: E402

ICON = '<script defer src="../_static/scripts/fontawesome.js?digest=0123abcd"></script>'
SEARCH = '<script src="../_static/searchtools.js"></script>'


def site(tmp_path: Path, head: str) -> Path:
    (tmp_path / "_static" / "scripts").mkdir(parents=True)
    (tmp_path / "_static" / "scripts" / "fontawesome.js").write_text("icons")
    (tmp_path / "_static" / "theme.js.map").write_text("{}")
    (tmp_path / "lesson.html").write_text(f"<html><head>{head}</head><body>x</body></html>")
    return tmp_path


def test_the_icon_and_search_scripts_are_dropped_and_the_icon_file_deleted(tmp_path):
    out = site(tmp_path, ICON + SEARCH)
    assert oa._drop_unused_assets(out) == []
    page = (out / "lesson.html").read_text()
    assert "fontawesome" not in page and "searchtools" not in page
    assert not (out / "_static" / "scripts" / "fontawesome.js").exists()
    assert not (out / "_static" / "theme.js.map").exists()


def test_a_changed_template_is_reported_and_the_file_kept(tmp_path):
    out = site(tmp_path, '<script src="../_static/scripts/fontawesome.js" async></script>' + SEARCH)
    problems = oa._drop_unused_assets(out)
    assert any("fontawesome.js tag matched no page" in p for p in problems)
    assert any("still referenced" in p and "lesson.html" in p for p in problems)
    assert (out / "_static" / "scripts" / "fontawesome.js").exists()


def test_search_tags_that_no_longer_match_are_reported(tmp_path):
    out = site(tmp_path, ICON + '<script type="module" src="../_static/searchtools.js"></script>')
    assert any("search script tags matched no page" in p for p in oa._drop_unused_assets(out))


def test_pages_not_written_by_this_build_do_not_count_as_a_mismatch(tmp_path):
    out = site(tmp_path, "")                     # already lean from an earlier build
    assert oa._drop_unused_assets(out, written=set()) == []


def test_the_meta_description_is_the_first_real_paragraph_cut_at_a_word():
    body = ("<p>Short.</p><p>Six kilometres into a downhill long run, a sharp pain appears on the <em>outside"
            "</em> of your knee, just above the joint, and it returns sooner on every run after that one.</p>")
    text = oa.page_description(body)
    assert text.startswith("Six kilometres into a downhill long run") and "<em>" not in text
    assert len(text) <= 160 and text.endswith("...")
    assert oa.page_description("", "Glossary") == ("Glossary: part of an open course on iliotibial band "
                                                    "syndrome in runners.")


def test_the_root_redirect_gets_a_doctype_a_title_and_a_link(tmp_path):
    (tmp_path / "index.html").write_text('<meta http-equiv="Refresh" content="0; url=book/intro.html" />\n')
    oa._complete_redirect(tmp_path)
    page = (tmp_path / "index.html").read_text()
    assert page.startswith("<!DOCTYPE html>") and "<title>" in page and 'href="book/intro.html"' in page


# ----------------------------------------------------------------------------- valid markup

CELL = ('<details class="admonition hide above-input">\n<summary aria-label="Toggle hidden content">\n'
        '<p class="collapsed admonition-title">Show code cell source</p>\n'
        '<p class="expanded admonition-title">Hide code cell source</p>\n</summary>\n<div>code</div></details>')
EXERCISE = ('<div class="exercise admonition" id="ex-hip-by-hand">\n\n<p class="admonition-title">'
            '<span class="caption-number">Exercise 3.1 </span></p>\n<section id="exercise-content">\n<p>Q</p>\n'
            '</section>\n</div>\n')
SOLUTION = ('<div class="solution dropdown admonition" id="notebooks/03_hip_drop-solution-1">\n\n'
            '<p class="admonition-title">Solution to<a class="reference internal" href="#ex-hip-by-hand"> '
            'Exercise 3.1</a></p>\n<section id="solution-content">\n<p>A</p>\n<div class="cell"><div>out</div>'
            '</div>\n</section>\n</div>\n<p>after</p>')
QUIZ = ('<div class="output text_html"><div id="nVRJbubYmiKi" data-shufflequestions="False" style="x">'
        '<style>\n.Input {\n    align: left;\n    font-size: 20pt;\n}\n.Input-text {\n    field-sizing: content;\n'
        '    transition: box-shadow 0.1s);\n}\n</style></div><script type="application/javascript">var q=1;</script>')
SEARCH_FORM = ('<form class="bd-search d-flex align-items-center"\n      action="../search.html"\n      method="get">\n'
               '  <input type="search" class="form-control" name="q" aria-label="Search this book..."/>\n'
               '  <span class="search-button__kbd-shortcut"><kbd>Ctrl</kbd>+<kbd>K</kbd></span>\n</form>')
SEARCH_BUTTON = ('<button class="btn search-button-field search-button__button pst-js-only" title="Search" '
                 'aria-label="Search" data-bs-placement="bottom">')


def test_a_code_cell_toggle_holds_no_paragraph_and_is_named_by_what_it_shows():
    out, counts = oa.valid_markup(CELL)
    assert "<p" not in out and "aria-label" not in out and counts == {"code-cell summary": 1}
    assert '<summary><span class="collapsed admonition-title">Show code cell source</span>' in out


def test_exercise_and_solution_bodies_get_ids_of_their_own():
    out, _ = oa.valid_markup(EXERCISE + SOLUTION + EXERCISE.replace("ex-hip-by-hand", "ex-two"))
    ids = __import__("re").findall(r'id="([^"]+)"', out)
    assert len(ids) == len(set(ids)), ids
    assert 'id="ex-hip-by-hand-content"' in out and 'id="notebooks/03_hip_drop-solution-1-content"' in out


def test_a_hidden_solution_is_a_closed_details_that_says_what_it_opens():
    out, counts = oa.valid_markup(SOLUTION)
    assert counts == {"solution": 1}
    assert out.startswith('<details class="solution admonition itb-solution" id="notebooks/03_hip_drop-solution-1">')
    assert ('<summary class="admonition-title"><span class="itb-show">Show solution</span>'
            '<span class="itb-hide">Hide solution</span> to Exercise 3.1</summary>') in out
    assert " open" not in out.split(">", 1)[0]
    # the nested <div>s stay inside; the text after the solution stays after it
    assert out.index('<div class="cell"><div>out</div></div>') < out.index("</details>") < out.index("<p>after</p>")
    assert out.count("<div") == out.count("</div>")


def test_quizzes_link_their_shared_style_and_keep_only_their_colours_in_the_page():
    colours = "#{id} {{\n   --jq-multiple-choice-bg: #1F4E79;\n}}\n"
    quiz = lambda i: QUIZ.replace("nVRJbubYmiKi", i).replace("<style>\n", "<style>\n" + colours.format(id=i), 1)
    page = (f'<html lang="en" data-content_root="../"><head><title>t</title></head>'
            f'<body>{quiz("AAAAAAAAAAAA")}{quiz("BBBBBBBBBBBB")}</body></html>')
    saved = []
    out, counts = oa.valid_markup(page, lambda css: saved.append(css) or f"jq-{len(css)}.css")
    head, body = out.split("</head>")
    assert counts["quiz style"] == 2 and len(saved) == 2 and saved[0] == saved[1]  # one stylesheet, named by content
    assert "font-size: 20pt" in saved[0] and "--jq-" not in saved[0] and "align: left" not in saved[0]
    assert head.count('<link rel="stylesheet"') == 1
    assert f'<link rel="stylesheet" href="../_static/quiz/jq-{len(saved[0])}.css">' in head
    assert head.count("<style>") == 2 and "font-size" not in head.split("<style>", 1)[1]
    assert "#AAAAAAAAAAAA {" in head and "#BBBBBBBBBBBB {" in head and "<style>" not in body
    assert head.index("<link rel=") < head.index("<style>")  # the shared rules come first, the colours after


def test_the_quiz_style_moves_to_the_head_mended_and_its_div_is_closed():
    out, counts = oa.valid_markup(f"<html><head><title>t</title></head><body>{QUIZ}</body></html>")
    head, body = out.split("</head>")
    assert "<style>" in head and "<style>" not in body and counts["quiz style"] == 1
    assert "align: left" not in head and "field-sizing" not in head and "0.1s)" not in head
    assert "font-size: 20pt" in head and "transition: box-shadow 0.1s;" in head
    assert body.count("<div") == body.count("</div>")


def _line(slope=1.0, colour="blue"):
    from itband.course.style import new_figure

    fig = new_figure(3, 2, layout=None)
    fig.add_axes((0.1, 0.1, 0.8, 0.8)).plot([0, 1], [0, slope], color=colour)
    return fig


def test_a_page_keeps_each_explorers_starting_frame_and_a_script_holds_the_others(tmp_path, book_frames):
    import json
    import re

    from itband import Slider, explore, show
    from itband.course.explorer import CONTRACT

    ex = explore(_line, alt="A {colour} line, slope {slope:g}, it's drawn", slope=Slider(0, 2, 1, default=1),
                 colour=["blue", "green"])
    single = show(_line, alt="One line")
    (tmp_path / "notebooks").mkdir()
    page = tmp_path / "notebooks" / "lesson.html"
    page.write_text(f"<html><body>{ex.static_html()}<p>between</p>{single.static_html()}</body></html>")
    moved, problems = oa._externalise_frames(tmp_path, [page])
    out = page.read_text()
    assert (moved, problems) == (7, []) and "base64" not in out
    imgs = re.findall(r'<img class="itb-frame"[^>]*>', out)
    assert len(imgs) == 2 and not any(" hidden" in i or "data-src" in i for i in imgs)
    # the starting position (slope 1, blue) is frame 2 of 3 x 2, row-major with the last control fastest
    assert re.match(r'<img class="itb-frame" data-frame="2" src="\.\./_static/frames/[0-9a-f]{20}\.webp" '
                    r'width="\d+" height="\d+" decoding="async" alt="A blue line, slope 1, it&#x27;s drawn">', imgs[0])
    assert ' loading="lazy" alt="One line">' in imgs[1], "only the page's first explorer is fetched at once"
    script = re.search(rf'<figure class="itb-explorer" id="{ex.id}" data-shape="3,2" '
                       rf'{CONTRACT["framesScript"]}="(\.\./_static/frames/[0-9a-f]{{20}}\.js)">', out).group(1)
    assert CONTRACT["framesScript"] not in out.split("<p>between</p>")[1], "a one-frame explorer needs no script"
    text = (page.parent / script).read_text()
    call = re.fullmatch(rf'{CONTRACT["register"]}\("{ex.id}", (.*)\);\n', text)
    frames = json.loads(call.group(1))
    assert [f[3] for f in frames] == [f"A {c} line, slope {s}, it's drawn" for s in (0, 1, 2) for c in ("blue", "green")]
    for name, width, height, _ in frames:
        from PIL import Image

        assert Image.open(tmp_path / "_static" / "frames" / name).size == (width, height)
    assert frames[2][0] in imgs[0]
    # a second run over a page already done changes nothing; markup it does not know is reported
    assert oa._externalise_frames(tmp_path, [page]) == (0, [])
    page.write_text(ex.static_html().replace(' hidden>', '>'))
    assert "inlined explorer frames left" in oa._externalise_frames(tmp_path, [page])[1][0]


def _panels(lift=0.0):
    from itband.course.style import new_figure

    fig = new_figure(7.0, 3.0, layout=None)
    fig.add_axes((0.08, 0.15, 0.36, 0.7)).plot([0, 1], [0, 1 + lift])
    fig.add_axes((0.6, 0.15, 0.36, 0.7)).bar(["a", "b"], [1, 2 + lift])
    return fig


def test_a_panel_figure_s_frames_offer_their_narrow_version_to_phones(tmp_path, book_frames):
    import json
    import re

    from PIL import Image

    from itband import explore
    from itband.course.explorer import CONTRACT

    ex = explore(_panels, alt="Two panels, lift {lift:g}", lift=(0.0, 2.0, 1.0))
    (tmp_path / "notebooks").mkdir()
    page = tmp_path / "notebooks" / "lesson.html"
    page.write_text(f"<html><body>{ex.static_html()}</body></html>")
    assert oa._externalise_frames(tmp_path, [page]) == (3, [])
    out = page.read_text()
    assert "base64" not in out and "data-narrow" not in out
    m = re.search(r'<picture><source media="([^"]+)" srcset="\.\./_static/frames/([0-9a-f]{20}\.webp)" '
                  r'width="(\d+)" height="(\d+)"><img class="itb-frame" data-frame="0" '
                  r'src="\.\./_static/frames/([0-9a-f]{20}\.webp)" width="700" height="300" [^>]*></picture>', out)
    assert m and m.group(1) == CONTRACT["narrowMedia"]
    folder = tmp_path / "_static" / "frames"
    narrow_size = Image.open(folder / m.group(2)).size
    assert narrow_size == (int(m.group(3)), int(m.group(4))) and narrow_size[0] < 700 < narrow_size[1] * 2
    script = re.search(rf'{CONTRACT["framesScript"]}="\.\./_static/frames/([0-9a-f]{{20}}\.js)"', out).group(1)
    frames = json.loads(re.fullmatch(rf'{CONTRACT["register"]}\("{ex.id}", (.*)\);\n',
                                     (folder / script).read_text()).group(1))
    assert [len(f) for f in frames] == [7, 7, 7] and frames[0][0] == m.group(5) and frames[0][4] == m.group(2)
    for _, w, h, _, small, sw, sh in frames:
        assert Image.open(folder / small).size == (sw, sh) == narrow_size  # one size while the controls move


def test_the_search_button_is_named_by_what_it_shows_and_the_field_is_standard():
    out, _ = oa.valid_markup(SEARCH_BUTTON + '<input type="search" autocorrect="off" name="q">')
    assert "aria-label" not in out and "autocorrect" not in out and 'title="Search"' in out


def test_every_search_form_gets_a_submit_button_once():
    out, counts = oa.valid_markup(SEARCH_FORM + "<p>x</p>" + SEARCH_FORM.replace("../search.html", "#"))
    assert counts == {"search submit": 2}
    for form in out.split("</form>")[:2]:
        assert form.count(oa.SEARCH_SUBMIT) == 1 and form.index("<input") < form.index(oa.SEARCH_SUBMIT)
    assert 'type="submit"' in oa.SEARCH_SUBMIT and ">Search</button>" in oa.SEARCH_SUBMIT
    assert oa.valid_markup(out) == (out, {})


def test_mending_twice_changes_nothing():
    page = (f"<html><head></head><body>{CELL}{EXERCISE}{SOLUTION}{QUIZ}{SEARCH_BUTTON}{SEARCH_FORM}"
            "</body></html>")
    once, _ = oa.valid_markup(page)
    assert oa.valid_markup(once) == (once, {})


# ----------------------------------------------------------------------------- the quiz library

def _quiz_script(div_id: str, bank: str = '[{"question": "Q?"}]') -> str:
    """A quiz script as jupyterquiz writes it and the course's adapter patches it."""
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.utils.capture import capture_output

    from itband.course import quiz

    InteractiveShell.instance()
    with capture_output() as captured:
        quiz.show("01_anatomy")
    script = next(o.data["application/javascript"] for o in captured.outputs if "application/javascript" in o.data)
    old_id = __import__("re").search(r"var questions(\w+)=", script).group(1)
    return script.replace(old_id, div_id)


def test_the_quiz_library_is_loaded_once_before_the_first_quiz_and_each_quiz_s_script_is_a_file():
    import re

    from itband.course.adapters import jupyterquiz as adapter

    one, two = _quiz_script("AAAAAAAAAAAA"), _quiz_script("BBBBBBBBBBBB")
    page = (f'<div id="AAAAAAAAAAAA"></div><script type="application/javascript">{one}</script><p>text</p>'
            f'<div id="BBBBBBBBBBBB"></div><script type="application/javascript">{two}</script>'
            '<script type="application/javascript">console.log("another output");</script>')
    name, library = oa.quiz_library_file()
    saved = []
    lean, n = oa.share_quiz_library(page, f"../_static/quiz/{name}",
                                    lambda body: saved.append(body) or f"../_static/quiz/q{len(saved)}.js")
    assert n == 2 and adapter.library() in library and adapter.library() not in lean
    # deferred, in page order: the library, then each quiz in its place
    assert re.findall(r'<script defer src="([^"]+)"></script>', lean) == [
        f"../_static/quiz/{name}", "../_static/quiz/q1.js", "../_static/quiz/q2.js"]
    assert lean.index("q1.js") < lean.index("<p>text</p>") < lean.index("q2.js")
    assert "var questions" not in lean and 'console.log("another output");' in lean
    for div_id, body in zip(("AAAAAAAAAAAA", "BBBBBBBBBBBB"), saved):  # its questions and its call, in a block
        assert body.startswith(f"var questions{div_id}=") and "\n{\n" in body
        assert f"show_questions(questions{div_id}, {div_id});" in body and adapter.library() not in body
    assert len(lean.encode()) < len(page.encode()) - len(one.encode())
    assert oa.share_quiz_library(lean, "x.js", saved.append) == (lean, 0)  # nothing left to take out


def test_the_quiz_library_file_is_named_by_its_content_and_runs_in_a_block():
    name, library = oa.quiz_library_file()
    digest = __import__("hashlib").sha1(library.encode()).hexdigest()[:12]
    assert name == f"jupyterquiz-{digest}.js"
    body = library.split("*/\n", 1)[1]
    assert body.startswith("{\n") and body.rstrip().endswith("}")  # classes stay local, as in every quiz
    assert "function show_questions(" in body and "aria-live" in body and "cdn.jsdelivr.net" not in body


def test_a_site_writes_the_library_once_and_reports_a_quiz_left_with_its_own(tmp_path):
    one = _quiz_script("AAAAAAAAAAAA")
    (tmp_path / "notebooks").mkdir()
    lesson = tmp_path / "notebooks" / "01.html"
    lesson.write_text(f'<script type="application/javascript">{one}</script>')
    odd = tmp_path / "notebooks" / "02.html"  # a quiz whose script is not the one the adapter knows
    odd.write_text('<script type="application/javascript">show_questions(q, d); '
                   'class MCQuestion extends Question {}</script>')
    changed, problems = oa._share_quiz_libraries(tmp_path, [lesson, odd])
    name, library = oa.quiz_library_file()
    assert changed == 1 and (tmp_path / "_static" / "quiz" / name).read_text() == library
    text = lesson.read_text()
    assert f'<script defer src="../_static/quiz/{name}"></script>' in text
    quiz = __import__("re").search(r'<script defer src="\.\./_static/quiz/([0-9a-f]{20}\.js)"></script>', text)
    assert "var questionsAAAAAAAAAAAA=" in (tmp_path / "_static" / "quiz" / quiz.group(1)).read_text()
    assert len(problems) == 1 and "notebooks/02.html" in problems[0]


def test_head_scripts_are_deferred_except_the_options_and_inline_ones():
    from sphinx.builders.html._assets import _JavaScript

    assert oa._deferred(_JavaScript("_static/doctools.js", priority=200)).attributes == {"defer": "defer"}
    for js in (_JavaScript("_static/documentation_options.js", priority=1),
               _JavaScript(None, body="let toggleHintShow = 'Click to show';"),
               _JavaScript("_static/x.js", **{"async": "async"}),
               _JavaScript("_static/m.js", type="module")):
        assert oa._deferred(js) is js
    tabs = oa._deferred(_JavaScript("_static/design-tabs.js", priority=7, **{"data-sd-tabs-storage-prefix": "t-"}))
    assert (tabs.priority, tabs.attributes) == (7, {"data-sd-tabs-storage-prefix": "t-", "defer": "defer"})


def test_the_built_pages_paint_without_waiting_for_a_script(book_html):
    import re

    for page in ("book/intro.html", "notebooks/03_hip_drop.html", "notebooks/08_clinical_reasoning.html"):
        head = (book_html / page).read_text(encoding="utf-8").split("</head>", 1)[0]
        blocking = [re.search(r'\bsrc="([^"]+)"', tag).group(1) for tag in re.findall(r"<script\b[^>]*\bsrc=[^>]*>", head)
                    if not re.search(r"\b(?:defer|async)\b", tag)]
        # documentation_options.js, the one script left in the head, is inlined (book/_ext/after_paint.py)
        assert blocking == [] and "const DOCUMENTATION_OPTIONS" in head, page
        assert f"<script>{oa.SCRIPTED_MARK}</script>" in head, "the page is marked scripted before its body paints"
    # the search page's template scripts run at once and need doctools.js: nothing there is deferred
    search = (book_html / "search.html").read_text(encoding="utf-8").split("</head>", 1)[0]
    assert re.search(r'<script src="[^"]*doctools\.js', search)
