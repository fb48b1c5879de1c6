// What `import … from 'vscode'` means in src/core (tsconfig.core.json maps it here): nothing.
// Any use of the VS Code API in the core fails to compile: the core must run without VS Code
// (the CLI, the worker, the web build).
export {};
