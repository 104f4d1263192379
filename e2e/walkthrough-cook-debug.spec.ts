import type { Locator, Page } from '@playwright/test';
import { expect, type KitchenPage, test } from './fixtures';

/**
 * Walkthrough 7, "Why won’t my cook start?" (src/scenarios/walkthroughs/cookDebug.ts), as a
 * learner meets it: three broken orders found with get pods, describe and logs, then fixed. At
 * each step the narration, the console lines the step ran and the kitchen's cooks are checked
 * by what assistive technology reads (accessible names and text), never by pixels.
 */

const TOTAL = 8;
const TITLE = 'Why won’t my cook start?';

/** What each cook's accessible name says of it (src/i18n/kitchen.en.ts, kitchen.cookState.*). */
const CRATE = 'found an empty crate (image pull failed), 0 restarts';
const BACK_OFF = '; the head chef waits 40s before calling it back';
const WALKED_OFF = `walked off with nothing left to do (back-off), 3 restarts${BACK_OFF}`;
const FAINTED = `fainted under too many plates (OOMKilled), 3 restarts${BACK_OFF}`;
const COOKING = 'cooking, 0 restarts';

type Cooks = { web: string; prep: string; hungry: string };

interface StepSeen {
  /** The narration's opening words. */
  says: string;
  /** What the step ran, as the console shows it (the transcript keeps the earlier steps too). */
  console: (string | RegExp)[];
  /** A later step's command: the console must not have run ahead. */
  notYet?: string;
  /** STATUS as `kubectl get pods` shows it, in each pod's group name. */
  status: Cooks;
  /** Each cook's state in the kitchen. */
  cooks: Cooks;
  /** The "On a real cluster" line. */
  kubectl: string;
}

const FAILING: Cooks = { web: CRATE, prep: WALKED_OFF, hungry: FAINTED };
const BROKEN: Cooks = {
  web: 'ImagePullBackOff',
  prep: 'CrashLoopBackOff',
  hungry: 'CrashLoopBackOff',
};

const STEPS: StepSeen[] = [
  {
    says: 'Three orders came in a minute ago, and none of them is cooking.',
    console: [
      /\$ kubectl get pods\s+NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+hungry\s+0\/1\s+CrashLoopBackOff\s+3 \(\d+s ago\)\s+60s\s+prep\s+0\/1\s+CrashLoopBackOff\s+3 \(\d+s ago\)\s+60s\s+web\s+0\/1\s+ImagePullBackOff\s+0\s+60s/,
    ],
    notYet: '$ kubectl describe pod web',
    status: BROKEN,
    cooks: FAILING,
    kubectl: 'kubectl get pods',
  },
  {
    says: 'Run kubectl describe pod web and read the Events at the bottom.',
    console: [
      /\$ kubectl describe pod web\s[\s\S]*Image:\s+nginx:1\.277\s[\s\S]*State:\s+Waiting\s+Reason:\s+ImagePullBackOff/,
      /Failed to pull image "nginx:1\.277": rpc error: code = NotFound .*docker\.io\/library\/nginx:1\.277: not found/,
      'Error: ErrImagePull',
      'Back-off pulling image "nginx:1.277"',
      'Error: ImagePullBackOff',
    ],
    notYet: '$ kubectl set image',
    status: BROKEN,
    cooks: FAILING,
    kubectl: 'kubectl describe pod web',
  },
  {
    says: 'A Pod’s image is one of the few fields you may change in place.',
    console: [/\$ kubectl set image pod\/web web=nginx:1\.27\s+pod\/web image updated/],
    notYet: '$ kubectl logs prep',
    status: { ...BROKEN, web: 'Running' },
    cooks: { ...FAILING, web: COOKING },
    kubectl: 'kubectl set image pod/web web=nginx:1.27',
  },
  {
    says: 'prep is different: its cook did start.',
    console: [
      /\$ kubectl logs prep\s+nothing to cook\s+\$ kubectl describe pod prep\s/,
      /Args:\s+echo\s+nothing to cook\s+State:\s+Waiting\s+Reason:\s+CrashLoopBackOff\s+Last State:\s+Terminated\s+Reason:\s+Completed\s+Exit Code:\s+0\s/,
      'Back-off restarting failed container prep in pod prep_default',
    ],
    notYet: '$ kubectl delete pod prep',
    status: { ...BROKEN, web: 'Running' },
    cooks: { ...FAILING, web: COOKING },
    kubectl: 'kubectl logs prep --previous',
  },
  {
    says: 'Give the cook work that lasts.',
    console: [
      /\$ kubectl delete pod prep --now\s+pod "prep" deleted/,
      /\$ kubectl run prep --image=busybox -- sleep 3600\s+pod\/prep created/,
    ],
    notYet: '$ kubectl describe pod hungry',
    status: { ...BROKEN, web: 'Running', prep: 'Running' },
    cooks: { ...FAILING, web: COOKING, prep: COOKING },
    kubectl: 'kubectl run prep --image=busybox -- sleep 3600',
  },
  {
    says: 'hungry’s cook fainted.',
    console: [
      /\$ kubectl describe pod hungry\s[\s\S]*Last State:\s+Terminated\s+Reason:\s+OOMKilled\s+Exit Code:\s+137\s[\s\S]*Limits:\s+memory:\s+100Mi\s/,
      'Back-off restarting failed container hungry in pod hungry_default',
    ],
    notYet: '$ kubectl delete pod hungry',
    status: { ...BROKEN, web: 'Running', prep: 'Running' },
    cooks: { ...FAILING, web: COOKING, prep: COOKING },
    kubectl: 'kubectl describe pod hungry',
  },
  {
    says: 'Give it a bigger limit.',
    console: [
      /\$ kubectl delete pod hungry --now\s+pod "hungry" deleted/,
      /\$ kubectl apply -f hungry-fixed\.yaml\s+pod\/hungry created/,
    ],
    notYet: 'wait 30s',
    status: { web: 'Running', prep: 'Running', hungry: 'Running' },
    cooks: { web: COOKING, prep: COOKING, hungry: COOKING },
    kubectl: 'kubectl apply -f hungry-fixed.yaml',
  },
  {
    says: 'kubectl get pods: three cooks, all cooking.',
    console: [
      // The last get pods: all three Running, none restarted.
      /\$ kubectl get pods\s+NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+hungry\s+1\/1\s+Running\s+0\s+\d+s\s+prep\s+1\/1\s+Running\s+0\s+\d+s\s+web\s+1\/1\s+Running\s+0\s+\d+s\s*$/,
    ],
    status: { web: 'Running', prep: 'Running', hungry: 'Running' },
    cooks: { web: COOKING, prep: COOKING, hungry: COOKING },
    kubectl: 'kubectl get pods',
  },
];

