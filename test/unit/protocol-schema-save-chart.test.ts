import { describe, expect, it } from 'vitest';
import { MAX_CHART_FILE, parseWebviewMessage } from '../../src/protocol-schema';

// a 1×1 PNG
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>';

describe('saveChart message (valibot)', () => {
  it('accepts an SVG chart and a PNG data URL', () => {
    const good = [
      { type: 'saveChart', name: 'residuals', format: 'svg', data: SVG },
      { type: 'saveChart', name: 'likelihood-1', format: 'svg', data: `<?xml version="1.0"?>\n${SVG}` },
      { type: 'saveChart', name: 'data_fit', format: 'png', data: PNG },
    ];
    for (const m of good) expect(parseWebviewMessage(m), JSON.stringify(m).slice(0, 80)).toEqual(m);
  });

  it('rejects unknown formats, unsafe names, wrong data and extra keys', () => {
    const bad: unknown[] = [
      { type: 'saveChart', name: 'qq', format: 'pdf', data: SVG },
      { type: 'saveChart', name: 'qq', format: 'SVG', data: SVG },
      { type: 'saveChart', name: 'qq', data: SVG },
      { type: 'saveChart', name: '../../etc/passwd', format: 'svg', data: SVG },
      { type: 'saveChart', name: 'a/b', format: 'svg', data: SVG },
      { type: 'saveChart', name: '.hidden', format: 'svg', data: SVG },
      { type: 'saveChart', name: '', format: 'svg', data: SVG },
      { type: 'saveChart', name: 'x'.repeat(65), format: 'svg', data: SVG },
      { type: 'saveChart', name: 'qq', format: 'svg', data: 42 },
      { type: 'saveChart', name: 'qq', format: 'svg', data: 'not svg' },
      { type: 'saveChart', name: 'qq', format: 'svg', data: PNG },
      { type: 'saveChart', name: 'qq', format: 'svg', data: '<svg><script>alert(1)</script></svg>' },
      { type: 'saveChart', name: 'qq', format: 'svg', data: '<svg onload="x()"></svg>' },
      { type: 'saveChart', name: 'qq', format: 'png', data: SVG },
      { type: 'saveChart', name: 'qq', format: 'png', data: 'data:image/png;base64,' },
      { type: 'saveChart', name: 'qq', format: 'png', data: 'data:image/jpeg;base64,AAAA' },
      { type: 'saveChart', name: 'qq', format: 'png', data: 'data:image/png;base64,AAAA<script>' },
      { type: 'saveChart', name: 'qq', format: 'png', data: PNG, path: '/tmp/x.png' },
    ];
    for (const m of bad) expect(parseWebviewMessage(m), JSON.stringify(m).slice(0, 120)).toBeUndefined();
  });

  it('caps the size at 20 MB', () => {
    expect(MAX_CHART_FILE).toBe(20_000_000);
    const prefix = 'data:image/png;base64,';
    const atCap = prefix + 'A'.repeat(MAX_CHART_FILE - prefix.length);
    expect(parseWebviewMessage({ type: 'saveChart', name: 'qq', format: 'png', data: atCap })).toBeDefined();
    expect(parseWebviewMessage({ type: 'saveChart', name: 'qq', format: 'png', data: `${atCap}AAAA` })).toBeUndefined();
    const bigSvg = `<svg>${' '.repeat(MAX_CHART_FILE)}</svg>`;
    expect(parseWebviewMessage({ type: 'saveChart', name: 'qq', format: 'svg', data: bigSvg })).toBeUndefined();
  });
});
