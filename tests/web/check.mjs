// Drives the newskg web page in headless Chromium (Debian's /usr/bin/chromium through
// playwright-core; no browser download) and prints one JSON line of what it saw.
// Usage: node check.mjs BASE_URL OUT_DIR
// Exit status 1 (with the reason on stderr) when the page misbehaves.
import { chromium } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [base, out] = process.argv.slice(2);
const fail = (msg) => { console.error('web check: ' + msg); process.exitCode = 1; };

const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'newskg-chromium-')), {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1400, height: 850 },
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run'],
});
const seen = { consoleErrors: [], failedRequests: [], offsite: [] };
const page = context.pages()[0] || await context.newPage();
page.on('console', (m) => { if (m.type() === 'error') seen.consoleErrors.push(m.text()); });
page.on('pageerror', (e) => seen.consoleErrors.push(String(e)));
page.on('requestfailed', (r) => seen.failedRequests.push(r.url()));
page.on('request', (r) => { if (!r.url().startsWith(base) && !r.url().startsWith('data:')) seen.offsite.push(r.url()); });

try {
  await page.goto(base, { waitUntil: 'load' });
  await page.waitForFunction(() => document.querySelector('#status').textContent === 'ready', null, { timeout: 20000 });

  // Network: one person, then a click on a neighbour (a real mouse click on the canvas).
  await page.fill('#person', 'Vladimir Putin');
  await page.click('#show');
  await page.waitForFunction(() => window.cy.nodes().length > 1, null, { timeout: 20000 });
  seen.putinNodes = await page.evaluate(() => window.cy.nodes().map((n) => n.data('label')).sort());
  const target = 'Steve Witkoff';
  const at = async (js) => page.evaluate(js);
  const point = await at(`(() => { const n = window.cy.nodes().filter((n) => n.data('label') === ${JSON.stringify(target)})[0];
    const r = document.querySelector('#graph').getBoundingClientRect(); const p = n.renderedPosition();
    return { x: r.left + p.x, y: r.top + p.y }; })()`);
  await page.mouse.click(point.x, point.y);
  await page.waitForFunction((t) => document.querySelector('#details h3')?.textContent === t, target, { timeout: 20000 });
  seen.clickedNeighbours = await page.$$eval('#neighbours li', (li) => li.map((l) => l.textContent));
  seen.clickedRoles = await page.$$eval('#roles li', (li) => li.map((l) => l.textContent));
  seen.missingFromGraph = await page.evaluate((names) => names.filter((n) => !window.cy.nodes().some((x) => x.data('label') === n)), seen.clickedNeighbours);
  seen.nodesAfterClick = await page.evaluate(() => window.cy.nodes().length);

  // An edge: its evidence, names highlighted.
  const mid = await at(`(() => { const e = window.cy.edges().filter((e) => [e.source(), e.target()].some((n) => n.data('label') === 'Vladimir Putin'))[0];
    const r = document.querySelector('#graph').getBoundingClientRect(); const p = e.renderedMidpoint();
    return { x: r.left + p.x, y: r.top + p.y }; })()`);
  await page.mouse.click(mid.x, mid.y);
  await page.waitForSelector('#details .evidence mark', { timeout: 20000 });
  seen.evidence = await page.$eval('#details .evidence', (e) => e.textContent.replace(/\s+/g, ' ').trim());
  seen.evidenceMarks = await page.$$eval('#details .evidence mark', (m) => m.map((x) => x.textContent));
  await page.screenshot({ path: join(out, 'serve-network.png') });

  // Date range: only March 2025 meetings.
  await page.click('#all');
  await page.waitForFunction(() => window.cy.nodes().length > 0, null, { timeout: 20000 });
  seen.allNodes = await page.evaluate(() => window.cy.nodes().length);
  // Both bounds at once, then one change event: typing them one by one would run a query
  // with only the lower bound first, and the snapshot could see its result.
  await page.evaluate(() => {
    document.querySelector('#from').value = '2025-03-01';
    document.querySelector('#to').value = '2025-03-31';
  });
  await page.dispatchEvent('#to', 'change');
  await page.waitForFunction((n) => window.cy.nodes().length > 0 && window.cy.nodes().length < n, seen.allNodes, { timeout: 20000 });
  seen.marchNodes = await page.evaluate(() => window.cy.nodes().map((n) => n.data('label')).sort());

  // SPARQL editor: the first example query, run.
  await page.click('nav button[data-tab=sparql]');
  await page.click('#run');
  await page.waitForSelector('#results table tbody tr', { timeout: 20000 });
  seen.sparqlRows = await page.$$eval('#results table tbody tr', (r) => r.map((x) => x.textContent));
  await page.screenshot({ path: join(out, 'serve-sparql.png') });
  // A malformed query shows the parser's message.
  await page.evaluate(() => document.querySelector('.CodeMirror').CodeMirror.setValue('SELECT ?x WHERE {'));
  await page.click('#run');
  await page.waitForSelector('#results .error', { timeout: 20000 });
  seen.sparqlError = await page.$eval('#results .error', (e) => e.textContent);
  // The roles example (its predicates come from the server's vocabulary table), run.
  const roles = await page.$$eval('#examples option', (o) => o.filter((x) => x.textContent.startsWith('Roles')).map((x) => x.value));
  if (roles.length !== 1) throw new Error('want one roles example, got ' + roles.length);
  await page.selectOption('#examples', roles[0]);
  seen.rolesQuery = await page.evaluate(() => document.querySelector('.CodeMirror').CodeMirror.getValue());
  await page.click('#run');
  await page.waitForSelector('#results table tbody tr', { timeout: 20000 });
  seen.rolesRows = await page.$$eval('#results table tbody tr', (r) => r.length);

  // Articles: the first document, mentions marked by type, its facts.
  await page.click('nav button[data-tab=article]');
  await page.waitForSelector('#article span.m-person', { timeout: 20000 });
  seen.articleMarks = await page.$$eval('#article span', (s) => s.map((x) => x.className + ':' + x.textContent));
  seen.articleFacts = await page.$$eval('#facts li', (l) => l.length);
  await page.screenshot({ path: join(out, 'serve-article.png') });
} catch (e) {
  fail(String(e.stack || e));
  await page.screenshot({ path: join(out, 'serve-failure.png') }).catch(() => {});
}
// A 400 for the malformed query above is expected; everything else is an error.
seen.consoleErrors = seen.consoleErrors.filter((e) => !e.includes('400 (Bad Request)'));
if (seen.consoleErrors.length) fail('console errors: ' + JSON.stringify(seen.consoleErrors));
if (seen.failedRequests.length) fail('failed requests: ' + JSON.stringify(seen.failedRequests));
if (seen.offsite.length) fail('requests off the server: ' + JSON.stringify(seen.offsite));
console.log(JSON.stringify(seen));
await context.close();
