// ESLint rule `linli/module-boundaries`: code outside a module imports it only through its
// facade (server/modules/<name>/index.ts), never a file inside it (`../signups/model`).
// Each part of volunteering (server/modules/volunteering/<part>/) is a module of its own;
// volunteering's own top-level files are the module `volunteering`. The module list
// (server/modules/index.ts) may import every facade. See ARCHITECTURE.md, "Modules".
import fs from 'node:fs';
import path from 'node:path';

// Domains split into parts that are modules of their own (community: issue 14).
const SPLIT_MODULES = new Set(['volunteering', 'community']);

/** `volunteering/signups`, `auth`, `(root)` for the module list, or null outside server/modules. */
export function moduleOf(modulesDir, file) {
  const rel = path.relative(modulesDir, file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return null;
  const parts = rel.split(path.sep);
  if (parts.length === 1) return '(root)';
  if (!SPLIT_MODULES.has(parts[0])) return parts[0];
  // `volunteering/signups` is the part's folder (its facade); `volunteering/privacy` a top-level file.
  const isPart = parts.length > 2 || fs.statSync(path.join(modulesDir, rel), { throwIfNoEntry: false })?.isDirectory();
  return isPart ? `${parts[0]}/${parts[1]}` : parts[0];
}

const stripExt = (p) => p.replace(/\.(ts|tsx|js|mjs|cjs)$/, '');

export default {
  meta: {
    type: 'problem',
    docs: { description: 'Import another module only through its facade (index.ts)' },
    schema: [],
    messages: {
      deep: "'{{spec}}' reaches inside module '{{module}}': import its facade '{{facade}}' instead (add what you need to its index.ts).",
    },
  },
  create(context) {
    const modulesDir = path.join(context.cwd, 'server', 'modules');
    const file = context.filename;
    const from = moduleOf(modulesDir, file);
    function check(node, source) {
      if (!source || typeof source.value !== 'string' || !source.value.startsWith('.')) return;
      const target = stripExt(path.resolve(path.dirname(file), source.value));
      const to = moduleOf(modulesDir, target);
      if (!to || to === '(root)' || to === from) return;
      const facadeDir = path.join(modulesDir, to);
      if (target === facadeDir || target === path.join(facadeDir, 'index')) return;
      let facade = path.relative(path.dirname(file), facadeDir);
      if (!facade.startsWith('.')) facade = `./${facade}`;
      context.report({ node: source, messageId: 'deep', data: { spec: source.value, module: to, facade } });
    }
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
    };
  },
};
