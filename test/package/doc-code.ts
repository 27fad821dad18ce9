import ts from 'typescript';

/**
 * Reading the code blocks of a Markdown doc, so that an English page and its Korean twin can be
 * compared: the same code, comments aside (those are translated).
 */

export interface DocBlock {
  lang: string;
  body: string;
}

const FENCE = /^```(\S*)\n([\s\S]*?)^```$/gm;

export function codeBlocks(markdown: string): DocBlock[] {
  return [...markdown.matchAll(FENCE)].map((m) => ({ lang: m[1], body: m[2] }));
}

/** Heading levels in order (`#` = 1 …), code blocks left out: the shape of the page's sections. */
export function headingLevels(markdown: string): number[] {
  return markdown
    .replace(FENCE, '')
    .split('\n')
    .flatMap((line) => {
      const m = /^(#{1,6}) \S/.exec(line);
      return m ? [m[1].length] : [];
    });
}

const isTs = (lang: string) => ['ts', 'typescript', 'js', 'javascript'].includes(lang);
const isShell = (lang: string) => ['bash', 'sh', 'shell'].includes(lang);

function parse(code: string): ts.SourceFile {
  return ts.createSourceFile('block.ts', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

/** A block's code without its comments, in a normal form (TypeScript reprinted, JSON reparsed). */
export function codeOf(body: string, lang: string): string {
  if (isTs(lang)) return ts.createPrinter({ removeComments: true }).printFile(parse(body));
  if (lang === 'json') return JSON.stringify(JSON.parse(body));
  if (isShell(lang))
    return body
      .split('\n')
      .map((line) => line.replace(/(^|\s)#.*$/, '').trimEnd())
      .filter(Boolean)
      .join('\n');
  if (isCLike(lang))
    return body
      .split('\n')
      .map((line) => line.replace(/(^|\s)\/\/.*$/, '').trimEnd())
      .filter(Boolean)
      .join('\n');
  return body;
}

/** Languages of the mobile snippets (Kakao SDK): `//` line comments, as in TypeScript. */
function isCLike(lang: string): boolean {
  return ['dart', 'kotlin', 'kt', 'swift', 'java'].includes(lang);
}

/** The comments of a block, as written. */
export function commentsOf(body: string, lang: string): string[] {
  if (isShell(lang))
    return body.split('\n').flatMap((line) => {
      const m = /(?:^|\s)(#.*)$/.exec(line);
      return m ? [m[1]] : [];
    });
  if (isCLike(lang))
    return body.split('\n').flatMap((line) => {
      const m = /(?:^|\s)(\/\/.*)$/.exec(line);
      return m ? [m[1]] : [];
    });
  if (!isTs(lang)) return [];
  const file = parse(body);
  const seen = new Map<number, string>();
  const collect = (ranges: ts.CommentRange[] | undefined) => {
    for (const r of ranges ?? []) seen.set(r.pos, body.slice(r.pos, r.end));
  };
  const visit = (node: ts.Node) => {
    collect(ts.getLeadingCommentRanges(body, node.pos));
    collect(ts.getTrailingCommentRanges(body, node.end));
    ts.forEachChild(node, visit);
  };
  visit(file);
  collect(ts.getLeadingCommentRanges(body, file.endOfFileToken.pos));
  return [...seen.entries()].sort(([a], [b]) => a - b).map(([, text]) => text);
}

/** A Korean doc's comment: in Korean, or a single token that needs no translation (a path, a URL). */
export function isTranslated(comment: string): boolean {
  const text = comment
    .replace(/^(\/\/|\/\*+|#)/, '')
    .replace(/\*\/$/, '')
    .replace(/^\s*\*/gm, '')
    .trim();
  return /[\uac00-\ud7a3]/.test(text) || !/\s/.test(text);
}
