// The stable error codes and the one error class every failure throws. The codes are the
// Rust core's (src/core/error.rs ErrorKind::CONTRACT); the loader checks at init that the
// two lists are equal.

/**
 * Every stable error code, frozen.
 *
 * @example
 * ```ts
 * ex.ERROR_CODES.includes(e.code); // true for every ExTensorError
 * ```
 */
export const ERROR_CODES = Object.freeze([
  'INVALID_SHAPE', 'SHAPE_MISMATCH', 'INDEX_OUT_OF_BOUNDS', 'INVALID_ARGUMENT',
  'DTYPE', 'READ_ONLY', 'FREED', 'OUT_OF_MEMORY',
] as const);

/**
 * The stable error codes, in the order {@link ERROR_CODES} lists them.
 *
 * - `INVALID_SHAPE`: a shape or dimension that cannot exist (negative, fractional, too many
 *   elements, two `-1` in `reshape`, ragged nested arrays).
 * - `SHAPE_MISMATCH`: shapes that do not fit together (broadcasting, `reshape` to another
 *   size, `matmul` inner dimensions, `concat`/`stack`, data length for a shape).
 * - `INDEX_OUT_OF_BOUNDS`: an index past an axis, or more indices than axes.
 * - `INVALID_ARGUMENT`: a wrong type or value of an argument (including ExTensor not
 *   initialised).
 * - `DTYPE`: an unknown dtype, or an operation the dtype does not support.
 * - `READ_ONLY`: a write to a broadcast view.
 * - `FREED`: use of a handle after `free()`.
 * - `OUT_OF_MEMORY`: the tensor does not fit in wasm memory.
 *
 * @example
 * ```ts
 * function isShapeError(code: ex.ErrorCode) { return code === 'INVALID_SHAPE' || code === 'SHAPE_MISMATCH'; }
 * ```
 */
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * Every error ExTensor throws: an `Error` with a stable {@link ErrorCode} and a message that
 * names the operation and the values that were wrong. No input from JavaScript makes the
 * wasm instance trap.
 *
 * @example
 * ```ts
 * try {
 *   ex.arange(6).reshape([4, 2]);
 * } catch (e) {
 *   if (e instanceof ex.ExTensorError && e.code === 'SHAPE_MISMATCH') {
 *     console.log(e.message); // reshape: cannot reshape [6] (6 elements) into [4, 2] (8 elements)
 *   }
 * }
 * ```
 */
export class ExTensorError extends Error {
  /**
   * The stable code: branch on this, not on the message.
   *
   * @example
   * ```ts
   * if (e.code === 'FREED') console.log('used after free()');
   * ```
   */
  code: ErrorCode;
  /**
   * Always `'ExTensorError'`.
   *
   * @example
   * ```ts
   * console.log(e.name); // ExTensorError
   * ```
   */
  override name: 'ExTensorError';

  /**
   * Makes an error with `code` and `message` (ExTensor's own functions make these; the
   * constructor is public so that wrappers can throw the same kind of error).
   *
   * @example
   * ```ts
   * throw new ex.ExTensorError('INVALID_ARGUMENT', 'myOp: expected a vector');
   * ```
   */
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'ExTensorError';
    this.code = code;
  }
}
