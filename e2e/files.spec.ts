// Files across the app, the CLI and bad input: a zoo and a model made by the CLI open in the app (same accuracy as
// the CLI's eval), a zoo exported by the app opens in the CLI (the same render, byte for byte), corrupt files are
// refused with a message and change nothing, NaN pauses a run, a lost device recovers, everything survives a reload.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { onCi } from '../src/testing/python';
import { torchPython } from '../src/testing/torchPython';
import { expect, test, ws } from './fixtures';

const DIR = 'test-results/cli';
const percent = (x: number): string => `${(100 * x).toFixed(1)}%`;
let cliEval: { accuracy: number; accuracyPermuted: number; count: number };

test.beforeAll(() => {
  test.setTimeout(300_000);
  mkdirSync(DIR, { recursive: true });
  // 5 INRs per digit (3 train, 1 val, 1 test), short fits, no fidelity gate: a zoo in well under a minute
  ws('zoo', '--count', '50', '--steps', '150', '--min-psnr', 'off', '--seed', '3', '--out', `${DIR}/zoo.safetensors`);
  ws(
    'train',
    '--zoo',
    `${DIR}/zoo.safetensors`,
    '--model',
    'dws',
    '--epochs',
    '3',
    '--channels',
    '4',
    '--out',
    `${DIR}/model.safetensors`,
  );
  cliEval = JSON.parse(
    ws('eval', '--model', `${DIR}/model.safetensors`, '--zoo', `${DIR}/zoo.safetensors`, '--split', 'test', '--json'),
  );
});

async function openStorage(page: Page, path = '/'): Promise<void> {
  await page.goto(path);
  await page.getByTestId('storage').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('zoo-generate')).toBeEnabled();
}

async function openFile(page: Page, path: string): Promise<void> {
  await page.getByTestId('storage-open').setInputFiles(path);
}

test('a CLI zoo and model open in the app; the app evaluates the model as the CLI does; its export renders the same in the CLI', async ({
  page,
  consoleErrors,
}) => {
  await openStorage(page);
  await openFile(page, `${DIR}/zoo.safetensors`);
  await expect(page.getByTestId('zoo-list')).toContainText('50 INRs');
  await openFile(page, `${DIR}/model.safetensors`);
  await expect(page.getByTestId('storage-models')).toContainText('model');
  await page.getByTestId('storage-evaluate').first().click();
  const evaluation = page.getByTestId('storage-evaluation');
  await expect(evaluation).toContainText(`on ${cliEval.count} INRs`);
  await expect(evaluation).toContainText(
    `accuracy ${percent(cliEval.accuracy)}, on permuted copies ${percent(cliEval.accuracyPermuted)}`,
  );

  const download = page.waitForEvent('download');
  await page.getByTestId('storage-export-zoo').first().click();
  await (await download).saveAs(`${DIR}/exported.safetensors`);
  ws('render', '--zoo', `${DIR}/zoo.safetensors`, '--index', '7', '--out', `${DIR}/cli.png`);
  ws('render', '--zoo', `${DIR}/exported.safetensors`, '--index', '7', '--out', `${DIR}/app.png`);
  expect(readFileSync(`${DIR}/app.png`).equals(readFileSync(`${DIR}/cli.png`))).toBe(true);
  await page.getByTestId('storage').screenshot({ path: 'test-results/storage-card.png' });
  expect(consoleErrors).toEqual([]);
});

test('zoos written by PyTorch (dims as "2,32,32,1", and no metadata at all) open, with what was assumed said', async ({
  page,
}) => {
  // like the unit interop tests: skipped without torch on a developer's machine, run (and failing) under CI=true
  test.skip(!torchPython && !onCi, 'no python3 with torch (Debian: apt-get install python3-torch)');
  const made = spawnSync(torchPython!, ['src/testing/fixtures/torch_zoo.py', DIR, '20'], { encoding: 'utf8' });
  expect(made.status, made.stderr).toBe(0);
  await openStorage(page);
  for (const name of ['listed', 'bare']) {
    await openFile(page, `${DIR}/${name}.safetensors`);
    const notice = page.getByTestId('ws-notice');
    await expect(notice).toContainText(`Loaded "${name}.safetensors": 20 INRs`);
    await expect(notice).toContainText('no "omega0" in the file\'s metadata: read as ω0 = 30');
    if (name === 'bare') await expect(notice).toContainText('no "dims" in the file\'s metadata: [2, 32, 32, 1]');
  }
  await expect(page.getByTestId('zoo-list')).toContainText('bare.safetensors');
  await expect(page.getByTestId('zoo-list')).toContainText('listed.safetensors');
});

