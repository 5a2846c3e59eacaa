/**
 * Runs an unordered bulk write and returns its per-statement errors by index (the driver's
 * write errors, with `index`, `code`, `errmsg`); a failure that is not per statement (e.g. the
 * connection) counts as the error of every statement.
 */
export async function bulkFailures(
  write: () => Promise<unknown>,
  batch: readonly unknown[],
): Promise<Map<number, unknown>> {
  const failed = new Map<number, unknown>();
  try {
    await write();
  } catch (err) {
    const writeErrors = (err as { writeErrors?: unknown }).writeErrors;
    if (!Array.isArray(writeErrors) || writeErrors.length === 0) {
      batch.forEach((_, i) => failed.set(i, err));
      return failed;
    }
    for (const we of writeErrors as { index: number }[]) failed.set(we.index, we);
  }
  return failed;
}
