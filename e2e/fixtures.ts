import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Locator, type Page } from '@playwright/test';

/** The app as a learner sees it: intent methods over role-based locators. */
export class KitchenPage {
  readonly console: Locator;
  readonly transcript: Locator;
  readonly scene: Locator;

  constructor(readonly page: Page) {
    this.console = page.getByRole('textbox', { name: 'Console' });
    this.transcript = page.getByRole('log', { name: 'Console transcript' });
    this.scene = page.getByRole('region', { name: 'The restaurant (cluster)' });
  }

  /**
   * Open the app and wait for the kitchen. Then the clock is paused, unless `live`: a test moves
   * simulated time with `wait` (it fast-forwards at once), never by waiting for it at 1×, and a
   * still page answers every action at once even on a busy machine (a playing scene re-renders
   * every frame). A walkthrough link opens paused already.
   */
  async open(query = '', { live = false }: { live?: boolean } = {}) {
    await this.page.goto(`/${query}`);
    // The engine loads in its own chunk and boots the cluster before the scene appears.
    await expect(this.scene.getByRole('group', { name: 'worker-1, Ready' })).toBeVisible({
      timeout: 20_000,
    });
    if (!live && !query.includes('walkthrough=')) await this.pause();
  }

  /** Pause the playing clock and wait until it has stopped (one click: the page is busy). */
  async pause() {
    await this.page.getByRole('button', { name: 'Pause', exact: true }).click();
    await expect(this.page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  }

  /** Run one console line and wait for its echo in the transcript. */
  async run(line: string) {
    await this.console.fill(line);
    await this.console.press('Enter');
    await expect(this.transcript).toContainText(`$ ${line}`);
  }

  /** Scene groups for pods whose name starts with `prefix`, in the given status. */
  pods(prefix: string, status: string): Locator {
    const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return this.scene.getByRole('group', { name: new RegExp(`^${escaped}[^,]*, ${status}$`) });
  }

  node(name: string, status = 'Ready'): Locator {
    return this.scene.getByRole('group', { name: `${name}, ${status}` });
  }

  /** axe needs a still page: pause the simulation first (the scene re-renders while playing). */
  async expectAccessible() {
    await this.expectAccessibleIn('Pause');
  }

  /** expectAccessible in another language (`pauseName`: the Pause button's name there). */
  async expectAccessibleIn(pauseName: string) {
    // (A modal dialog keeps the button out of reach: pause before opening one.)
    const pause = this.page.getByRole('button', { name: pauseName, exact: true });
    if (await pause.isVisible()) {
      await pause.click();
      await expect(pause).toBeHidden();
    }
    const results = await new AxeBuilder({ page: this.page })
      .withTags(['wcag2a', 'wcag2aa'])
      .analyze();
    expect(results.violations).toEqual([]);
  }
}

export const test = base.extend<{ kitchen: KitchenPage }>({
  kitchen: async ({ page }, use) => {
    await use(new KitchenPage(page));
  },
});

export { expect };
