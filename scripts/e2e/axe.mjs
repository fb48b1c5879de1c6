// axe-core (Deque's accessibility engine, the checker behind Lighthouse and Accessibility Insights)
// run inside a webview's frame: WCAG 2.0–2.2 level A and AA rules. The webview's CSP would refuse
// a <script> tag; Playwright's evaluate runs the engine through the DevTools protocol instead.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
/** The rule sets checked: every WCAG 2.x success criterion at level A and AA that axe tests. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * The axe violations of the document in `frameLocator` (each with up to five of its elements).
 * @returns {Promise<{ id: string, impact: string, help: string, nodes: { target: string, summary: string }[] }[]>}
 */
export async function axeViolations(frameLocator) {
  // the Frame behind a FrameLocator: its evaluate takes the engine's source
  const frame = await (await frameLocator.locator('body').elementHandle()).ownerFrame();
  if (!(await frame.evaluate(() => typeof (/** @type {any} */ (window).axe) === 'object'))) await frame.evaluate(AXE_SOURCE);
  return frame.evaluate(async (tags) => {
    const axe = /** @type {any} */ (window).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })) }));
  }, AXE_TAGS);
}

/** A violations list as readable lines for an assertion message. */
export function describeViolations(violations) {
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target}: ${n.summary.replace(/\n/g, ' ')}`).join('\n')}`).join('\n');
}
