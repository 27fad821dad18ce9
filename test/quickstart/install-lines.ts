/**
 * The install lines of the README, as the quick-start suite runs them: each ```bash block
 * marked `<!-- install: nest -->` (or `express`, `testing`, `redis`), its `npm install …` lines split
 * into words. The suite installs exactly these, so a package the code imports but the docs
 * forget fails the type check.
 */
export type InstallGroup = 'nest' | 'express' | 'testing' | 'redis';
export const INSTALL_GROUPS: InstallGroup[] = ['nest', 'express', 'testing', 'redis'];

const BLOCK = /<!--\s*install:\s*(\w+)\s*-->\s*\n```bash\n([\s\S]*?)```/g;

export function installLines(readme: string): Record<InstallGroup, string[][]> {
  const found = { nest: [], express: [], testing: [], redis: [] } as Record<
    InstallGroup,
    string[][]
  >;
  for (const [, group, body] of readme.matchAll(BLOCK)) {
    if (!INSTALL_GROUPS.includes(group as InstallGroup))
      throw new Error(`unknown install group ${group}`);
    for (const line of body.split('\n')) {
      const words = line.replace(/#.*/, '').trim().split(/\s+/);
      if (words[0] === 'npm' && words[1] === 'install') found[group as InstallGroup].push(words);
    }
  }
  for (const group of INSTALL_GROUPS)
    if (found[group].length === 0) throw new Error(`no <!-- install: ${group} --> block`);
  return found;
}
