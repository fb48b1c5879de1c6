// Types of scripts/pack-cli.mjs's exports.
export declare const CLI_FILES: string[];
export declare function packCli(options?: { out?: string; build?: boolean }): string;
