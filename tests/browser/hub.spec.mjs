// The hub in a real browser: Debian's chromium driven by playwright-core (never a downloaded
// browser), against a banlang-hub that run.sh started on the demo content with a publisher (lan)
// and an editor (minh). Each case works on its own law, so the cases do not depend on each
// other's order; what is live is read with `banlang show`, as a kiosk would see it.
//
// Environment (set by run.sh): HUB_URL, CONTENT_DB, BANLANG, HUB_PASSWORD, CHROMIUM, and
// SCREENSHOT_DIR (optional: where the pages' PNGs go, for a person to look at).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const base = process.env.HUB_URL;
const contentDb = process.env.CONTENT_DB;
const banlang = process.env.BANLANG;
const password = process.env.HUB_PASSWORD;
const shots = process.env.SCREENSHOT_DIR || '';
assert.ok(base && contentDb && banlang && password, 'run through tests/browser/run.sh');

let browser;

before(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
});

after(async () => {
  await browser?.close();
});

// A fresh browser context (no cookies) with a page whose dialogs are recorded, not shown.
async function newPage() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'vi-VN' });
  const page = await context.newPage();
  page.dialogs = [];
  page.on('dialog', async (dialog) => {
    page.dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  return page;
}

async function screenshot(page, name, options = {}) {
  if (shots)
    await page.screenshot({ path: join(shots, `${name}.png`), ...options });
}

// Runs @action (a click or a submit) and returns the response of the page it leads to.
async function navigating(page, action) {
  const [response] = await Promise.all([page.waitForNavigation(), action()]);
  return response;
}

async function logIn(page, name, pass = password) {
  await page.goto(`${base}/login`);
  await page.fill('input[name="name"]', name);
  await page.fill('input[name="password"]', pass);
  return navigating(page, () => page.click('form.login button[type="submit"]'));
}

function show(id) {
  return execFileSync(banlang, ['show', '--db', contentDb, id], { encoding: 'utf8' });
}

function field(page, path) {
  return page.locator(`[name="${path}"]`);
}

async function saveDraft(page) {
  return navigating(page, () => page.click('form.editor button[name="action"][value="save"]'));
}

async function historyRows(page, id) {
  await page.goto(`${base}/items/${id}/history`);
  return page.locator('table.list tbody tr').count();
}

test('a publisher logs in, edits a law\'s Vietnamese summary, saves, publishes, and banlang show has it', async () => {
  const id = 'law-hon-nhan-gia-dinh-2014';
  const summary = 'Tóm tắt mới để thử: kết hôn phải đăng ký tại Ủy ban nhân dân xã.';
  const page = await newPage();

  await page.goto(`${base}/login`);
  await screenshot(page, '01-login');
  const loggedIn = await logIn(page, 'lan');
  assert.equal(loggedIn.status(), 200);
  assert.match(await page.locator('header.top .who').innerText(), /lan/);
  await page.goto(`${base}/items`);
  assert.ok(await page.locator('table.list tbody tr').count() > 10, 'the item list lists the demo items');
  await screenshot(page, '02-items');
  await screenshot(page, '02-items-full', { fullPage: true });

  await page.goto(`${base}/items/${id}?lang=en`);
  assert.doesNotMatch(show(id), /Tóm tắt mới để thử/);
  assert.equal(await field(page, 'texts.en.summary').count(), 1, 'the English translation is beside the Vietnamese');
  await screenshot(page, '03-editor');
  await screenshot(page, '03-editor-full', { fullPage: true });
  await field(page, 'texts.vi.summary').fill(summary);
  const saved = await saveDraft(page);
  assert.equal(saved.status(), 200);
  assert.match(page.url(), /saved=1/);
  assert.equal(await field(page, 'texts.vi.summary').inputValue(), summary);
  assert.doesNotMatch(show(id), /Tóm tắt mới để thử/, 'a saved draft is not live yet');
  await screenshot(page, '04-saved-draft');

  const publish = page.locator(`form[action="/items/${id}/publish"] button[type="submit"]`);
  assert.equal(await publish.count(), 1, 'a publisher sees a publish button for a draft');
  const published = await navigating(page, () => publish.click());
  assert.equal(published.status(), 200);
  assert.match(show(id), /Tóm tắt mới để thử: kết hôn phải đăng ký tại Ủy ban nhân dân xã\./);

  await page.goto(`${base}/items/${id}/history`);
  assert.ok(await page.locator('table.list tbody tr').count() >= 3, 'history lists import, save and publish');
  // Offered first: what the newest publish changed, not the publish against its own draft.
  assert.ok(await page.locator('table.list tbody tr:last-child input[name="a"]').isChecked());
  assert.ok(await page.locator('table.list tbody tr:first-child input[name="b"]').isChecked());
  await screenshot(page, '07-history');
  await navigating(page, () => page.click('main form[method="get"] > button[type="submit"]'));
  const diff = await page.locator('.diff').innerText();
  assert.match(diff, /Tóm tắt mới để thử/);
  // Only the summary was touched: the bodies (textareas, posted with CR LF) must not differ.
  const changed = await page.locator('.diff h3').allInnerTexts();
  assert.deepEqual(changed.map((s) => s.trim()), ['texts.vi.summary'], 'only the summary changed');
  assert.doesNotMatch(show(id), /\r/, 'no carriage returns reach the live text');
  await screenshot(page, '08-diff', { fullPage: true });
  assert.deepEqual(page.dialogs, []);
  await page.context().close();
});

test('a title holding <script> is saved and shown as text, and runs nothing', async () => {
  const id = 'law-cu-tru-2020';
  const title = '<script>alert(1)</script> Luật Cư trú';
  const page = await newPage();

  await logIn(page, 'lan');
  await page.goto(`${base}/items/${id}`);
  await field(page, 'texts.vi.title').fill(title);
  const saved = await saveDraft(page);
  assert.equal(saved.status(), 200);

  await page.reload();
  assert.equal(await page.locator('main h1').innerText(), title, 'the heading shows the markup as text');
  assert.equal(await field(page, 'texts.vi.title').inputValue(), title);
  assert.equal(await page.title(), `${title} · Bản Làng`);
  assert.equal(await page.locator('script').count(), 0, 'no script element reached the page');
  await page.goto(`${base}/items/${id}/history`);
  await navigating(page, () => page.click('main form[method="get"] > button[type="submit"]'));
  assert.match(await page.locator('.diff').innerText(), /<script>alert\(1\)<\/script> Luật Cư trú/);
  assert.equal(await page.locator('script').count(), 0);
  assert.deepEqual(page.dialogs, [], 'no dialog opened');
  await page.context().close();
});

test('a form posted without its csrf token is refused (403) and changes nothing', async () => {
  const id = 'law-dat-dai-2024';
  const page = await newPage();

  await logIn(page, 'lan');
  const before = show(id);
  const revisions = await historyRows(page, id);
  await page.goto(`${base}/items/${id}`);
  const original = await field(page, 'texts.vi.summary').inputValue();
  await field(page, 'texts.vi.summary').fill('Bản tóm tắt giả mạo');
  assert.equal(await page.locator('form.editor input[name="csrf"]').count(), 1, 'the form carries a token');
  await page.evaluate(() => document.querySelector('form.editor input[name="csrf"]').remove());
  const refused = await saveDraft(page);
  assert.equal(refused.status(), 403);

  assert.equal(show(id), before, 'the live item is unchanged');
  assert.equal(await historyRows(page, id), revisions, 'no revision was added');
  await page.goto(`${base}/items/${id}`);
  assert.equal(await field(page, 'texts.vi.summary').inputValue(), original, 'no draft holds the forged text');
  await page.context().close();
});

test('an editor sees no publish button, and a forged publish from the editor\'s page is refused (403)', async () => {
  const id = 'law-lam-nghiep-2017';
  const summary = 'Bản nháp của biên tập viên';
  const page = await newPage();

  await logIn(page, 'minh');
  assert.match(await page.locator('header.top .who').innerText(), /minh/);
  const before = show(id);
  await page.goto(`${base}/items/${id}`);
  await field(page, 'texts.vi.summary').fill(summary);
  const saved = await saveDraft(page);
  assert.equal(saved.status(), 200, 'an editor may save a draft');
  assert.equal(await field(page, 'texts.vi.summary').inputValue(), summary);
  assert.equal(await page.locator(`form[action="/items/${id}/publish"]`).count(), 0, 'no publish form');
  assert.equal(await page.getByRole('button', { name: /^(Publish|Xuất bản|Công bố)$/ }).count(), 0, 'no publish button');

  // The editor's own, valid token: the refusal is for the role, not the token.
  const refused = await navigating(page, () => page.evaluate((action) => {
    const form = document.createElement('form');
    form.method = 'post';
    form.action = action;
    const token = document.createElement('input');
    token.type = 'hidden';
    token.name = 'csrf';
    token.value = document.querySelector('input[name="csrf"]').value;
    form.append(token);
    document.body.append(form);
    form.submit();
  }, `/items/${id}/publish`));
  assert.equal(refused.status(), 403);
  assert.equal(show(id), before, 'nothing was published');
  assert.doesNotMatch(show(id), /Bản nháp của biên tập viên/);
  await page.context().close();
});

test('a wrong password is refused with an error on the login page', async () => {
  const page = await newPage();

  const refused = await logIn(page, 'minh', 'not-the-password');
  assert.notEqual(refused.status(), 200);
  const problem = page.locator('main .problem[role="alert"]');
  assert.equal(await problem.count(), 1);
  assert.ok((await problem.innerText()).trim().length > 0, 'the error says something');
  assert.equal(await page.locator('input[name="name"]').inputValue(), 'minh', 'the name is kept');
  assert.equal(await page.locator('input[name="password"]').inputValue(), '', 'the password is not');
  await screenshot(page, '09-login-error');

  const items = await page.goto(`${base}/items`);
  assert.match(page.url(), /\/login/, 'no session was opened');
  assert.ok(items.ok());
  await page.context().close();
});

test('an invalid field is refused beside its input and nothing is saved', async () => {
  const id = 'law-bien-gioi-quoc-gia-2003';
  const page = await newPage();

  await logIn(page, 'lan');
  const before = show(id);
  await page.goto(`${base}/items/${id}?lang=en`);
  await field(page, 'texts.vi.title').fill('');
  await field(page, 'law.effective_from').fill('2003-06-01');
  await field(page, 'law.issued_on').fill('2003-06-17');
  const refused = await saveDraft(page);
  assert.equal(refused.status(), 422);
  const problems = page.locator('.field-problem');
  assert.ok(await problems.count() >= 1, 'a problem is shown');
  const titleField = page.locator('.field', { has: field(page, 'texts.vi.title') });
  assert.equal(await titleField.locator('.field-problem').count(), 1, 'the missing title is named beside its input');
  await screenshot(page, '05-validation-error');
  await screenshot(page, '05-validation-error-full', { fullPage: true });
  assert.equal(show(id), before);
  await page.context().close();
});

// A @width × @height PNG of soft stripes, the size of a photo an officer takes with a phone.
function makePng(width, height) {
  const chunk = (type, data) => {
    const length = Buffer.alloc(4);
    const crc = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type), data])));
    return Buffer.concat([length, Buffer.from(type), data, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;   // bits per channel
  header[9] = 2;   // RGB
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const at = y * (width * 3 + 1) + 1 + x * 3;
      rows[at] = 60 + (x * 120) / width;
      rows[at + 1] = 110 + ((x + y) % 80);
      rows[at + 2] = 70 + (y * 100) / height;
    }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header),
                        chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

