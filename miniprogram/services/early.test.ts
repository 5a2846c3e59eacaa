import { early, forgetEarlyReads, startEarly } from './early';

afterEach(() => {
  forgetEarlyReads();
  jest.useRealTimers();
});

test('when a read was started early, the page takes its answer instead of asking again', async () => {
  const started = jest.fn(() => Promise.resolve('early'));
  const own = jest.fn(() => Promise.resolve('own'));
  startEarly('k', started);
  await expect(early('k', own)).resolves.toBe('early');
  expect(started).toHaveBeenCalledTimes(1);
  expect(own).not.toHaveBeenCalled();
});

test('when the page reads a second time, it asks afresh (an early read is taken once)', async () => {
  startEarly('k', () => Promise.resolve('early'));
  await early('k', () => Promise.resolve('own'));
  await expect(early('k', () => Promise.resolve('own'))).resolves.toBe('own');
});

test('when another key was started, the page asks for its own', async () => {
  startEarly('activities?{"page":1}', () => Promise.resolve('early'));
  await expect(early('activities?{"page":2}', () => Promise.resolve('own'))).resolves.toBe('own');
});

test('when the early read is older than a moment, the page asks afresh', async () => {
  jest.useFakeTimers({ now: 1_000_000 });
  startEarly('k', () => Promise.resolve('early'));
  jest.setSystemTime(1_000_000 + 16_000);
  await expect(early('k', () => Promise.resolve('own'))).resolves.toBe('own');
});

test('when the early read failed, the page asks again and handles that answer as its own', async () => {
  startEarly('k', () => Promise.reject(new Error('offline')));
  const own = jest.fn(() => Promise.reject(new Error('still offline')));
  await expect(early('k', own)).rejects.toThrow('still offline');
  expect(own).toHaveBeenCalledTimes(1);
});
