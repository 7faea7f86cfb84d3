// The report's mermaid blocks render with the real mermaid package in headless Debian
// Chromium (playwright-core), from a local page with no network.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReport } from '../src/report/markdown.js';
import { launchChromium, mermaidScriptPath } from './support/chromium.js';
import {
  heldReport,
  hostileReport,
  longReport,
  promotedReport,
  rolledBackReport,
} from './support/report-fixtures.js';

interface Rendered {
  title: string;
  xLabels: string[];
  bars: number;
  linePoints: number;
  svgLength: number;
}

/** The bit of the DOM the page-side check uses (the project's tsconfig has no DOM lib). */
interface MiniElement {
  innerHTML: string;
  textContent: string | null;
  getAttribute(name: string): string | null;
  querySelector(selector: string): MiniElement | null;
  querySelectorAll(selector: string): ArrayLike<MiniElement> & Iterable<MiniElement>;
}

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  page = await browser.newPage();
  await page.route('**/*', (route) => route.abort()); // nothing may be fetched
  await page.setContent('<!doctype html><html><body><div id="out"></div></body></html>');
  await page.addScriptTag({ path: mermaidScriptPath() });
  await page.evaluate(() => {
    (globalThis as unknown as { mermaid: { initialize(c: object): void } }).mermaid.initialize({
      startOnLoad: false,
      securityLevel: 'strict',
    });
  });
});

afterAll(async () => {
  await browser?.close();
});

function mermaidBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```mermaid\n([\s\S]*?)\n```/g)].map((m) => m[1] ?? '');
}

let counter = 0;
async function render(code: string): Promise<Rendered> {
  counter += 1;
  return page.evaluate(
    async ({ code, id }) => {
      const mermaid = (
        globalThis as unknown as { mermaid: { render(id: string, code: string): Promise<{ svg: string }> } }
      ).mermaid;
      const { svg } = await mermaid.render(id, code);
      const doc = (globalThis as unknown as { document: { getElementById(id: string): MiniElement | null } })
        .document;
      const out = doc.getElementById('out');
      if (out === null) throw new Error('no #out element');
      out.innerHTML = svg;
      const linePath = out.querySelector('.line-plot-1 path')?.getAttribute('d') ?? '';
      return {
        title: out.querySelector('.chart-title text')?.textContent ?? '',
        xLabels: [...out.querySelectorAll('.bottom-axis .label text')].map((t) => t.textContent ?? ''),
        bars: out.querySelectorAll('.bar-plot-0 rect').length,
        linePoints: (linePath.match(/[ML]/g) ?? []).length,
        svgLength: svg.length,
      };
    },
    { code, id: `chart${counter}` },
  );
}

describe('mermaid xychart blocks render in Chromium', () => {
  it.each([
    ['promoted', promotedReport(), ['10%', '60%', '100%']],
    ['rolled-back', rolledBackReport(), ['10%', '60%']],
    ['held', heldReport(), ['10%', '60%']],
  ])(
    '%s: p99 and error-rate charts with a stable bar and a canary line per step',
    async (_name, report, labels) => {
      const blocks = mermaidBlocks(renderReport(report));
      expect(blocks).toHaveLength(2);
      const [p99, errors] = [await render(blocks[0] ?? ''), await render(blocks[1] ?? '')];
      expect(p99.title).toBe('p99 latency per step');
      expect(errors.title).toBe('Error rate per step');
      for (const chart of [p99, errors]) {
        expect(chart.xLabels).toEqual(labels);
        expect(chart.bars).toBe(labels.length);
        expect(chart.linePoints).toBe(labels.length);
      }
    },
  );

  it('hostile user text changes nothing in the charts', async () => {
    const blocks = mermaidBlocks(renderReport(hostileReport()));
    const chart = await render(blocks[0] ?? '');
    expect(chart.xLabels).toEqual(['10%', '60%']);
    expect(chart.bars).toBe(2);
  });

  it('a summarized 10,000-step history charts the steps it shows', async () => {
    const blocks = mermaidBlocks(renderReport(longReport(10_000)));
    const chart = await render(blocks[0] ?? '');
    expect(chart.bars).toBe(40);
    expect(chart.linePoints).toBe(40);
    expect(chart.xLabels[0]).toBe('1: 1%');
    expect(chart.xLabels.at(-1)).toBe('10000: 100%');
  });
});
