// The work tree's files (relative paths), without node_modules, .git, dist and coverage.
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const SKIP = new Set(['node_modules', '.git', 'dist', 'coverage']);

function listWorkTree() {
  const out = new Set();
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (SKIP.has(entry.name)) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.add(path.relative(ROOT, full).split(path.sep).join('/'));
    }
  };
  walk(ROOT);
  return out;
}

module.exports = { listWorkTree, ROOT };
