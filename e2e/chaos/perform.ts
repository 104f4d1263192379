/**
 * Does one chaos action on the page, as a hand would: by role and name, with short timeouts. A
 * target that is not there (no Undo to click, a scene with no buttons) makes the action a no-op:
 * the session goes on. What must never happen is checked by the caller (errors, long tasks) and
 * here: a console line whose echo never reaches the transcript was lost.
 */
import type { Page } from '@playwright/test';
import type { KitchenPage } from '../fixtures';
import type { Action } from './actions';

/** Long enough for a click on a busy 2-core machine; a missing target costs no more than this. */
const CLICK_MS = 2_000;
/** A console line's echo: a long `wait` runs in slices first (1 h of a small cluster: seconds). */
const ECHO_MS = 60_000;

/** Control characters never reach the transcript as typed (the field drops or shows them apart). */
function visible(line: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
  return line.replace(/[\u0000-\u001f\u007f]/g, '').trim();
}

const TAB_IDS = {
  Walkthrough: 'walkthrough',
  Inspector: 'inspector',
  Events: 'events',
  Faults: 'faults',
} as const;

async function tryClick(
  locator: ReturnType<Page['locator']>,
  { force = false } = {},
): Promise<boolean> {
  // Not there at all: no need to wait for it.
  if ((await locator.count()) === 0) return false;
  try {
    // `force`: where it is, even under something else (the click lands on what is on top).
    await locator.click({ timeout: CLICK_MS, force });
    return true;
  } catch {
    return false;
  }
}

/**
 * How many transcript rows show `line`: a command row's echo, or one of a row of quiet waits.
 * Counted in the page: the transcript's text (JSON outputs and all) never crosses the wire.
 */
function echoes(page: Page, line: string): Promise<number> {
  return page.evaluate((shown) => {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: as `visible` does
    const clean = (s: string) => s.replace(/[\u0000-\u001f\u007f]/g, '').trim();
    let n = 0;
    for (const row of Array.from(document.querySelectorAll('.console-log pre.console-entry'))) {
      const echo = row.querySelector('.console-line');
      if (echo) n += clean((echo.textContent ?? '').slice(2)) === shown ? 1 : 0;
      else
        n += (row.textContent ?? '')
          .slice(2)
          .split(' · ')
          .filter((w) => clean(w) === shown).length;
    }
    return n;
  }, line);
}

/** Types a line into the Console and waits until the transcript shows it ran. */
export async function runLine(kitchen: KitchenPage, line: string): Promise<void> {
  const { page } = kitchen;
  const shown = visible(line);
  const before = shown ? await echoes(page, shown) : 0;
  const field = page.locator('input[aria-label="Console"]');
  await field.fill(line, { timeout: CLICK_MS * 3 });
  await field.press('Enter');
  if (shown) await waitForEcho(page, line, shown, before);
}

/**
 * More copies of the line in the transcript than before: it has run. Acting in the past may
 * drop an earlier copy with the future it belonged to; then the dropped-notice says so, and one
 * copy is enough.
 */
async function waitForEcho(page: Page, line: string, shown: string, before: number) {
  const dropped = page.getByRole('status').filter({ hasText: 'dropped' });
  const deadline = Date.now() + ECHO_MS;
  for (let delayMs = 20; ; delayMs = Math.min(500, delayMs * 2)) {
    const now = await echoes(page, shown);
    if (now > before || (now > 0 && (await dropped.count()) > 0)) return;
    if (Date.now() > deadline)
      throw new Error(`console line lost: ${JSON.stringify(line.slice(0, 200))} never echoed`);
    await page.waitForTimeout(delayMs);
  }
}

/** Closes whatever modal dialog an action left open (a refused manifest keeps its dialog). */
export async function closeDialogs(page: Page): Promise<void> {
  for (let i = 0; i < 3; i++) {
    const dialog = page.locator('dialog[open]');
    if ((await dialog.count()) === 0) return;
    await page.keyboard.press('Escape');
    await dialog
      .first()
      .waitFor({ state: 'hidden', timeout: CLICK_MS })
      .catch(() => undefined);
  }
}

