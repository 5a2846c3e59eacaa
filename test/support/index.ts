export { createTestContext, type TestContext, type TestContextOptions } from './context';
export { buildResident, buildStaff, buildDistrictAdmin, uniqueSuffix, type Built } from './factories';
export { TEST_CLOCK_START } from './clock';