// @seconds of 16-bit mono silence at 8 kHz, as a WAV file.
function makeWav(seconds) {
  const data = 8000 * 2 * seconds;
  const wav = Buffer.alloc(44 + data);
  wav.write('RIFF', 0);
  wav.writeUInt32LE(36 + data, 4);
  wav.write('WAVEfmt ', 8);
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20);
  wav.writeUInt16LE(1, 22);
  wav.writeUInt32LE(8000, 24);
  wav.writeUInt32LE(16000, 28);
  wav.writeUInt16LE(2, 32);
  wav.writeUInt16LE(16, 34);
  wav.write('data', 36);
  wav.writeUInt32LE(data, 40);
  return wav;
}

test('an editor adds a picture and a recording to a product from its page, saved as a draft', async () => {
  const id = 'product-tra-hoa-vang-ba-che';
  const page = await newPage();
  const before = show(id);

  await logIn(page, 'minh');
  await page.goto(`${base}/items/${id}`);
  await navigating(page, () => page.click(`a[href="/items/${id}/media"]`));
  // The demo's products come with a drawing already: the new picture is one more.
  const picturesBefore = await page.locator('figure.media-item img').count();
  await page.setInputFiles('#picture-file', { name: 'tra-hoa-vang.png', mimeType: 'image/png', buffer: makePng(1600, 1000) });
  await page.fill('#caption-vi', 'Búp trà hoa vàng phơi khô ở Ba Chẽ');
  await page.fill('#caption-en', 'Dried golden camellia buds from Ba Chẽ');
  let response = await navigating(page, () => page.click('form[action$="/media/picture"] button[type="submit"]'));
  assert.equal(response.status(), 200);
  assert.equal(await page.locator('figure.media-item img').count(), picturesBefore + 1);
  await page.selectOption('#recording-lang', 'vi');
  await page.setInputFiles('#recording-file', { name: 'doc-tieng-viet.wav', mimeType: 'audio/wav', buffer: makeWav(2) });
  response = await navigating(page, () => page.click('form[action$="/media/recording"] button[type="submit"]'));
  assert.equal(response.status(), 200);
  assert.equal(await page.locator('audio[controls]').count(), 1);
  await screenshot(page, '10-media');
  await screenshot(page, '10-media-full', { fullPage: true });

  // An SVG that could run script is refused, with the reason at the top of the page.
  await page.setInputFiles('#picture-file', { name: 'logo.svg', mimeType: 'image/svg+xml',
    buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>') });
  await page.fill('#caption-vi', 'Logo');
  response = await navigating(page, () => page.click('form[action$="/media/picture"] button[type="submit"]'));
  assert.equal(response.status(), 422);
  assert.equal(page.dialogs.length, 0);
  assert.match(await page.locator('.problem li').first().textContent(), /logo\.svg: /);
  await screenshot(page, '11-media-refused');

  // Saved as a draft: what villagers see has not changed.
  assert.equal(show(id), before);
  await page.context().close();
});
