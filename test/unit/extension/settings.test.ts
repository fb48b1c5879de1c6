import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SETTINGS, SETTINGS_SECTION } from '../../../src/extension/settings';
import { repoRoot } from '../../shared/fixtures';

interface JsonSetting {
  type: string;
  default: unknown;
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
}

const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
const declared: Record<string, JsonSetting> = manifest.contributes.configuration.properties;

describe('settings: package.json says what the settings table says', () => {
  it('the same keys, no more, no fewer', () => {
    expect(Object.keys(declared).sort()).toEqual(Object.keys(SETTINGS).map((k) => `${SETTINGS_SECTION}.${k}`).sort());
  });

  for (const [key, spec] of Object.entries(SETTINGS)) {
    it(`${SETTINGS_SECTION}.${key}: type, default and bounds`, () => {
      const json = declared[`${SETTINGS_SECTION}.${key}`];
      if (spec.type !== 'number') {
        expect(json.type).toBe(spec.type);
        expect(json.default).toBe(spec.default);
        return;
      }
      const b = spec.bound;
      expect(json.type).toBe(b.integer ? 'integer' : 'number');
      expect(json.default).toBe(b.default);
      if (b.exclusiveMin) {
        expect([json.exclusiveMinimum, json.minimum]).toEqual([b.min, undefined]);
      } else {
        expect([json.minimum, json.exclusiveMinimum]).toEqual([b.min, undefined]);
      }
      expect(json.maximum).toBe(b.max === Infinity ? undefined : b.max);
    });
  }
});
