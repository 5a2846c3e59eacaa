export { createTestContext, type TestContext, type TestContextOptions } from './context';
export { buildResident, buildStaff, buildDistrictAdmin, uniqueSuffix, type Built } from './factories';
