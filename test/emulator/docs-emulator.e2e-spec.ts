import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { EXPRESS_SNIPPET, NEST_SNIPPET } from '../../src/cli/emulator-banner';

const read = (name: string) => readFileSync(resolve(__dirname, '../../docs', name), 'utf8');
const codeBlocks = (markdown: string) => [...markdown.matchAll(/```(\w*)\n([\s\S]*?)```/g)];
/** A code block with its comments removed: the Korean twin translates only the comments. */
const withoutComments = (code: string) =>
  code
    .split('\n')
    .map((line) => line.replace(/\s*(\/\/|#) .*$/, '').trimEnd())
    .join('\n');

describe('docs/emulator.md and its Korean twin', () => {
  const en = read('emulator.md');
  const ko = read('emulator.ko.md');

  it('show the banner snippets exactly as the CLI prints them', () => {
    expect(en).toContain(`\`\`\`ts\n${NEST_SNIPPET}\n\`\`\``);
    expect(en).toContain(`\`\`\`ts\n${EXPRESS_SNIPPET}\n\`\`\``);
  });

  it('have the same sections and the same code blocks (comments translated)', () => {
    const levels = (markdown: string) =>
      [...markdown.matchAll(/^(#+) /gm)].map((match) => match[1].length);
    expect(levels(ko)).toEqual(levels(en));
    const enBlocks = codeBlocks(en);
    const koBlocks = codeBlocks(ko);
    expect(koBlocks.map((block) => block[1])).toEqual(enBlocks.map((block) => block[1]));
    koBlocks.forEach((block, index) =>
      expect(withoutComments(block[2])).toBe(withoutComments(enBlocks[index][2])),
    );
    expect(ko).toContain('// 설정하지 않으면 실제 카카오');
  });
});
