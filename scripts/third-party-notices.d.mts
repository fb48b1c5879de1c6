// Types of scripts/third-party-notices.mjs's exports.
export declare const NOTICES_FILE: string;
export declare function noticesText(): Promise<string>;
