// Renders a sample report (the rolled-back fixture) the way GitHub shows it, to docs/report.png
// for the README: markdown → HTML with marked, GitHub-like CSS inline, mermaid blocks drawn by
// the mermaid package, screenshot by headless Debian Chromium. No network.
//   npx tsx scripts/render-report-png.ts [out.png]
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { marked } from 'marked';
import { launchChromium, mermaidScriptPath } from '../__tests__/support/chromium.js';
import { rolledBackReport } from '../__tests__/support/report-fixtures.js';
import { renderReport } from '../src/report/markdown.js';

const CSS = `
body { margin: 0; background: #fff; }
.comment { box-sizing: border-box; width: 1000px; padding: 16px 24px; border: 1px solid #d0d7de; border-radius: 6px;
  margin: 16px; font: 14px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif;
  color: #1f2328; }
.comment-header { margin: -16px -24px 16px; padding: 8px 16px; background: #f6f8fa; border-bottom: 1px solid #d0d7de;
  border-radius: 6px 6px 0 0; color: #59636e; }
.comment-header b { color: #1f2328; }
h2 { font-size: 1.5em; border-bottom: 1px solid #d1d9e0b3; padding-bottom: .3em; margin: 0 0 12px; }
h3 { font-size: 1.25em; margin: 24px 0 12px; }
p, ul, table, pre, details { margin: 0 0 12px; }
ul { padding-left: 2em; }
a { color: #0969da; text-decoration: none; }
code { font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: #818b981f; padding: .2em .4em;
  border-radius: 6px; }
pre { background: #f6f8fa; padding: 16px; border-radius: 6px; overflow: auto; }
pre code { background: none; padding: 0; }
table { border-collapse: collapse; display: block; width: max-content; max-width: 100%; overflow: auto; font-size: 13px; }
th, td { border: 1px solid #d1d9e0; padding: 4px 8px; }
th { font-weight: 600; background: #f6f8fa; }
tr:nth-child(2n) td { background: #f6f8fa; }
.mermaid { background: #fff; text-align: center; }
.mermaid svg { max-width: 560px; }
.charts { display: flex; gap: 8px; }
sub { color: #59636e; }
`;

export async function renderReportPng(out: string): Promise<void> {
  const markdown = renderReport(rolledBackReport());
  let html = await marked.parse(markdown, { gfm: true });
  // GitHub draws ```mermaid blocks as diagrams; marked leaves them as code.
  html = html.replace(
    /<pre><code class="language-mermaid">([\s\S]*?)<\/code><\/pre>/g,
    '<pre class="mermaid">$1</pre>',
  );
  // Side by side, as they are small.
  html = html.replace(
    /(<pre class="mermaid">[\s\S]*?<\/pre>\s*<pre class="mermaid">[\s\S]*?<\/pre>)/,
    '<div class="charts">$1</div>',
  );
  const page = `<!doctype html><html><head><meta charset="utf-8"><style>${CSS}</style></head><body>
<div class="comment"><div class="comment-header"><b>github-actions</b> bot commented</div>${html}</div></body></html>`;

  const browser = await launchChromium();
  try {
    const tab = await browser.newPage({ viewport: { width: 1040, height: 800 }, deviceScaleFactor: 1 });
    await tab.route('**/*', (route) => route.abort());
    await tab.setContent(page);
    await tab.addScriptTag({ path: mermaidScriptPath() });
    await tab.evaluate(async () => {
      const mermaid = (
        globalThis as unknown as { mermaid: { initialize(c: object): void; run(o: object): Promise<void> } }
      ).mermaid;
      mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: 'default' });
      await mermaid.run({ querySelector: '.mermaid' });
    });
    const comment = tab.locator('.comment');
    await comment.screenshot({ path: out });
  } finally {
    await browser.close();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const out = process.argv[2] ?? path.join(import.meta.dirname, '..', 'docs', 'report.png');
  await renderReportPng(out);
  console.log(`wrote ${out}`);
}
