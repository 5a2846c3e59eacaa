export const LIMITS = {
  nameMax: 30,
  usernameMin: 3,
  usernameMax: 32,
  passwordMin: 8,
  passwordMax: 128,
  shortTextMax: 100,
  longTextMax: 2000,
  jsonBodyBytes: 256 * 1024,
  imageBytes: 5 * 1024 * 1024,
  loginFailuresBeforeLock: 5,
  lockMinutes: 15,
} as const;