/** A cook in the scene, by the accessible name the kitchen gives it (src/kitchen/Station.tsx). */
function cook(scene: Locator, name: string, word = 'Cook'): Locator {
  return scene.getByRole('button', { name: new RegExp(`^${word} ${name}[ （(]`) });
}

/**
 * Everything a learner reads at this instant, as assistive technology gets it: the link, the
 * player (step, narration, bends, diff, real-cluster line, step list), the console, the clock and
 * the scene. Read at once: on a busy machine each call to the page costs more than the reading.
 */
async function seen(page: Page, kitchen: KitchenPage) {
  const [player, transcript, clock, scene] = await Promise.all([
    page.getByRole('region', { name: TITLE }).ariaSnapshot(),
    kitchen.transcript.textContent(),
    page.getByRole('slider', { name: 'Timeline' }).getAttribute('aria-valuetext'),
    kitchen.scene.ariaSnapshot(),
  ]);
  return { url: new URL(page.url()).search, player, console: transcript ?? '', clock, scene };
}

type Seen = Awaited<ReturnType<typeof seen>>;

/** A pod's station and its cook, from the scene's accessibility tree. */
function station(scene: string, name: string) {
  return {
    status: scene.match(new RegExp(`group "${name}, ([^"]+)"`))?.[1],
    cook: scene.match(new RegExp(`button "Cook ${name} \\(container ${name}\\): ([^"]+)"`))?.[1],
  };
}

/** What step `n` shows, read from `s`, in the shape of `wanted(n)`. */
function shown(s: Seen, n: number) {
  const step = STEPS[n - 1];
  const has = (c: string | RegExp) =>
    typeof c === 'string' ? s.console.includes(c) : c.test(s.console);
  const pods = {
    web: station(s.scene, 'web'),
    prep: station(s.scene, 'prep'),
    hungry: station(s.scene, 'hungry'),
  };
  return {
    url: s.url,
    step: s.player.includes(`Step ${n} of ${TOTAL}`),
    says: s.player.includes(step.says),
    kubectl: new RegExp(
      `code: "?${step.kubectl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"?$`,
      'm',
    ).test(s.player),
    console: step.console.map(has),
    ranAhead: step.notYet ? has(step.notYet) : false,
    status: { web: pods.web.status, prep: pods.prep.status, hungry: pods.hungry.status },
    cooks: { web: pods.web.cook, prep: pods.prep.cook, hungry: pods.hungry.cook },
  };
}

