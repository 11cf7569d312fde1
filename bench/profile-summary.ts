import fs from 'node:fs';
import path from 'node:path';

/**
 * `npm run bench:profile-summary [-- FILE.cpuprofile]`: where a CPU profile taken with
 * `npm run bench -- --profile` spent its time, by package (or Polku's own folder) and by function,
 * self time only. The newest profile in bench/.profiles when no file is given.
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function newestProfile(dir: string): string {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => path.join(dir, f));
  if (!files.length) throw new Error(`no .cpuprofile in ${dir}: run npm run bench -- --profile`);
  return files.sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];
}

function where(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native)';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.startsWith('node:')) return 'node';
  const own = url.match(/dist\/(src\/[^/]+(?:\/[^/]+)?)/);
  return own ? own[1] : url;
}

export function summarise(file: string, top = 25): string {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const byPlace = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const [id, micros] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const place = where(url, functionName);
    byPlace.set(place, (byPlace.get(place) ?? 0) + micros);
    const fn = `${functionName || '(anonymous)'} ${place}:${lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + micros);
  }
  const table = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([key, micros]) => `${((100 * micros) / total).toFixed(1).padStart(5)} %  ${key}`)
      .join('\n');
  return `${file}: ${(total / 1e6).toFixed(1)} s sampled\n\nBy place (self time):\n${table(byPlace)}\n\nBy function (self time):\n${table(byFunction)}\n`;
}

if (require.main === module) {
  const file = process.argv[2] ?? newestProfile(path.join(__dirname, '.profiles'));
  process.stdout.write(summarise(file));
}
