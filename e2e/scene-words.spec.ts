import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/**
 * No two words in the scene ever overlap, moving layer included (issue 9): a rollout of 9
 * replicas with a Service and customers, sampled while it plays with motion on.
 */
test.use({ reducedMotion: 'no-preference', viewport: { width: 1440, height: 900 } });

/** Pairs of visible <text> boxes in the scene (both layers) that overlap, as readable strings. */
async function overlappingWords(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const visible = (el: Element) => {
      for (let e: Element | null = el; e && e.tagName !== 'svg'; e = e.parentElement) {
        const s = getComputedStyle(e);
        if (s.display === 'none' || s.visibility === 'hidden' || Number(s.opacity) < 0.05) {
          return false;
        }
        const o = e.getAttribute('opacity');
        if (o !== null && Number(o) < 0.05) return false;
      }
      return true;
    };
    const stage = document.querySelector('.kitchen-stage');
    if (!stage) return ['no scene'];
    const boxes = Array.from(stage.querySelectorAll('text'))
      .filter((t) => (t.textContent ?? '').trim() !== '' && visible(t))
      .map((t) => {
        const anim = t.closest('.anim');
        const label = anim
          ? `${t.textContent} (${anim.getAttribute('class')}: ${anim.querySelector('title')?.textContent ?? ''})`
          : (t.textContent ?? '');
        return {
          text: label,
          r: t.getBoundingClientRect(),
          px: parseFloat(getComputedStyle(t).fontSize),
        };
      })
      .filter((b) => b.r.width > 0 && b.r.height > 0);
    // A text's box is its em box (font-size tall, centred on its line box): a line box also
    // holds the font's ascent and descent, which CJK fallback fonts make taller than the em.
    const out: string[] = [];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i].r;
        const b = boxes[j].r;
        const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const em = (r: DOMRect, px: number) => {
          const c = (r.top + r.bottom) / 2;
          const h = Math.min(r.height, px);
          return { top: c - h / 2, bottom: c + h / 2 };
        };
        const ea = em(a, boxes[i].px);
        const eb = em(b, boxes[j].px);
        const y = Math.min(ea.bottom, eb.bottom) - Math.max(ea.top, eb.top);
        if (x > 1 && y > 1) out.push(`"${boxes[i].text}" × "${boxes[j].text}"`);
      }
    }
    return out;
  });
}

test('no two words in the scene overlap during a rollout with customers', async ({
  kitchen,
  page,
}) => {
  // It samples a playing page (each look is a round trip to a busy renderer): it gets a longer
  // budget than the default, and needs about a quarter of it.
  test.setTimeout(60_000);
  await kitchen.open('?workers=3', { live: true });
  await kitchen.run('kubectl create deployment web --image=nginx --replicas=9');
  await kitchen.run('kubectl expose deployment web --port=80');
  const problems = new Set<string>();
  let samples = 0;
  // Sample while the pods are scheduled, pulled, started and served (the clock plays at 1×).
  for (let round = 0; round < 6; round++) {
    if (round === 3) await kitchen.run('request web 6');
    for (let k = 0; k < 4; k++) {
      for (const p of await overlappingWords(page)) problems.add(p);
      samples++;
      await page.waitForTimeout(150);
    }
    if (round === 1) await kitchen.run('wait 8s');
  }
  await kitchen.run('request web 9');
  for (let k = 0; k < 6; k++) {
    for (const p of await overlappingWords(page)) problems.add(p);
    samples++;
    await page.waitForTimeout(120);
  }
  expect(samples).toBeGreaterThan(20);
  expect([...problems]).toEqual([]);
  // The rollout really happened while we sampled.
  await expect(kitchen.pods('web', 'Running')).toHaveCount(9);
});