function wanted(n: number): ReturnType<typeof shown> {
  const step = STEPS[n - 1];
  return {
    url: `?walkthrough=cook-debug&step=${n}`,
    step: true,
    says: true,
    kubectl: true,
    console: step.console.map(() => true),
    ranAhead: false,
    status: step.status,
    cooks: step.cooks,
  };
}

/**
 * Wait until step `n` is shown in full, and return what it shows. Computing a step is the slow
 * part on a busy machine: wait for it as long as it takes, without a fixed pause.
 */
async function expectStep(page: Page, kitchen: KitchenPage, n: number): Promise<Seen> {
  let last: Seen | undefined;
  await expect
    .poll(
      async () => {
        last = await seen(page, kitchen);
        return shown(last, n);
      },
      { timeout: 15_000 },
    )
    .toEqual(wanted(n));
  return last as Seen;
}

test('walkthrough 7, why won’t my cook start: every step with the buttons and the keys, then back exactly', async ({
  kitchen,
  page,
}) => {
  // Eight steps computed in the page, then seven restored: 25 to 36 s on a 2-core machine at a
  // load of 13 to 17 (as scene-words.spec.ts, a minute).
  test.setTimeout(60_000);
  // Opened as a learner does: the walkthrough list in the side panel, its Start button.
  await kitchen.open();
  await page.getByRole('tab', { name: 'Walkthrough' }).click();
  await page.getByRole('button', { name: `Start “${TITLE}”` }).click();
  await expect(page.getByRole('heading', { name: TITLE, level: 2 })).toBeVisible();

  const next = page.getByRole('button', { name: 'Next step' });
  const previous = page.getByRole('button', { name: 'Previous step' });
  const narration = page.getByRole('region', { name: 'Narration' });
  const recorded: Seen[] = [];

  // Forward: Next step and → in turn.
  for (let n = 1; n <= TOTAL; n++) {
    if (n > 1 && n % 2 === 0) await next.click();
    else if (n > 1) await page.keyboard.press('ArrowRight');
    recorded.push(await expectStep(page, kitchen, n));
    if (n === 2) {
      await expect(
        page.getByRole('complementary', { name: 'Where the metaphor bends' }),
      ).toContainText('ErrImagePull');
    }
    if (n === 3) {
      // Same Pod, new image: the diff shows the typo and its fix.
      const diff = page.getByRole('table', { name: 'What changed in pod/default/web' });
      await Promise.all([
        expect(diff.getByRole('row', { name: /image nginx:1\.277 nginx:1\.27$/ })).toBeVisible(),
        expect(diff.getByRole('row', { name: 'status.phase Pending Running' })).toBeVisible(),
      ]);
    }
  }
  await Promise.all([
    expect(narration).toContainText('End of the walkthrough.'),
    expect(next).toBeDisabled(),
  ]);
  // Past the end, → does nothing.
  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/step=8$/);

  // Back: Previous step and ← in turn; each step comes back exactly as it was first seen.
  for (let n = TOTAL - 1; n >= 1; n--) {
    if (n % 2 === 0) await previous.click();
    else await page.keyboard.press('ArrowLeft');
    // The link, the player, the console, the clock and every name in the scene, as on the way
    // forward.
    await expect.poll(() => seen(page, kitchen), { timeout: 15_000 }).toEqual(recorded[n - 1]);
  }
});

