/**
 * docs/inf.md matches the code: each `$ devinst …` example block is what the CLI prints
 * (stdout, then stderr), and every INF finding rule is documented.
 */
import { readFileSync } from 'node:fs';
import { INF_RULES } from '../../src/inf/findings.js';
import { cli } from '../support/cli.js';

const doc = readFileSync('docs/inf.md', 'utf8').replace(/\r\n/g, '\n');

describe('docs/inf.md', () => {
  const examples = [...doc.matchAll(/^\$ devinst (.+)\n```text\n([\s\S]*?)\n```/gm)].map((m) => [m[1], m[2]] as const);

  it('has the worked example from a real INF to devinst install output', () => {
    expect(examples.map(([command]) => command.split(' ')[0])).toEqual(expect.arrayContaining(['inf', 'install']));
  });

  it.each(examples)('devinst %s prints what the docs show', async (command, shown) => {
    const { code, out, err } = await cli(...command.split(' '));
    expect(code).toBe(0);
    expect(`${out.trimEnd()}\n${err.trimEnd()}`.trim()).toBe(shown.trim());
  });

  it('documents every finding rule', () => {
    for (const rule of Object.keys(INF_RULES)) expect(doc).toContain(`| \`${rule}\` (${INF_RULES[rule as keyof typeof INF_RULES].severity})`);
  });
});