export async function perform(kitchen: KitchenPage, a: Action): Promise<void> {
  const { page } = kitchen;
  // CSS, not role queries: a role query walks the whole accessibility tree of a big scene, which
  // on a loaded machine costs seconds per action. The accessible names are other specs' job.
  const scene = page.locator('#scene');
  const slider = page.locator('.scrubber input[type="range"]');
  switch (a.kind) {
    case 'line':
      return runLine(kitchen, a.line);
    case 'scene-button': {
      const buttons = scene.locator('[role="button"]');
      const n = await buttons.count();
      if (n) await tryClick(buttons.nth(a.index % n), { force: true });
      return;
    }
    case 'scene-point': {
      const box = await scene.boundingBox();
      if (box)
        await page.mouse.click(box.x + a.x * box.width, box.y + a.y * box.height, { delay: 5 });
      return;
    }
    case 'tab':
      await tryClick(page.locator(`#tab-${TAB_IDS[a.name]}`));
      return;
    case 'fault': {
      if (!(await tryClick(page.locator('#tab-faults')))) return;
      const buttons = page.locator('#tabpanel-faults button.fault-button');
      const n = await buttons.count();
      if (n) await tryClick(buttons.nth(a.index % n));
      return;
    }
    case 'scrub': {
      const [min, max] = await slider.evaluate((el) => [
        Number((el as HTMLInputElement).min),
        Number((el as HTMLInputElement).max),
      ]);
      const value = Math.round((min + a.fraction * (max - min)) / 100) * 100;
      await slider.fill(String(value), { timeout: CLICK_MS }).catch(() => undefined);
      return;
    }
    case 'slider-key':
      await slider.press(a.key, { timeout: CLICK_MS }).catch(() => undefined);
      return;
    case 'step':
      await tryClick(page.locator(`.playback button[aria-label="Step ${a.direction}"]`));
      return;
    case 'live':
      await tryClick(page.locator('.playback .live-button'));
      return;
    case 'play-pause':
      // Play for a moment, then pause: a scene left playing makes every later action slow.
      if (await tryClick(page.locator('.playback .play-button'))) {
        await page.waitForTimeout(a.ms);
        await tryClick(page.locator('.playback .play-button'));
      }
      return;
    case 'speed':
      await page
        .locator('.playback .speed select')
        .selectOption(a.value, { timeout: CLICK_MS })
        .catch(() => undefined);
      return;
    case 'undo':
      await tryClick(page.locator('.console-dropped button'));
      return;
    case 'events-filter': {
      if (!(await tryClick(page.locator('#tab-events')))) return;
      const panel = page.locator('#tabpanel-events');
      await panel
        .getByRole('searchbox', { name: 'Object' })
        .fill(a.text, { timeout: CLICK_MS })
        .catch(() => undefined);
      await panel
        .getByRole('checkbox', { name: 'Errors only' })
        .setChecked(a.errorsOnly, { timeout: CLICK_MS })
        .catch(() => undefined);
      return;
    }
    case 'shortcuts':
      await page.keyboard.press('?');
      await closeDialogs(page);
      return;
    case 'labels':
      await page
        .locator('.header-controls select')
        .first()
        .selectOption(a.value, { timeout: CLICK_MS })
        .catch(() => undefined);
      return;
    case 'manifest':
      return manifest(kitchen, a);
  }
}

async function manifest(
  kitchen: KitchenPage,
  a: Extract<Action, { kind: 'manifest' }>,
): Promise<void> {
  const { page } = kitchen;
  if (!(await tryClick(page.locator('.console-actions button', { hasText: 'Write a manifest' }))))
    return;
  const dialog = page.locator('dialog[open]');
  try {
    if (a.example !== undefined) {
      const picker = dialog.getByRole('combobox', { name: 'Example' });
      const options = await picker.locator('option').count();
      if (options > 1) {
        // An example is a lazy chunk: its name and text arrive a moment after the pick, and
        // the Apply button's line is read from the name.
        const text = dialog.getByRole('textbox', { name: 'Manifest (YAML or JSON)' });
        const before = await text.inputValue();
        await picker.selectOption({ index: a.example % options });
        const deadline = Date.now() + CLICK_MS * 3;
        while ((await text.inputValue()) === before && Date.now() < deadline)
          await page.waitForTimeout(50);
      }
    }
    if (a.example === undefined || a.name)
      await dialog.getByRole('textbox', { name: 'File name' }).fill(a.name, { timeout: CLICK_MS });
    if (a.text !== undefined)
      await dialog
        .getByRole('textbox', { name: 'Manifest (YAML or JSON)' })
        .fill(a.text, { timeout: CLICK_MS * 3 });
    const button = dialog.getByRole('button', { name: a.apply ? /^Apply/ : 'Cancel' });
    // The line Apply runs is in the button's name: "Apply (kubectl apply -f NAME)".
    const line = a.apply
      ? /\((kubectl apply -f .*)\)$/.exec((await button.textContent()) ?? '')?.[1]
      : '';
    const before = line ? await echoes(page, line) : 0;
    await button.click({ timeout: CLICK_MS });
    if (line && (await dialog.count()) === 0) await waitForEcho(page, line, line, before);
  } finally {
    await closeDialogs(page);
  }
}
