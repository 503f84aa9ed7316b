// Jest globalSetup: records the files of the work tree, so that globalTeardown (workTreeTeardown.cjs)
// can fail the run when a test left a file behind (tests write to the temporary folder only).
const { listWorkTree } = require('./workTree.cjs');

module.exports = async function setup() {
  globalThis.__devinstWorkTree = listWorkTree();
};
