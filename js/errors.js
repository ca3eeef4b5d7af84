/** The stable error codes of the contract. */
export const ERROR_CODES = Object.freeze([
  'INVALID_SHAPE', 'SHAPE_MISMATCH', 'INDEX_OUT_OF_BOUNDS', 'INVALID_ARGUMENT',
  'DTYPE', 'READ_ONLY', 'FREED', 'OUT_OF_MEMORY',
]);

/** Every error ExTensor throws: an `Error` with a stable `code`. */
export class ExTensorError extends Error {
  constructor(code, message) {
    super(message);
    this.name = 'ExTensorError';
    this.code = code;
  }
}
