/**
 * Import-cycle check (`npm test` runs it: `npm run cycles`). dependency-cruiser reads the
 * TypeScript sources with swc (TypeScript 7 has no JavaScript API to parse with), type-only
 * imports included: a cycle through types is a cycle all the same. Besides module cycles, two
 * folder rules keep the layers from closing a cycle between folders: machines/ imports only
 * src/domain/, and src/domain/ imports neither xstate nor the machines.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycles (machines, src, properties, test, bench, scripts).',
      from: {},
      to: { circular: true },
    },
    {
      name: 'machines-wire-domain-only',
      severity: 'error',
      comment:
        'machines/ is XState wiring over src/domain/: it imports nothing else of src/ (the host, replay, explore and the CLI import the machines, so anything else closes a cycle between the folders).',
      from: { path: '^machines/' },
      to: { path: '^src/', pathNot: '^src/domain/' },
    },
    {
      name: 'domain-without-xstate',
      severity: 'error',
      comment: 'src/domain/ holds the rules and tables, with no xstate import and nothing of the machines.',
      from: { path: '^src/domain/' },
      to: { path: '(^machines/)|(node_modules/xstate/)' },
    },
  ],
  options: {
    parser: 'swc',
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^dist/' },
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
