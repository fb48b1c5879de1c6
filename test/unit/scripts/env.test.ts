import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without type declarations
import { innerNpmEnv } from '../../../scripts/e2e/env.mjs';

describe("the e2e environment installer runs the inner npm without the outer npm's variables", () => {
  it('drops what pins the outer Node (user agent, exec paths, nodedir, prefixes), keeps where the registry is and how to reach it', () => {
    const outer = {
      PATH: '/usr/bin',
      HOME: '/root',
      npm_config_user_agent: 'npm/11.19.1 node/v20.20.2 linux x64 workspaces/false',
      npm_node_execpath: '/usr/bin/node',
      npm_execpath: '/usr/lib/node_modules/npm/bin/npm-cli.js',
      npm_config_nodedir: '/usr',
      npm_config_node_gyp: '/usr/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js',
      npm_config_prefix: '/usr',
      npm_lifecycle_event: 'test',
      npm_package_json: '/work/main/package.json',
      npm_config_registry: 'https://registry.example/',
      npm_config_https_proxy: 'http://proxy:3128',
      npm_config_cafile: '/etc/ssl/certs/ca-certificates.crt',
    };
    const inner = innerNpmEnv(outer) as Record<string, string>;
    expect(Object.keys(inner).sort()).toEqual(['HOME', 'PATH', 'npm_config_cafile', 'npm_config_https_proxy', 'npm_config_registry'].sort());
    expect(Object.keys(innerNpmEnv({ NPM_CONFIG_USER_AGENT: 'x', Npm_Node_Execpath: 'y' }))).toEqual([]);
  });
});
