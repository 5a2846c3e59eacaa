#!/usr/bin/env node
/**
 * The npm registry reachable here lacks some platform-only optional packages
 * (e.g. @tarojs/binding-darwin-arm64@4.2.1). `npm install` skips them silently,
 * but then writes no lock entry for them, and `npm ci` refuses the lock
 * ("Missing: … from lock file"). This adds a platform-tagged entry for every
 * optional dependency the lock cannot resolve, so `npm ci` passes and skips
 * them on platforms they are not for — exactly what a complete lock does.
 * Run after changing dependencies: `npm run lock:fix`.
 */
const fs = require('node:fs');
const path = require('node:path');

const file = path.resolve(__dirname, '..', 'package-lock.json');
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
const pkgs = lock.packages;
const OSES = ['darwin', 'win32', 'linux', 'freebsd', 'android'];
const CPUS = ['arm64', 'x64', 'ia32', 'arm', 'ppc64', 's390x', 'riscv64'];

function platformOf(name) {
  const base = name.split('/').pop();
  const os = OSES.find((o) => base.includes(o));
  const cpu = CPUS.find((c) => new RegExp(`-${c}(-|$)`).test(base));
  return os && cpu ? { os, cpu } : null;
}

/** Node's lookup: nearest node_modules/<dep> walking up from the dependant. */
function resolved(from, dep) {
  let base = from;
  for (;;) {
    const cand = `${base ? `${base}/` : ''}node_modules/${dep}`;
    if (pkgs[cand]) return pkgs[cand];
    if (!base) return null;
    const i = base.lastIndexOf('/node_modules/');
    base = i >= 0 ? base.slice(0, i) : '';
  }
}

const added = [];
for (const [from, entry] of Object.entries(pkgs)) {
  for (const [dep, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const found = resolved(from, dep);
    if (found && found.version === version) continue;
    const platform = platformOf(dep);
    if (!platform || !/^\d+\.\d+\.\d+/.test(version)) continue;
    const slot = from && pkgs[`node_modules/${dep}`] ? `${from}/node_modules/${dep}` : `node_modules/${dep}`;
    pkgs[slot] = { version, ...(entry.dev ? { dev: true } : {}), optional: true, os: [platform.os], cpu: [platform.cpu] };
    added.push(`${slot}@${version}`);
  }
}
lock.packages = Object.fromEntries(
  Object.entries(pkgs).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0)),
);
fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
process.stdout.write(added.length ? `added lock entries:\n  ${added.join('\n  ')}\n` : 'lock file complete\n');
