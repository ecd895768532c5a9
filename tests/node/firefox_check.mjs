// The book's interactive parts in Firefox, driven over WebDriver BiDi by puppeteer-core (no
// geckodriver): for each page named, every explorer control is moved from the keyboard and by a
// click, every quiz question answered, every solution opened. Prints one JSON report per page;
// tests/test_browser_firefox.py reads them and says what failed.
//
//   node firefox_check.mjs <firefox executable> <base URL ending in /> <page> [<page> ...]
import puppeteer from "puppeteer-core";

const [firefox, base, ...pages] = process.argv.slice(2);
if (!firefox || !base || !pages.length) {
  console.error("usage: node firefox_check.mjs <firefox> <base URL> <page> [<page> ...]");
  process.exit(2);
}

const VISIBLE_FRAME = (fig) => {
  const img = fig.querySelector("img.itb-frame:not([hidden])");
  return img ? `${img.dataset.frame}:${img.getAttribute("src")}` : null;
};

async function frameAfter(page, fig, before) {
  // a control's first move may wait for its explorer's frames script
  try {
    await page.waitForFunction((f, b) => {
      const img = f.querySelector("img.itb-frame:not([hidden])");
      return (img ? `${img.dataset.frame}:${img.getAttribute("src")}` : null) !== b;
    }, {timeout: 3000}, fig, before);
  } catch (e) { /* unchanged: reported */ }
  return fig.evaluate(VISIBLE_FRAME);
}

async function explorers(page) {
  const out = [];
  for (const fig of await page.$$("figure.itb-explorer")) {
    const id = await fig.evaluate((f) => f.id);
    for (const ctrl of await fig.$$(".itb-controls input, .itb-controls select")) {
      const kind = await ctrl.evaluate((c) => (c.tagName === "SELECT" ? "select" : c.type));
      const entry = {explorer: id, control: await ctrl.evaluate((c) => c.id), kind};
      await ctrl.scrollIntoView();
      // keyboard
      let before = await fig.evaluate(VISIBLE_FRAME);
      await ctrl.focus();
      if (kind === "range") {
        const atMax = await ctrl.evaluate((c) => +c.value >= +c.max);
        await page.keyboard.press(atMax ? "ArrowLeft" : "ArrowRight");
      } else if (kind === "select") {
        const last = await ctrl.evaluate((c) => c.selectedIndex === c.options.length - 1);
        await page.keyboard.press(last ? "ArrowUp" : "ArrowDown");
      } else {
        await page.keyboard.press(" ");  // the space bar (BiDi knows no "Space" key name)
      }
      let after = await frameAfter(page, fig, before);
      entry.keyboard = Boolean(after && after !== before);
      // pointer: a click on a slider's far end, a checkbox's box; a select's option is chosen
      before = after;
      if (kind === "range") {
        const box = await ctrl.boundingBox();
        const [lo, hi, val] = await ctrl.evaluate((c) => [+c.min, +c.max, +c.value]);
        const target = val < hi ? hi : lo;
        await page.mouse.click(box.x + 4 + (box.width - 8) * (target - lo) / Math.max(hi - lo, 1),
                               box.y + box.height / 2);
      } else if (kind === "select") {
        const [cur, n] = await ctrl.evaluate((c) => [c.selectedIndex, c.options.length]);
        await ctrl.select(String((cur + 1) % n));
      } else {
        await ctrl.click();
      }
      after = await frameAfter(page, fig, before);
      entry.mouse = Boolean(after && after !== before);
      await fig.evaluate((f) => {  // the frame shown has arrived
        const img = f.querySelector("img.itb-frame:not([hidden])");
        return img && !img.complete ? new Promise((r) => { img.onload = img.onerror = r; }) : null;
      });
      entry.loaded = await fig.evaluate((f) => {
        const img = f.querySelector("img.itb-frame:not([hidden])");
        return Boolean(img) && img.complete && img.naturalWidth > 0 && img.alt.length > 20;
      });
      out.push(entry);
    }
  }
  return out;
}

async function quizzes(page) {
  const out = [];
  for (const wrap of await page.$$("div[data-shufflequestions] .Quiz")) {
    await wrap.scrollIntoView();
    const fb = await wrap.$(".Feedback");
    const entry = {question: (await wrap.evaluate((w) => (w.querySelector("[id^=quizQn]") || w).innerText)).slice(0, 70)};
    const said = fb ? await fb.evaluate((f) => f.innerText.trim()) : "";
    const buttons = await wrap.$$(".MCButton");
    if (buttons.length) {
      entry.kind = "choice";
      await buttons[0].click();
    } else {
      entry.kind = "numeric";
      const box = await wrap.$("input.Input-text");
      await box.click();
      await page.keyboard.type("1");
      await page.keyboard.press("Enter");
    }
    await new Promise((r) => setTimeout(r, 50));
    const now = fb ? await fb.evaluate((f) => f.innerText.trim()) : "";
    entry.feedback = Boolean(now) && now !== said;
    out.push(entry);
  }
  return out;
}

async function solutions(page) {
  const out = [];
  const bodyVisible = (s) => Array.from(s.children).filter((c) => !c.classList.contains("admonition-title"))
    .some((c) => c.checkVisibility() && c.offsetHeight > 0);
  for (const sol of await page.$$(".bd-article details.itb-solution")) {
    await sol.scrollIntoView();
    const entry = {id: await sol.evaluate((s) => s.id), hiddenFirst: !(await sol.evaluate(bodyVisible))};
    await (await sol.$("summary")).click();
    await new Promise((r) => setTimeout(r, 50));
    entry.opened = await sol.evaluate(bodyVisible);
    out.push(entry);
  }
  return out;
}

const browser = await puppeteer.launch({
  browser: "firefox", executablePath: firefox, headless: true,
  // Firefox ESR 140 has no BiDi command for puppeteer's viewport emulation: size the window instead
  defaultViewport: null, args: ["--width=1280", "--height=900"],
  extraPrefsFirefox: {"browser.shell.checkDefaultBrowser": false},
});
try {
  const version = await browser.version();
  for (const name of pages) {
    const page = await browser.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e && e.message || e)));
    page.on("console", (m) => { if (m.type() === "error") { errors.push(m.text()); } });
    const report = {page: name, browser: version};
    try {
      await page.goto(base + name, {waitUntil: "load"});
      // the page's scripts load after its first paint (book/_ext/after_paint.py): wait until they have run
      await page.waitForFunction(() => !document.getElementById("itb-after-paint")
        || document.documentElement.dataset.afterPaint === "ran", {timeout: 15000});
      report.explorers = await explorers(page);
      report.quizzes = await quizzes(page);
      report.solutions = await solutions(page);
    } catch (e) {
      report.failure = String(e && e.stack || e);
    }
    report.errors = errors;
    console.log(JSON.stringify(report));
    await page.close();
  }
} finally {
  await browser.close();
}
