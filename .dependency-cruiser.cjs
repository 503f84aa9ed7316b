/**
 * Import-cycle check (`npm test` runs it: `npm run cycles`). dependency-cruiser reads the
 * TypeScript sources with swc (TypeScript 7 has no JavaScript API to parse with), type-only
 * imports included: a cycle through types is a cycle all the same.
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
  ],
  options: {
    parser: 'swc',
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist)/' },
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
