import fs from 'node:fs';
import path from 'node:path';

/**
 * Modules talk through facades (ARCHITECTURE.md, "Modules"): outside its module a model is not
 * queried or written, the owning module's queries and commands say what callers need. The lint
 * rule only sees paths (a facade may still re-export its model), so this test pins the models
 * most modules used to reach for. The allow-list holds demo seeders and test helpers, which
 * write rows straight to the models on purpose (each says why in a comment); it may only shrink.
 */
const root = path.resolve(__dirname, '../..');
const OWNERS: Record<string, string> = {
  User: 'server/modules/users',
  Shift: 'server/modules/volunteering/activities',
  Activity: 'server/modules/volunteering/activities',
  Signup: 'server/modules/volunteering/signups',
  Team: 'server/modules/org',
  TeamMembership: 'server/modules/volunteering/teams',
  Volunteer: 'server/modules/volunteering/volunteers',
  HoursEntry: 'server/modules/volunteering/hours',
  Photo: 'server/modules/volunteering/gallery',
  Notification: 'server/modules/notifications',
  AuditEntry: 'server/modules/audit',
  // The outbox is the platform's: its unit of work and dispatcher write it, modules use outbox/store.ts.
  OutboxEvent: 'server/platform',
  Notice: 'server/modules/community/notices',
  // Sessions are auth's: others revoke them (revokeAllSessions) or list them (sessionsOfUser).
  Session: 'server/modules/auth',
  TeamProfile: 'server/modules/volunteering/teams',
  HoursTotal: 'server/modules/volunteering/hours',
  Certificate: 'server/modules/volunteering/certificates',
  HelpRequest: 'server/modules/volunteering/help-requests',
  AttendanceEvent: 'server/modules/volunteering/attendance',
};
const ALLOWED = new Set([
  'server/demo/scale.ts User',
  'server/demo/scale.ts Activity',
  'server/demo/scale.ts Shift',
  // The scale seeder bulk-inserts teams, memberships, volunteers and hours through the raw collections.
  'server/demo/scale.ts Team',
  'server/demo/scale.ts TeamMembership',
  'server/demo/scale.ts Volunteer',
  'server/demo/scale.ts HoursEntry',
  'server/demo/scale.ts HoursTotal',
  'server/demo/seed.ts User',
  // The demo seeder upserts its fixed teams by key.
  'server/demo/seed.ts Team',
  'server/modules/clinic/demo.ts User',
  'server/modules/community/demo.ts User',
  // The demo seeder upserts its sample notices by title (idempotent reseeding), published as they stand.
  'server/modules/community/demo.ts Notice',
  'server/modules/volunteering/demo.ts Activity',
  'server/modules/volunteering/attendance/fixtures.ts Activity',
  'server/modules/volunteering/attendance/fixtures.ts Shift',
  'server/modules/volunteering/attendance/fixtures.ts Signup',
  'server/modules/volunteering/attendance/fixtures.ts Team',
  'server/modules/volunteering/signups/testing.ts Activity',
  'server/modules/volunteering/signups/testing.ts Shift',
  // A registered volunteer without the registration flow (its own tests cover that).
  'server/modules/volunteering/signups/testing.ts Volunteer',
]);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : [];
  });
}

/** `file Model` for every value import of a model from outside its owning module. */
function modelImports(): string[] {
  const found: string[] = [];
  for (const file of sourceFiles(path.join(root, 'server'))) {
    const rel = path.relative(root, file);
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/import\s+(type\s+)?\{([^}]*)\}\s+from\s+'(\.[^']*)'/g)) {
      if (m[1]) continue;
      const target = path.relative(root, path.resolve(path.dirname(file), m[3]));
      const names = m[2].split(',').map((s) => s.trim()).filter((s) => s && !s.startsWith('type '));
      for (const name of names.map((n) => n.split(/\s+as\s+/)[0])) {
        const owner = OWNERS[name];
        if (!owner || !(target === owner || target.startsWith(`${owner}/`))) continue;
        if (rel.startsWith(`${owner}/`)) continue;
        found.push(`${rel} ${name}`);
      }
    }
  }
  return found.sort();
}

describe('models stay inside their modules', () => {
  const found = modelImports();

  it('when production code outside a module needs one of these models, it uses the owning module\'s facade functions, not the model', () => {
    expect(found.filter((f) => !ALLOWED.has(f))).toEqual([]);
  });

  it('when an allowed import goes away, the allow-list shrinks with it', () => {
    expect([...ALLOWED].filter((a) => !found.includes(a))).toEqual([]);
  });
});
