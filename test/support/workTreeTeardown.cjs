// Jest globalTeardown: fails the run when the tests added files to the work tree.
const { listWorkTree } = require('./workTree.cjs');

module.exports = async function teardown() {
  const before = globalThis.__devinstWorkTree;
  if (!before) return;
  const added = [...listWorkTree()].filter((file) => !before.has(file));
  if (added.length > 0) {
    throw new Error(`the tests left ${added.length} file(s) in the work tree (write to os.tmpdir() instead): ${added.slice(0, 10).join(', ')}`);
  }
};
