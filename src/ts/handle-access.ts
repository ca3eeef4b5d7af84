// What other modules need of the ExTensor class without importing it (the class's module
// imports them): recognising a genuine handle, taking its id, wrapping a new id. The class
// hands these over from its static block; nothing here reaches its private fields itself.
import { ExTensorError } from './errors.js';
import { describe } from './boundary.js';
import { call } from './runtime.js';
import { afterAllocation } from './windows.js';
import type { ExTensor } from './tensor.js';

/** The class's private access, set once by its static block. */
export interface TensorAccess {
  isTensor: (value: unknown) => value is ExTensor;
  idOf: (tensor: ExTensor) => number | null;
  construct: (id: number) => ExTensor;
}

let access: TensorAccess | null = null;

/** Called once, by ExTensor's static block. */
export function setTensorAccess(given: TensorAccess): void {
  access ??= given;
}

function tensorAccess(): TensorAccess {
  if (access === null) throw new ExTensorError('INVALID_ARGUMENT', 'internal: the ExTensor class is not loaded');
  return access;
}

/** The live id of a tensor argument, or INVALID_ARGUMENT / FREED. */
export function argumentId(op: string, value: unknown): number {
  const { isTensor, idOf } = tensorAccess();
  if (!isTensor(value)) {
    throw new ExTensorError('INVALID_ARGUMENT', `${op}: expected an ExTensor argument, got ${describe(value)}`);
  }
  const id = idOf(value);
  if (id === null) throw new ExTensorError('FREED', `${op}: the tensor argument was freed`);
  return id;
}

/** True for a genuine ExTensor handle (freed or not); runs no code of `value`. */
export function isExTensor(value: unknown): value is ExTensor {
  return tensorAccess().isTensor(value);
}

/** Wraps a handle id returned by the binding (an allocating call). */
export function wrapId(id: number): ExTensor {
  afterAllocation();
  return tensorAccess().construct(id);
}

/** Runs a binding call that makes a new handle, and wraps it. */
export function created(fn: () => number): ExTensor {
  return wrapId(call(fn));
}
