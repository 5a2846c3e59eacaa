/** Errors from geo parsing, carrying MongoDB's code and codeName so the core can reply `{ok:0,...}`. */
const NAMES: Record<number, string> = {
  2: 'BadValue',
  14: 'TypeMismatch',
  27: 'IndexNotFound',
  291: 'NoQueryExecutionPlans',
};

export class GeoError extends Error {
  readonly codeName: string;

  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'GeoError';
    this.codeName = NAMES[code] ?? `Location${code}`;
  }
}

export const badValue = (message: string): GeoError => new GeoError(2, message);
