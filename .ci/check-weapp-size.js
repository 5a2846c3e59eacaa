#!/usr/bin/env node
/**
 * Fails when the weapp MAIN package (everything in dist/weapp outside the
 * subpackage roots listed in app.json) exceeds WeChat's 2 MB limit.
 * Usage: node .ci/check-weapp-size.js [distDir] [limitBytes]
 */
const fs = require('node:fs');
const path = require('node:path');

const dist = path.resolve(process.argv[2] || path.join(__dirname, '..', 'dist', 'weapp'));
const limit = Number(process.argv[3] || 2 * 1024 * 1024);
// Tool settings and source maps are not uploaded as part of the code package.
const NOT_UPLOADED = new Set(['project.config.json', 'project.private.config.json']);

function fail(msg) {
  console.error(`check-weapp-size: ${msg}`);
  process.exit(1);
}

const appJsonPath = path.join(dist, 'app.json');
if (!fs.existsSync(appJsonPath)) fail(`${appJsonPath} not found — run \`npm run build:weapp\` first`);
const appJson = JSON.parse(fs.readFileSync(appJsonPath, 'utf8'));
const roots = (appJson.subPackages || appJson.subpackages || []).map((p) => p.root.replace(/^\/|\/$/g, '') + '/');

function walk(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(full));
    else out.push(full);
  }
  return out;
}

let main = 0;
const subs = Object.fromEntries(roots.map((r) => [r, 0]));
for (const file of walk(dist)) {
  const rel = path.relative(dist, file).split(path.sep).join('/');
  if (NOT_UPLOADED.has(rel) || rel.endsWith('.map')) continue;
  const size = fs.statSync(file).size;
  const root = roots.find((r) => rel.startsWith(r));
  if (root) subs[root] += size;
  else main += size;
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`weapp main package: ${kb(main)} (${main} bytes), limit ${kb(limit)}`);
for (const [root, size] of Object.entries(subs)) console.log(`  subpackage ${root}: ${kb(size)}`);
if (main > limit) fail(`main package is ${kb(main)}, over the ${kb(limit)} limit`);
// WeChat applies the same 2 MB cap to each subpackage.
for (const [root, size] of Object.entries(subs)) {
  if (size > limit) fail(`subpackage ${root} is ${kb(size)}, over the ${kb(limit)} limit`);
}
