import type { AppDeps } from '../deps';
import { allModules } from '../modules';
import { moduleJobs, moduleProblems, personalDataSections, templateIdsOf } from './compose';
import { defineModule, type ModuleDefinition } from './module';

// Jobs and routes are built from deps but not run here; nothing reads these fields.
const deps = { now: () => new Date(), logger: { info() {}, warn() {} } } as unknown as AppDeps;
const config = { WECHAT_TEMPLATE_ISSUE_UPDATE: 'tpl_issue' } as unknown as AppDeps['config'];

describe('the module list', () => {
  it('when the real list is composed, nothing is missing or declared twice', () => {
    expect(moduleProblems(allModules(), deps)).toEqual([]);
    // Every part of volunteering is a module of its own, each named once.
    const names = allModules().map((m) => m.name);
    expect(names).toEqual(expect.arrayContaining(['volunteering/signups', 'volunteering/activities', 'volunteering']));
    expect(personalDataSections(allModules()).map((s) => s.name)).toContain('volunteering');
    expect(moduleJobs(allModules(), deps).map((j) => j.name)).toEqual(
      expect.arrayContaining([
        'notifications.send-due',
        'volunteering.schedule-slots.prune',
        'volunteering.auto-checkout',
      ]),
    );
  });

  it('when two modules share a name, declare one job or template twice, or leave an entry undefined, each is named', () => {
    const job = { name: 'x.tick', handler: async () => {} };
    const a = defineModule({
      name: 'a',
      jobs: () => [job],
      notificationTemplates: { issueUpdate: 'WECHAT_TEMPLATE_ISSUE_UPDATE' },
    });
    const b = defineModule({
      name: 'a',
      jobs: () => [job],
      notificationTemplates: { issueUpdate: 'WECHAT_TEMPLATE_ISSUE_UPDATE' },
    });
    const c = { name: 'c', reviewKinds: [undefined] } as unknown as ModuleDefinition;
    const problems = moduleProblems([a, b, c], deps);
    expect(problems).toEqual(
      expect.arrayContaining([
        'duplicate module: a',
        'duplicate job: x.tick',
        'template declared twice: issueUpdate',
        'template no module declares: activityReminder',
        'undefined review kind in c',
      ]),
    );
  });

  it('when a module declares a template, its id comes from the configured variable', () => {
    const a = defineModule({ name: 'a', notificationTemplates: { issueUpdate: 'WECHAT_TEMPLATE_ISSUE_UPDATE' } });
    expect(templateIdsOf([a], config)).toEqual({ issueUpdate: 'tpl_issue' });
  });
});
