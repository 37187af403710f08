// End-to-end: a newcomer opens the sample blog and sees its problems (issue 14, "First run"). The real
// workbench (code-server + headless Chromium, the extension in development mode, a fresh copy of
// examples/sample-blog, default settings): nothing is opened and no TechBlog command is run. The user
// clicks the status bar's problem counts, as a newcomer would, and the Problems panel — read from its
// DOM, as the user sees it — must list every defective post of DEFECTS.json (four) with its problems,
// within 5 s of the window being up. The background check (src/host/frontmatter/backgroundCheck.ts) does
// this.
// Prints "[bench]" lines: page load → workbench, workbench → all four posts in the Problems panel.
//   node test/e2e/firstRunProblems.e2e.mjs        (npm run build first)
/* global document */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { extensionLog, log, root, runE2E, waitFor } from './workbench.mjs';

const DEFECTS = JSON.parse(fs.readFileSync(path.join(root, 'examples/sample-blog/DEFECTS.json'), 'utf8'));
const FILES = [...new Set(DEFECTS.defects.map((d) => path.posix.basename(d.file)))];
const BUDGET_MS = 5_000;
// The 5 s budget is a promise to a user on an ordinary machine. On a shared one whose load per core is
// above this, VS Code alone takes tens of seconds to start its extension host (measured: 40 s at a load of
// 30 on 2 cores), so the time is printed with the load and the budget is not enforced; everything else is.
const MAX_LOAD_PER_CORE = Number(process.env.TECHBLOG_E2E_MAX_LOAD_PER_CORE || 1.5);

/** The wall-clock time of a log line matching `re` (LogOutputChannel lines start with `YYYY-MM-DD hh:mm:ss.mmm`). */
function loggedAt(text, re) {
  const line = text.split('\n').find((l) => re.test(l));
  const m = line && /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d\.\d{3})/.exec(line);
  return m ? { at: new Date(`${m[1]}T${m[2]}`).getTime(), line } : undefined;
}

/** The Problems panel as rendered: each file row's name and problem count, and the problem rows' texts. */
function problemsPanel(page) {
  return page.evaluate(() => {
    const panel = document.querySelector('.markers-panel');
    if (!panel || !panel.offsetParent) return { shown: false, files: {}, messages: [] };
    const files = {};
    const messages = [];
    for (const row of panel.querySelectorAll('.monaco-list-row')) {
      const name = row.querySelector('.file-icon .label-name, .resource-label .label-name')?.textContent.trim();
      if (name) files[name] = Number(row.querySelector('.monaco-count-badge')?.textContent.trim() || 0);
      else messages.push(row.textContent.trim());
    }
    return { shown: true, files, messages };
  });
}

await runE2E({ name: 'first-run-problems' }, async ({ page, server, test }) => {
  const up = Date.now();
  // The browser's own clock of the navigation start: the moment the user opened the blog.
  const navigationStart = await page.evaluate(() => performance.timeOrigin);
  log(`  page load → workbench: ${up - Math.round(navigationStart)} ms`);

  await test(`the Problems panel lists all ${FILES.length} defective posts with their problems within ${BUDGET_MS / 1000} s, without a command`, async () => {
    // What a newcomer does: click the problem counts in the status bar (a workbench item, not ours).
    const counts = page.locator('[id="status.problems"]');
    await counts.waitFor({ timeout: 30_000 });
    await counts.click();
    const seen = await waitFor(`all ${FILES.length} defective posts in the Problems panel`, async () => {
      const p = await problemsPanel(page);
      return FILES.every((f) => p.files[f]) && p;
    }, { timeout: 60_000, interval: 25 });
    const shown = Date.now();
    const ms = shown - up;
    console.log(`[bench] first run: workbench up → problems of all ${FILES.length} defective posts in the Problems panel: ${ms} ms (target ≤ ${BUDGET_MS}); from the page load: ${shown - Math.round(navigationStart)} ms`);
    // Where the time went, from the extension's log line of the background check: VS Code starting its
    // extension host and activating us, then our check (deferred 250 ms after activation), then the
    // workbench rendering the markers. (Lines logged before the output channel is ready carry a later
    // time, so the activation's own line is not used.)
    const checkedLine = loggedAt(extensionLog(server.tmp), /Background check: \d+ documents/);
    if (checkedLine) {
      const since = Number(/(\d+) ms after activation/.exec(checkedLine.line)?.[1]);
      const run = Number(/in (\d+) ms/.exec(checkedLine.line)?.[1]);
      const activated = checkedLine.at - since;
      console.log(`[bench] first run, breakdown: workbench up → TechBlog activated ${activated - up} ms; activation → problems published ${since} ms (the check's run ${run} ms); → shown in the Problems panel ${shown - checkedLine.at} ms; activation → shown ${shown - activated} ms`);
      log(`  ${checkedLine.line.replace(/^\S+ \S+ /, '')}`);
    } else log('  (no background-check line in the extension log)');
    for (const f of FILES) {
      const want = DEFECTS.defects.filter((d) => path.posix.basename(d.file) === f).length;
      if (seen.files[f] !== want) throw new Error(`${f}: the Problems panel counts ${seen.files[f]} problems, DEFECTS.json lists ${want}`);
    }
    const clean = DEFECTS.cleanPosts.map((f) => path.posix.basename(f)).filter((f) => seen.files[f]);
    if (clean.length) throw new Error(`clean posts listed with problems: ${clean.join(', ')}`);
    const load = os.loadavg()[0] / os.cpus().length;
    if (load > MAX_LOAD_PER_CORE) log(`  budget not enforced: load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores (${load.toFixed(1)} per core > ${MAX_LOAD_PER_CORE})`);
    else if (ms > BUDGET_MS) throw new Error(`the problems took ${ms} ms to show (target ≤ ${BUDGET_MS} ms, load ${load.toFixed(1)} per core)`);
    const posts = await page.locator('.tabs-container .tab[data-resource-name$=".md"]').count();
    if (posts) throw new Error(`${posts} Markdown tab(s) open: the check must not need an open post`);
    log(`  the Problems panel: ${Object.entries(seen.files).map(([f, n]) => `${f} (${n})`).join(', ')}`);
  });
});
