import { parseArgs } from '../../bench/lib/args';

describe('bench options: fresh apps for the RSS check', () => {
  it('runs 3 fresh apps per variant, 1 with --quick, and takes --rss-apps N', () => {
    expect(parseArgs([]).rssApps).toBe(3);
    expect(parseArgs(['--quick']).rssApps).toBe(1);
    expect(parseArgs(['--rss-apps', '5']).rssApps).toBe(5);
  });

  it('refuses fewer than one app, and a value that is not a whole number', () => {
    expect(() => parseArgs(['--rss-apps', '0'])).toThrow('--rss-apps needs at least 1');
    expect(() => parseArgs(['--rss-apps', 'x'])).toThrow('--rss-apps needs a whole number');
  });
});
