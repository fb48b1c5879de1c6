// Does nothing: what the extension host spends on activating any extension is the floor.
exports.activate = function activate() {};
exports.deactivate = function deactivate() {};