test('corrupt, truncated and oversized files are refused with a message that names the problem; nothing changes', async ({
  page,
}) => {
  await openStorage(page);
  await openFile(page, `${DIR}/zoo.safetensors`);
  await expect(page.getByTestId('ws-notice')).toContainText('Loaded');
  await expect(page.getByTestId('zoo-list').locator('li')).toHaveCount(1);
  const good = readFileSync(`${DIR}/zoo.safetensors`);
  const header = Number(good.readBigUInt64LE(0));
  const huge = Buffer.from(good);
  huge.writeBigUInt64LE(2n ** 40n, 0);
  const wrongDtype = Buffer.from(good.toString('latin1').replace('"dtype":"F32"', '"dtype":"F16"'), 'latin1');
  const cases: [string, Buffer, RegExp][] = [
    ['truncated.safetensors', good.subarray(0, good.length - 100), /truncated file/],
    ['header-cut.safetensors', good.subarray(0, 8 + header - 10), /truncated file: the header/],
    ['oversized.safetensors', huge, /oversized/],
    ['garbage.safetensors', Buffer.from('hello, this is not a zoo at all'), /not a zoo, model or INR file/],
    ['wrong-dtype.safetensors', wrongDtype, /is F16; this importer reads/],
  ];
  for (const [name, bytes, message] of cases) {
    writeFileSync(`${DIR}/${name}`, bytes);
    await openFile(page, `${DIR}/${name}`);
    await expect(page.getByTestId('ws-notice')).toContainText(name);
    await expect(page.getByTestId('ws-notice')).toContainText(message);
    await expect(page.getByTestId('ws-notice')).toContainText('Nothing was changed');
    await expect(page.getByTestId('zoo-list').locator('li')).toHaveCount(1);
  }
});

test('NaN in the model pauses the run, keeps it, and resumes at a lower learning rate; runs and models survive a reload', async ({
  page,
}) => {
  await openStorage(page, '/?faults');
  await openFile(page, `${DIR}/zoo.safetensors`);
  await expect(page.getByTestId('zoo-list')).toContainText('50 INRs');
  await page.getByTestId('ws-channels').fill('4');
  await page.getByTestId('ws-epochs').fill('8');
  // armed before the run starts (the worker sets NaN parameters before its next epoch): a short run cannot finish first
  await page.evaluate(() =>
    (window as unknown as { weightscapeFaults: { injectNan: () => void } }).weightscapeFaults.injectNan(),
  );
  await page.getByTestId('train-ws').click();
  const banner = page.getByTestId('ws-diverged');
  await expect(banner).toContainText('the training loss became NaN');
  await expect(banner).toContainText('Training is paused and the run is kept');
  await expect(page.getByTestId('ws-runs')).toContainText('paused');
  await page.screenshot({ path: 'test-results/nan-paused.png' });
  await expect(page.getByTestId('ws-resume-lower')).toHaveText('Resume at lr 5e-4');
  await page.getByTestId('ws-resume-lower').click();
  // a second divergence after the resume offers a tenth of the rate it ran at, not the first offer again
  await page.evaluate(() =>
    (window as unknown as { weightscapeFaults: { injectNan: () => void } }).weightscapeFaults.injectNan(),
  );
  await expect(page.getByTestId('ws-resume-lower')).toHaveText('Resume at lr 5e-5');
  await page.getByTestId('ws-resume-lower').click();
  await expect(page.getByTestId('ws-runs')).toContainText('done', { timeout: 90_000 });
  await expect(banner).toHaveCount(0);
  await expect(page.getByTestId('storage-models')).toContainText('run #1 dws');

  await page.reload();
  await page.getByTestId('storage').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('storage-models')).toContainText('run #1 dws');
  await expect(page.getByTestId('storage-runs')).toContainText('#1 dws');
  await expect(page.getByTestId('ws-runs')).toContainText('done');
  await expect(page.getByTestId('zoo-list')).toContainText('50 INRs');
});

test('the fault hooks exist only in a browser driven by automation: a person opening ?faults gets none', async ({
  page,
}) => {
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'webdriver', { get: () => false }));
  await page.goto('/?faults');
  await expect(page.getByTestId('play')).toBeEnabled();
  expect(await page.evaluate(() => 'weightscapeFaults' in window)).toBe(false);
});

test('a lost GPU device: both panels get a new device, the fit restarts with its settings, the zoo is reloaded, and the page says so', async ({
  page,
}) => {
  await openStorage(page, '/?faults');
  await openFile(page, `${DIR}/zoo.safetensors`);
  await expect(page.getByTestId('zoo-list')).toContainText('50 INRs');
  await page.getByTestId('step').click();
  await expect(page.getByTestId('step-count')).toHaveText('1');
  await page.evaluate(() =>
    (window as unknown as { weightscapeFaults: { loseDevice: () => void } }).weightscapeFaults.loseDevice(),
  );
  await expect(page.getByTestId('notice')).toContainText(
    'A new GPU device was acquired and the fit restarted from its seed with your settings',
  );
  await expect(page.getByTestId('ws-notice')).toContainText(
    'A new GPU device was acquired; the zoo was reloaded from browser storage',
  );
  await expect(page.getByTestId('step-count')).toHaveText('0');
  await page.getByTestId('step').click();
  await expect(page.getByTestId('step-count')).toHaveText('1');
  await expect(page.getByTestId('zoo-thumbnails').locator('canvas').first()).toBeVisible();
  await expect(page.getByTestId('train-ws')).toBeEnabled();
});
