/**
 * docs/tutorial.md: linked from the README, shows what the CLI prints today for its examples, explains
 * every symbol of the installation timeline, and has the glossary; the README says how run and
 * install differ.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cli } from '../support/cli.js';

const ROOT = process.cwd();
const TUTORIAL = readFileSync(path.join(ROOT, 'docs', 'tutorial.md'), 'utf8');
const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

describe('docs/tutorial.md', () => {
  test('the README links it and says how run and install differ', () => {
    expect(README).toContain('[docs/tutorial.md](docs/tutorial.md)');
    expect(README).toContain('**run or install?**');
  });

  test.each([
    ['install', 'examples/tutorial/widget.json'],
    ['run', 'examples/tutorial/widget.json'],
    ['install', 'examples/tutorial/widget-dialog.json'],
  ])('shows exactly what devinst %s %s prints', async (command, file) => {
    const o = await cli(command, path.join(ROOT, file));
    expect(o.code).toBe(0);
    expect(TUTORIAL).toContain(`devinst ${command} ${file}\n\`\`\`\n\n\`\`\`\n${o.out.trimEnd()}\n\`\`\``);
  });

  test('explains every symbol of the timeline', () => {
    for (const symbol of ['`✔`', '`✘`', '`1c pre→NO_ERROR`', '`2d`', '`↳`', '`2d post→NO_ERROR`', 'next to ERROR_DI_DO_DEFAULT']) expect(TUTORIAL).toContain(symbol);
  });

  test('has the glossary', () => {
    const glossary = TUTORIAL.slice(TUTORIAL.indexOf('## Glossary'));
    for (const term of ['DIF', 'Co-installer', 'Class installer', 'Default handler', 'Finish-install action', 'Journal', 'Invariant', 'Profile', 'Monitor']) {
      expect({ term, defined: glossary.includes(`- **${term}**`) }).toEqual({ term, defined: true });
    }
  });
});