test('walkthrough 7 in 繁體中文: the first and the last step, and back to the first', async ({
  kitchen,
  page,
}) => {
  // Eight steps computed: 14 to 25 s on a 2-core machine at a load of 13 to 17.
  test.setTimeout(60_000);
  await kitchen.open();
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-TW');
  // The header's picker, in the learner's language.
  await page
    .getByRole('combobox', { name: '導覽' })
    .selectOption({ label: '我的廚師為什麼不開工？' });

  const player = page.getByRole('region', { name: '我的廚師為什麼不開工？' });
  const narration = page.getByRole('region', { name: '旁白' });
  const transcript = page.getByRole('log', { name: '主控台紀錄' });
  const scene = page.getByRole('region', { name: '餐廳（叢集）' });
  const zhCook = (name: string) => cook(scene, name, '廚師');

  // Each group of checks at once: on a busy machine each call to the page is what costs.
  const firstStep = () =>
    Promise.all([
      expect(player.getByText('第 1 步，共 8 步')).toBeVisible({ timeout: 15_000 }),
      expect(narration).toContainText('一分鐘前來了三張訂單，沒有一張在煮。'),
      expect(narration).toContainText('web 顯示 ImagePullBackOff'),
      expect(transcript).toContainText(STEPS[0].console[0]),
      expect(zhCook('web')).toHaveAccessibleName(
        '廚師 web（容器 web）：打開的箱子是空的（映像檔拉取失敗），重啟 0 次',
      ),
      expect(zhCook('prep')).toHaveAccessibleName(
        '廚師 prep（容器 prep）：沒事可做，先走開了（退避等待），重啟 3 次；主廚等 40s 後再叫他回來',
      ),
      expect(zhCook('hungry')).toHaveAccessibleName(
        '廚師 hungry（容器 hungry）：被太多盤子壓昏了（OOMKilled），重啟 3 次；主廚等 40s 後再叫他回來',
      ),
    ]);
  await firstStep();
  const first = await scene.ariaSnapshot();

  // To the last step from the list of steps.
  const steps = page.getByRole('navigation', { name: '步驟' });
  await steps.getByRole('button', { name: '8. kubectl get pods：三位廚師都在煮了。' }).click();
  await Promise.all([
    expect(player.getByText('第 8 步，共 8 步')).toBeVisible({ timeout: 15_000 }),
    expect(narration).toContainText('kubectl get pods：三位廚師都在煮了。'),
    expect(narration).toContainText('導覽結束。'),
    expect(page.getByRole('button', { name: '下一步' })).toBeDisabled(),
    expect(transcript).toContainText(STEPS[TOTAL - 1].console[0]),
    ...['web', 'prep', 'hungry'].map((name) =>
      expect(zhCook(name)).toHaveAccessibleName(`廚師 ${name}（容器 ${name}）：烹調中，重啟 0 次`),
    ),
  ]);

  // ← in Chinese too: step 7, hungry's new Pod cooking.
  await page.getByRole('button', { name: '上一步' }).focus();
  await page.keyboard.press('ArrowLeft');
  await Promise.all([
    expect(player.getByText('第 7 步，共 8 步')).toBeVisible({ timeout: 15_000 }),
    expect(narration).toContainText('給它更高的上限。'),
    expect(narration).not.toContainText('導覽結束。'),
  ]);

  // Back to the first step from the list of steps: the three failures again, exactly.
  await steps.getByRole('button', { name: '1. 一分鐘前來了三張訂單，沒有一張在煮。' }).click();
  await firstStep();
  await expect.poll(() => scene.ariaSnapshot(), { timeout: 15_000 }).toBe(first);
});

test('walkthrough 7: scrubbing a step’s timeline back and forth returns to the same kitchen', async ({
  kitchen,
  page,
}) => {
  // 15 to 30 s on a 2-core machine at a load of 13 to 17, axe over the whole page most of it.
  test.setTimeout(60_000);
  // Step 3 by a shared link: web's image is fixed during the step.
  await kitchen.open('?walkthrough=cook-debug&step=3');
  const atEnd = await expectStep(page, kitchen, 3);
  const slider = page.getByRole('slider', { name: 'Timeline' });
  const live = page.getByRole('button', { name: 'Back to live' });

  // The step's start: web still waits for an image that does not exist, beside the other two.
  await slider.focus();
  await page.keyboard.press('Home');
  await Promise.all([
    expect(live).toBeVisible(),
    expect(kitchen.pods('web', 'ImagePullBackOff')).toHaveCount(1),
    ...(['web', 'prep', 'hungry'] as const).map((name) =>
      expect(cook(kitchen.scene, name)).toHaveAccessibleName(
        `Cook ${name} (container ${name}): ${FAILING[name]}`,
      ),
    ),
    // Scrubbing shows the past; it does not move the walkthrough.
    expect(page.getByText('Step 3 of 8')).toBeVisible(),
  ]);
  // The three failures at once, each in its own look (the clocks' labels too), pass axe.
  await kitchen.expectAccessible();

  // The step's end again: the same kitchen, console and clock as before the scrub.
  await page.keyboard.press('End');
  await expect(live).toBeHidden();
  await expect.poll(() => seen(page, kitchen), { timeout: 15_000 }).toEqual(atEnd);

  // One traced instant back, and back to live: the same again.
  await page.getByRole('button', { name: 'Step back' }).click();
  await expect(live).toBeVisible();
  await live.click();
  await expect(live).toBeHidden();
  await expect.poll(() => seen(page, kitchen), { timeout: 15_000 }).toEqual(atEnd);
});
