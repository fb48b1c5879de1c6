// Types of esbuild.mjs's export (its build targets), for the tests that build a target themselves.
import type { BuildOptions } from 'esbuild';

export declare const targets: BuildOptions[];
