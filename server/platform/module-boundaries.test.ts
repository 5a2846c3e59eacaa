import { execFileSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

interface Finding {
  ruleId: string | null;
  message: string;
}

/** A file to lint: where it would live, and its text. */
type Fixture = [filePath: string, code: string];

/**
 * Lints each fixture as if it were the file at its path, with the repository's
 * own eslint.config.mjs, through ESLint's Node API. One child process for all of
 * them, because the config is an ES module that jest's CommonJS runtime cannot import().
 */
function lintAll(fixtures: Fixture[]): Finding[][] {
  const script = `
    const { ESLint } = require('eslint');
    (async () => {
      const eslint = new ESLint({ cwd: process.cwd() });
      const out = [];
      for (const [filePath, code] of JSON.parse(process.env.FIXTURES)) {
        const [result] = await eslint.lintText(code, { filePath });
        out.push(result.messages.map((m) => ({ ruleId: m.ruleId, message: m.message })));
      }
      process.stdout.write(JSON.stringify(out));
    })().catch((e) => { console.error(e); process.exit(1); });
  `;
  const fixturesAbs = fixtures.map(([f, code]) => [path.join(root, f), code]);
  const out = execFileSync(process.execPath, ['-e', script], {
    cwd: root,
    env: { ...process.env, FIXTURES: JSON.stringify(fixturesAbs) },
    encoding: 'utf8',
  });
  return JSON.parse(out) as Finding[][];
}

const boundary = (findings: Finding[]) => findings.filter((f) => f.ruleId === 'linli/module-boundaries');

const deepModel = "import { Signup } from '../signups/model';\nexport const n = Signup;\n";
const FIXTURES: Fixture[] = [
  ['server/modules/volunteering/activities/fixture.ts', deepModel],
  ['server/modules/privacy/fixture.ts', "export { Signup } from '../volunteering/signups/model';\n"],
  [
    'server/modules/volunteering/hours/fixture.ts',
    "import { User } from '../../users/model';\nexport const u = User;\n",
  ],
  [
    'server/modules/volunteering/activities/fixture.ts',
    [
      "import { Signup } from '../signups';",
      "import { User } from '../../users';",
      "import { Activity } from './model';",
      'export const all = [Signup, User, Activity];',
      '',
    ].join('\n'),
  ],
  ['server/modules/volunteering/activities/fixture.test.ts', deepModel],
];

describe('module boundaries (eslint linli/module-boundaries)', () => {
  let results: Finding[][];
  beforeAll(() => {
    results = lintAll(FIXTURES).map(boundary);
  }, 120_000);

  it("when a module imports another module's model file, lint refuses it and names the facade", () => {
    const found = results[0];
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain("'../signups/model' reaches inside module 'volunteering/signups'");
    expect(found[0].message).toContain("'../signups'");
  });

  it('when a top-level module reaches into a volunteering part, or a part into another module, lint refuses both', () => {
    expect(results[1]).toHaveLength(1);
    expect(results[2]).toHaveLength(1);
    expect(results[2][0].message).toContain("module 'users'");
  });

  it("when code imports another module's facade, or its own module's files, lint lets it through", () => {
    expect(results[3]).toEqual([]);
  });

  it('when a test looks inside another module to check what was stored, lint lets it through', () => {
    expect(results[4]).toEqual([]);
  });
});
