// Typed usage of the whole public API, checked with `npx tsc -p tests/types` (never run).
// Positive checks are assignments and exact type equalities that compile only when the
// declarations are right; negative checks are `@ts-expect-error` lines, which fail the
// build if the line they mark ever starts to compile.
import * as ex from 'extensor';
import type { DType, ExTensor } from 'extensor';

/** Exact type equality (not mere assignability). */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
/** Compiles only when T is `true`. */
type Assert<T extends true> = T;
/** Compiles only when `value` is exactly of type `Expected`. */
function expectExact<Expected>() {
  return <Actual>(value: Actual & (Equal<Actual, Expected> extends true ? unknown : never)): Actual => value;
}

declare const somePromise: Promise<void>;
declare const someNumber: number;
declare const someString: string;
declare const someDtype: DType;
declare const maybeInt8: 'int8' | undefined;
declare const maybeInt16: 'int16' | undefined;

// ------------------------------------------------------------------------ loading

async function loading(): Promise<void> {
  const info: ex.BackendInfo = await ex.init();
  await ex.init({ simd: false });
  await ex.init({ relaxed: false, module: new Uint8Array([0, 97, 115, 109]) });
  await ex.init({ module: Promise.resolve(new ArrayBuffer(8)) });
  await ex.init({ simd: undefined, relaxed: undefined }); // undefined is the same as absent
  await ex.init({ wasmPaths: '/wasm/' });
  await ex.init({ relaxed: false, wasmPaths: { simd: '/wasm/extensor_simd_bg.wasm', baseline: '/wasm/extensor_baseline_bg.wasm', threads: undefined } });
  const paths: ex.WasmPaths = { baseline: 'https://example.com/extensor_baseline_bg.wasm' };
  await ex.init({ wasmPaths: paths });
  const sync: ex.BackendInfo = ex.initSync();
  ex.initSync(new Uint8Array(8), { simd: true });
  const threaded: ex.BackendInfo = await ex.init({ threads: 4 });
  await ex.init({ threads: 'auto', relaxed: false });
  await ex.init({ threads: undefined });
  const threadCount: number = threaded.threads + ex.backend().threads;
  void threadCount;
  const build: 'relaxed' | 'simd' | 'baseline' | 'threads' = ex.backend().build;
  const flags: [boolean, boolean, boolean] = [info.simd, sync.relaxed, ex.backend().asyncScopes];
  const sizes: [number, string] = [ex.backend().wasmMemoryBytes, ex.backend().version];
  const support: { simd: boolean; relaxed: boolean } = ex.engineSupport();
  void [build, flags, sizes, support];

  // @ts-expect-error simd is a boolean
  await ex.init({ simd: 'yes' });
  // @ts-expect-error unknown option
  await ex.init({ webgpu: true });
  // @ts-expect-error threads is a number or 'auto'
  await ex.init({ threads: 'all' });
  // @ts-expect-error initSync is single-threaded: no threads option
  ex.initSync(undefined, { threads: 2 });
  // @ts-expect-error wasmPaths names builds, not arbitrary keys
  await ex.init({ wasmPaths: { webgpu: '/x.wasm' } });
  // @ts-expect-error a wasmPaths URL is a string or URL
  await ex.init({ wasmPaths: { simd: 5 } });
  // @ts-expect-error initSync takes bytes or a module, not a URL string
  ex.initSync('extensor_simd_bg.wasm');
  // @ts-expect-error init resolves asynchronously
  const notYet: ex.BackendInfo = ex.init();
  void notYet;
}

// ------------------------------------------------------------------------ constants

function constants(): void {
  const dtypes: readonly DType[] = ex.DTYPES;
  const first: 'float32' = ex.DTYPES[0];
  const codes: readonly ex.ErrorCode[] = ex.ERROR_CODES;
  const ndim: number = ex.MAX_NDIM;
  const version: string = ex.VERSION;
  type _dtypesAreDType = Assert<Equal<(typeof ex.DTYPES)[number], DType>>;
  type _codesAreErrorCode = Assert<Equal<(typeof ex.ERROR_CODES)[number], ex.ErrorCode>>;
  void [dtypes, first, codes, ndim, version];

  // @ts-expect-error DTYPES is frozen (readonly)
  ex.DTYPES.push('float128');
  // @ts-expect-error MAX_NDIM is a constant
  ex.MAX_NDIM = 32;
}

// ------------------------------------------------------------------------ creation

function creation(): void {
  expectExact<ExTensor<'float32'>>()(ex.zeros([2, 3]));
  expectExact<ExTensor<'int32'>>()(ex.zeros([2, 3], 'int32'));
  expectExact<ExTensor<'float32'>>()(ex.zeros(4));
  expectExact<ExTensor<'float32'>>()(ex.zeros(new Int32Array([2, 2])));
  expectExact<ExTensor<'bool'>>()(ex.ones([2], 'bool'));
  expectExact<ExTensor<'float32'>>()(ex.empty([2]));
  expectExact<ExTensor<'uint16'>>()(ex.empty([2], 'uint16'));
  expectExact<ExTensor<DType>>()(ex.zeros([2], someDtype));
  // An undefined dtype is the default, as at run time.
  expectExact<ExTensor<'float32'>>()(ex.zeros([2], undefined));
  expectExact<ExTensor<'int8' | 'float32'>>()(ex.ones([2], maybeInt8));
  expectExact<ExTensor<'bool'>>()(ex.full([2], true, undefined));
  expectExact<ExTensor<'int16' | 'int64'>>()(ex.full([2], 1n, maybeInt16));
  expectExact<ExTensor<'float32'>>()(ex.arange(3, undefined));
  expectExact<ExTensor<'float32'>>()(ex.rand([2], { dtype: undefined }));
  expectExact<ExTensor<'bool'>>()(ex.tensor([true], { dtype: undefined }));
  expectExact<ExTensor<'int8' | 'bool'>>()(ex.tensor([true], { dtype: maybeInt8 }));

  expectExact<ExTensor<'float32'>>()(ex.full([2], 7));
  expectExact<ExTensor<'bool'>>()(ex.full([2], true));
  expectExact<ExTensor<'int64'>>()(ex.full([2], 5n));
  expectExact<ExTensor<'uint8'>>()(ex.full([2], 7, 'uint8'));

  expectExact<ExTensor<'float32'>>()(ex.arange(5));
  expectExact<ExTensor<'int32'>>()(ex.arange(5, 'int32'));
  expectExact<ExTensor<'float32'>>()(ex.arange(1, 5));
  expectExact<ExTensor<'int8'>>()(ex.arange(1, 5, 'int8'));
  expectExact<ExTensor<'float32'>>()(ex.arange(0, 12, 2));
  expectExact<ExTensor<'int32'>>()(ex.arange(0, 12, 1, 'int32'));
  expectExact<ExTensor<'float32'>>()(ex.linspace(0, 1, 5));
  expectExact<ExTensor<'float64'>>()(ex.linspace(0, 1, 5, 'float64'));
  expectExact<ExTensor<'float32'>>()(ex.eye(3));
  expectExact<ExTensor<'int8'>>()(ex.eye(3, 'int8'));
  expectExact<ExTensor<'float32'>>()(ex.eye(2, 3));
  expectExact<ExTensor<'bool'>>()(ex.eye(3, 3, 1, 'bool'));

  expectExact<ExTensor<'float32'>>()(ex.rand([2]));
  expectExact<ExTensor<'float32'>>()(ex.rand([2], { seed: 1 }));
  expectExact<ExTensor<'float64'>>()(ex.rand([2], { seed: 1, dtype: 'float64' }));
  expectExact<ExTensor<'float16'>>()(ex.randn([2], { dtype: 'float16' }));
  expectExact<ExTensor<'float32'>>()(ex.randn([2], { seed: undefined, dtype: undefined }));

  // tensor(): dtype from the option, else inferred from the data as the runtime does.
  expectExact<ExTensor<'int32'>>()(ex.tensor([[1, 2], [3, 4]], { dtype: 'int32' }));
  expectExact<ExTensor<'uint8'>>()(ex.tensor([0, 1, 2, 3, 4, 5], { dtype: 'uint8', shape: [2, 3] }));
  expectExact<ExTensor<'float32'>>()(ex.tensor([[1, 2], [3, 4]]));
  expectExact<ExTensor<'float32'>>()(ex.tensor(3));
  expectExact<ExTensor<'float32'>>()(ex.tensor([]));
  expectExact<ExTensor<'bool'>>()(ex.tensor([[true], [false]]));
  expectExact<ExTensor<'int64'>>()(ex.tensor([1n, 2n]));
  expectExact<ExTensor<'int64'>>()(ex.tensor(3n));
  expectExact<ExTensor<'int64'>>()(ex.tensor([true, 1n]));
  expectExact<ExTensor<'int64' | 'float64'>>()(ex.tensor([1n, 2.5]));
  expectExact<ExTensor<'float32'>>()(ex.tensor(new Float32Array(4), { shape: [2, 2] }));
  expectExact<ExTensor<'float64'>>()(ex.tensor(new Float64Array(4)));
  expectExact<ExTensor<'int16'>>()(ex.tensor(new Int16Array(4)));
  expectExact<ExTensor<'int64'>>()(ex.tensor(new BigInt64Array(4)));
  expectExact<ExTensor<'uint8'>>()(ex.tensor(new Uint8ClampedArray(4)));
  expectExact<ExTensor<'uint8'>>()(ex.tensor(new Uint8Array(4)));
  expectExact<ExTensor<'uint64'>>()(ex.tensor(new BigUint64Array(4)));
  expectExact<ExTensor<'bfloat16'>>()(ex.tensor(new Uint16Array(4), { dtype: 'bfloat16' }));
  const rows: number[][] = [[1, 2]];
  expectExact<ExTensor<'float32'>>()(ex.tensor(rows));

  const npy: ExTensor = ex.fromNpy(new Uint8Array(128));
  ex.fromNpy(new ArrayBuffer(128));
  if (npy.dtype === 'float32') {
    const w: Float32Array = (npy as ExTensor<'float32'>).data;
    void w;
  }

  // .npz: a Map of tensors of unknown dtype in; a record (object or Map) of any tensors out.
  const arrays: Map<string, ExTensor> = ex.fromNpz(new Uint8Array(22));
  ex.fromNpz(new ArrayBuffer(22));
  const weights = arrays.get('w');
  if (weights !== undefined && weights.dtype === 'float32') void (weights as ExTensor<'float32'>).data;
  expectExact<Uint8Array<ArrayBuffer>>()(ex.toNpz({ w: ex.zeros([2]), i: ex.arange(3, 'int32') }));
  ex.toNpz(arrays, { compress: true });
  ex.toNpz(new Map([['b', ex.zeros([2], 'bool')]]), { compress: false });
  ex.toNpz({});
  const npzOptions: ex.NpzOptions = { compress: true };
  ex.toNpz({ a: ex.ones([1]) }, npzOptions);

  // @ts-expect-error not a dtype
  ex.zeros([2], 'float128');
  // @ts-expect-error one dtype at most
  ex.zeros([2], 'int8', 'int16');
  // @ts-expect-error dtypes are lower case
  ex.ones([2], 'Float32');
  // @ts-expect-error zeros takes the dtype as a string, not an options object
  ex.zeros([2], { dtype: 'float32' });
  // @ts-expect-error a shape is numbers
  ex.zeros(['2', '3']);
  // @ts-expect-error bigint shapes are not accepted
  ex.zeros(new BigInt64Array(2));
  // @ts-expect-error tensor() takes dtype in the options object
  ex.tensor([1, 2], 'int32');
  // @ts-expect-error not a dtype
  ex.tensor([1, 2], { dtype: 'complex64' });
  // @ts-expect-error elements are numbers, bigints or booleans
  ex.tensor(['a', 'b']);
  // @ts-expect-error a DataView is not tensor data
  ex.tensor(new DataView(new ArrayBuffer(4)));
  // @ts-expect-error random values are float dtypes only
  ex.rand([2], { dtype: 'int32' });
  // @ts-expect-error random values are float dtypes only
  ex.randn([2], { dtype: 'bool' });
  // @ts-expect-error rand takes its dtype in the options
  ex.rand([2], 'float64');
  // @ts-expect-error the seed is a number
  ex.rand([2], { seed: 'abc' });
  // @ts-expect-error the value of full is a scalar
  ex.full([2], [1, 2]);
  // @ts-expect-error fromNpy takes bytes
  ex.fromNpy('weights.npy');
  // @ts-expect-error fromNpz takes bytes
  ex.fromNpz('weights.npz');
  // @ts-expect-error toNpz takes a record of tensors, not a list
  ex.toNpz([ex.zeros([2])]);
  // @ts-expect-error record values are tensors
  ex.toNpz({ w: [1, 2] });
  // @ts-expect-error compress is a boolean
  ex.toNpz({ w: ex.zeros([2]) }, { compress: 9 });
  // @ts-expect-error the only option is compress
  ex.toNpz({ w: ex.zeros([2]) }, { level: 9 });
  // @ts-expect-error the constructor is private: use the creation functions
  new ex.ExTensor();
}

// ------------------------------------------------------------------------ typed-array windows

function windows(): void {
  const f32: Float32Array = ex.zeros([2], 'float32').data;
  const f64: Float64Array = ex.zeros([2], 'float64').data;
  const i8: Int8Array = ex.zeros([2], 'int8').data;
  const i16: Int16Array = ex.zeros([2], 'int16').data;
  const i32: Int32Array = ex.zeros([2], 'int32').data;
  const i64: BigInt64Array = ex.zeros([2], 'int64').data;
  const u8: Uint8Array = ex.zeros([2], 'uint8').data;
  const u16: Uint16Array = ex.zeros([2], 'uint16').data;
  const u32: Uint32Array = ex.zeros([2], 'uint32').data;
  const u64: BigUint64Array = ex.zeros([2], 'uint64').data;
  const b: Uint8Array = ex.zeros([2], 'bool').data;
  const h: Uint16Array = ex.zeros([2], 'float16').data;
  const bf: Uint16Array = ex.zeros([2], 'bfloat16').data;
  const def: Float32Array = ex.zeros([2]).data;
  void [f32, f64, i8, i16, i32, i64, u8, u16, u32, u64, b, h, bf, def];

  // The windows are over wasm memory (an ArrayBuffer, never shared).
  expectExact<Float32Array<ArrayBuffer>>()(ex.zeros([2]).data);
  expectExact<Int32Array<ArrayBuffer>>()(ex.zeros([2], 'int32').toTypedArray());
  expectExact<Int32Array<ArrayBuffer>>()(ex.zeros([2], 'int32').toTypedArray({ float16Array: true }));
  expectExact<Uint16Array<ArrayBuffer>>()(ex.zeros([2], 'float16').toTypedArray({ float16Array: false }));
  expectExact<Uint8Array<ArrayBuffer>>()(ex.zeros([2], 'bool').toTypedArray());
  expectExact<Uint8Array<ArrayBuffer>>()(ex.zeros([2]).toNpy());
  const blobPart: ArrayBufferView<ArrayBuffer> = ex.zeros([2]).toNpy();
  void blobPart;

  // A tensor of unknown dtype has a window of any of the types.
  const anyWindow: ex.TypedArrayOf<DType> = ex.zeros([2], someDtype).data;
  void anyWindow;

  // Writes through the window.
  const t = ex.zeros([4], 'int32');
  t.data[0] = 7;
  ex.zeros([2], 'int64').data[0] = 7n;

  // @ts-expect-error an int32 tensor's window is an Int32Array
  const wrong1: Float32Array = ex.zeros([2], 'int32').data;
  // @ts-expect-error float32 is the default dtype
  const wrong2: Float64Array = ex.zeros([2]).data;
  // @ts-expect-error int64 windows hold bigints
  const wrong3: Float64Array = ex.zeros([2], 'int64').data;
  // @ts-expect-error bool windows are Uint8Array, not Uint8ClampedArray
  const wrong4: Uint8ClampedArray = ex.zeros([2], 'bool').data;
  // @ts-expect-error float16 windows hold raw bits in a Uint16Array
  const wrong5: Float32Array = ex.zeros([2], 'float16').toTypedArray();
  // @ts-expect-error the window of an unknown dtype is not known to be a Float32Array
  const wrong6: Float32Array = ex.zeros([2], someDtype).data;
  // @ts-expect-error data is a getter only
  t.data = new Int32Array(4);
  // @ts-expect-error int64 elements are bigints
  ex.zeros([2], 'int64').data[0] = 7;
  void [wrong1, wrong2, wrong3, wrong4, wrong5, wrong6];
}

// ------------------------------------------------------------------------ layout and elements

function elements(): void {
  const t = ex.arange(6, 'int32').reshape([2, 3]);
  const shape: number[] = t.shape;
  const strides: number[] = t.strides;
  const numbers: number[] = [t.offset, t.ndim, t.size, t.nbytes, t.refCount];
  const flags: boolean[] = [t.isContiguous, t.isView, t.isWritable, t.isFreed, t.sharesMemory(t.share())];
  const dtype: 'int32' = t.dtype;
  void [shape, strides, numbers, flags, dtype];

  const n: number = t.get(1, 2);
  const big: bigint = ex.zeros([2], 'uint64').get(0);
  const flag: boolean = ex.zeros([2], 'bool').item();
  const half: number = ex.zeros([1], 'bfloat16').item();
  const anyElement: number | bigint | boolean = ex.zeros([1], someDtype).item();
  t.set(5, 0, 0);
  t.set(5n, 0, 0);
  t.set(true, 0, 0);
  const filled: ExTensor<'int32'> = t.fill(0);
  const assigned: ExTensor<'int32'> = t.assign(ex.arange(3));
  const nested: ex.Nested<number> = t.toArray();
  const nestedBig: ex.Nested<bigint> = ex.zeros([2], 'int64').toArray();
  const text: string = t.toString();
  void [n, big, flag, half, anyElement, filled, assigned, nested, nestedBig, text];

  // @ts-expect-error uint64 elements read back as bigint
  const wrongElement: number = ex.zeros([2], 'uint64').get(0);
  // @ts-expect-error indices are numbers
  t.get('1', '2');
  // @ts-expect-error values are scalars
  t.set('5', 0, 0);
  // @ts-expect-error fill takes a scalar, not a tensor (use assign)
  t.fill(ex.zeros([3]));
  // @ts-expect-error assign takes a tensor
  t.assign(5);
  // @ts-expect-error shape is read-only
  t.shape = [3, 2];
  // @ts-expect-error dtype is read-only; use astype
  t.dtype = 'float32';
  // @ts-expect-error toArray is nested: not known to be a flat number[]
  const flat: number[] = t.toArray();
  void [wrongElement, flat];
}

// ------------------------------------------------------------------------ views and slicing

function views(): void {
  const a = ex.arange(24, 'int16').reshape([2, 3, 4]);
  type _ = Assert<Equal<typeof a, ExTensor<'int16'>>>;

  // The string form: NumPy basic indexing as text.
  expectExact<ExTensor<'int16'>>()(a.slice('1:3, ::-1, ..., None, 2'));
  a.slice(':, 1');
  a.slice('...');
  a.slice('');
  a.slice(' 0 , : , -1 ');
  a.slice('None, newaxis, null, ...');
  a.slice('+1:-1:2');
  a.slice(someString); // not a literal: checked at run time
  // The array form.
  expectExact<ExTensor<'int16'>>()(a.slice([[1, 3], [null, null, -1], '...', null, 2]));
  a.slice([0, '...', [null, null, 2]]);
  a.slice([[], ':', '1:3']);
  a.slice([undefined, [undefined, 2]]);
  const items: ex.SliceItem[] = [1, [0, null, 2], '...', null];
  a.slice(items);
  // One index, or a new axis.
  expectExact<ExTensor<'int16'>>()(a.slice(-1));
  a.slice(null);

  // @ts-expect-error too many ':' in an item
  a.slice('1:2:3:4');
  // @ts-expect-error not an integer
  a.slice('1.5');
  // @ts-expect-error not an item of the grammar
  a.slice('a, 1');
  // @ts-expect-error empty item between commas
  a.slice('1,,2');
  // @ts-expect-error a range has at most [start, stop, step]
  a.slice([[1, 2, 3, 4]]);
  // @ts-expect-error range bounds are integers or null
  a.slice([['1', '2']]);
  // @ts-expect-error slice takes one spec, not several arguments
  a.slice(1, 2);
  // @ts-expect-error objects are not slice specs
  a.slice({ start: 1 });
  // @ts-expect-error booleans are not slice specs
  a.slice(true);

  expectExact<ExTensor<'int16'>>()(a.transpose());
  expectExact<ExTensor<'int16'>>()(a.transpose([1, 0, 2]));
  expectExact<ExTensor<'int16'>>()(a.squeeze());
  a.squeeze(0);
  a.squeeze([0, 1]);
  expectExact<ExTensor<'int16'>>()(a.unsqueeze(0));
  expectExact<ExTensor<'int16'>>()(a.broadcastTo([5, 2, 3, 4]));
  expectExact<ExTensor<'int16'>>()(a.flatten());
  expectExact<ExTensor<'int16'>>()(a.contiguous());
  expectExact<ExTensor<'int16'>>()(a.clone());
  expectExact<ExTensor<'int16'>>()(a.share());
  expectExact<ExTensor<'int16'>>()(a.reshape(new Int32Array([4, 6])));
  expectExact<ExTensor<'float64'>>()(a.astype('float64'));
  expectExact<ExTensor<'bool'>>()(a.astype('bool'));
  expectExact<ExTensor<DType>>()(a.astype(someDtype));

  // @ts-expect-error reshape takes an array (the runtime rejects a bare number)
  a.reshape(24);
  // @ts-expect-error unsqueeze takes one axis
  a.unsqueeze([0, 1]);
  // @ts-expect-error not a dtype
  a.astype('float8');
  // @ts-expect-error transpose axes are numbers
  a.transpose(['1', '0', '2']);
  // @ts-expect-error transpose takes an array of axes, not one axis
  a.transpose(1);
}

// ------------------------------------------------------------------------ math

function math(): void {
  const f32 = ex.zeros([3]);
  const f64 = ex.zeros([3], 'float64');
  const i8 = ex.zeros([3], 'int8');
  const i32 = ex.zeros([3], 'int32');
  const u8 = ex.zeros([3], 'uint8');
  const u64 = ex.zeros([3], 'uint64');
  const b = ex.zeros([3], 'bool');
  const f16 = ex.zeros([3], 'float16');
  const bf16 = ex.zeros([3], 'bfloat16');

  // Two tensors: NumPy promotion.
  expectExact<ExTensor<'float32'>>()(f32.add(f32));
  expectExact<ExTensor<'float64'>>()(i32.add(f32));
  expectExact<ExTensor<'int16'>>()(u8.sub(i8));
  expectExact<ExTensor<'float64'>>()(u64.mul(i8));
  expectExact<ExTensor<'float32'>>()(f16.maximum(bf16));
  expectExact<ExTensor<'bfloat16'>>()(bf16.minimum(u8));
  expectExact<ExTensor<'uint8'>>()(b.pow(u8));
  expectExact<ExTensor<'bool'>>()(b.add(b));
  // Weak scalars (NEP 50).
  expectExact<ExTensor<'uint8'>>()(u8.add(3));
  expectExact<ExTensor<'float64'>>()(u8.add(0.5));
  expectExact<ExTensor<'uint8' | 'float64'>>()(u8.add(someNumber));
  expectExact<ExTensor<'float16'>>()(f16.mul(0.5));
  expectExact<ExTensor<'int64'>>()(b.add(1));
  expectExact<ExTensor<'int64'>>()(b.add(1n));
  expectExact<ExTensor<'bool'>>()(b.add(true));
  expectExact<ExTensor<'int32'>>()(i32.sub(-1));
  expectExact<ExTensor<'int32'>>()(i32.add(2n));
  expectExact<ExTensor<'int32'>>()(i32.add(true));
  // True division.
  expectExact<ExTensor<'float64'>>()(i32.div(i32));
  expectExact<ExTensor<'float64'>>()(i32.div(2));
  expectExact<ExTensor<'float32'>>()(f32.div(i8));
  expectExact<ExTensor<'float64'>>()(b.div(b));
  // Everyday NumPy: the new unary, binary, logical and clip members and the function forms.
  expectExact<ExTensor<'float16'>>()(i8.log1p());
  expectExact<ExTensor<'float64'>>()(i32.erf());
  expectExact<ExTensor<'int8'>>()(i8.sign());
  expectExact<ExTensor<'int8'>>()(b.reciprocal());
  expectExact<ExTensor<'uint8'>>()(u8.trunc());
  expectExact<ExTensor<'bool'>>()(f32.isNaN());
  expectExact<ExTensor<'bool'>>()(i32.logicalNot());
  expectExact<ExTensor<'int8'>>()(b.mod(b));
  expectExact<ExTensor<'int32'>>()(i32.floorDiv(2));
  expectExact<ExTensor<'float16'>>()(u8.atan2(1));
  expectExact<ExTensor<'bool'>>()(i32.logicalXor(f32));
  expectExact<ExTensor<'float64'>>()(i32.clip(0, 2.5));
  expectExact<ExTensor<'int8'>>()(i8.clip(null, 1));
  expectExact<ExTensor<'float32'>>()(i8.clip(f32));
  expectExact<ExTensor<'float32'>>()(ex.sub(1, f32));
  expectExact<ExTensor<'int64'>>()(ex.add(1, 2));
  expectExact<ExTensor<'bool'>>()(ex.less(0, i32));
  expectExact<ExTensor<'float64'>>()(ex.exp(i32));
  expectExact<ExTensor<'float64'>>()(ex.exp(2));
  expectExact<ExTensor<'float32'>>()(ex.clip(f32, 0, 1));
  // @ts-expect-error a string is no operand
  ex.add('1', f32);
  // Everyday NumPy reductions.
  expectExact<ExTensor<'bool'>>()(i32.any());
  expectExact<ExTensor<'bool'>>()(f32.all(0, true));
  expectExact<ExTensor<'float64'>>()(i32.var());
  expectExact<ExTensor<'float32'>>()(f32.std(0, false, { ddof: 1 }));
  expectExact<ExTensor<'float16'>>()(f16.logSumExp());
  expectExact<ExTensor<'float64'>>()(i32.logSoftmax());
  expectExact<ExTensor<'int64'>>()(i32.cumsum());
  expectExact<ExTensor<'uint64'>>()(u8.cumprod(0));
  expectExact<ExTensor<'int32'>>()(i32.cumsum(null, { dtype: 'int32' }));
  // @ts-expect-error ddof is a number
  f32.var(0, false, { ddof: '1' });
  // Sorting.
  expectExact<ExTensor<'int8'>>()(i8.sort());
  expectExact<ExTensor<'int32'>>()(f32.argsort(0, { descending: true }));
  const top = f64.topk(2, { axis: 0, largest: false });
  expectExact<ExTensor<'float64'>>()(top.values);
  expectExact<ExTensor<'int32'>>()(top.indices);
  // @ts-expect-error descending is a boolean
  f32.sort(0, { descending: 1 });
  // Comparison and counting.
  expectExact<ExTensor<'bool'>>()(ex.isclose(f32, f64, { rtol: 1e-3 }));
  expectExact<boolean>()(ex.allclose(f32, f32));
  expectExact<ExTensor<'int64'>>()(ex.bincount(i32, { minlength: 4 }));
  expectExact<ExTensor<'float64'>>()(ex.bincount(i32, { weights: f32 }));
  // NumPy indexing.
  expectExact<ExTensor<'float32'>>()(f32.index([[0, 2]]));
  expectExact<ExTensor<'int32'>>()(i32.index(i32.greater(0)));
  expectExact<ExTensor<'int8'>>()(i8.index([0, ':', null, [true, false]]));
  expectExact<ExTensor<'float64'>>()(f64.indexSet([[1]], 2));
  // @ts-expect-error an object is no index item
  f32.index([{}]);
  // Comparisons give bool.
  expectExact<ExTensor<'bool'>>()(f32.equal(f32));
  expectExact<ExTensor<'bool'>>()(i32.notEqual(1));
  expectExact<ExTensor<'bool'>>()(u64.less(1n));
  expectExact<ExTensor<'bool'>>()(f32.lessEqual(i32));
  expectExact<ExTensor<'bool'>>()(b.greater(false));
  expectExact<ExTensor<'bool'>>()(f64.greaterEqual(0.5));
  // Unary.
  expectExact<ExTensor<'int32'>>()(i32.neg());
  expectExact<ExTensor<'int8'>>()(i8.abs());
  expectExact<ExTensor<'float64'>>()(i32.exp());
  expectExact<ExTensor<'float16'>>()(u8.log());
  expectExact<ExTensor<'float16'>>()(b.sqrt());
  expectExact<ExTensor<'float32'>>()(ex.zeros([2], 'int16').sin());
  expectExact<ExTensor<'bfloat16'>>()(bf16.cos());
  expectExact<ExTensor<'float32'>>()(f32.tanh());
  expectExact<ExTensor<'float64'>>()(u64.sigmoid());
  expectExact<ExTensor<'int8'>>()(i8.relu());
  expectExact<ExTensor<'uint8'>>()(u8.square());
  expectExact<ExTensor<'int32'>>()(i32.floor());
  expectExact<ExTensor<'float16'>>()(f16.ceil());
  expectExact<ExTensor<'bool'>>()(b.round());
  // Reductions.
  expectExact<ExTensor<'int64'>>()(i32.sum());
  expectExact<ExTensor<'int64'>>()(b.sum(0, true));
  expectExact<ExTensor<'uint64'>>()(u8.prod([0]));
  expectExact<ExTensor<'float32'>>()(f32.sum());
  expectExact<ExTensor<'float32'>>()(i32.sum(null, false, { dtype: 'float32' }));
  expectExact<ExTensor<'uint8'>>()(u8.prod(undefined, undefined, { dtype: 'uint8' }));
  expectExact<ExTensor<'float32'>>()(i32.mean(0, true, { dtype: 'float32' }));
  expectExact<ExTensor<'float64'>>()(i32.mean());
  expectExact<ExTensor<'float64'>>()(b.mean(-1));
  expectExact<ExTensor<'float16'>>()(f16.mean(null, true));
  expectExact<ExTensor<'uint64'>>()(u64.max());
  expectExact<ExTensor<'bool'>>()(b.min(0));
  expectExact<ExTensor<'int32'>>()(f32.argMax());
  expectExact<ExTensor<'int32'>>()(u64.argMin(0));
  f32.argMax([0]);
  // Linear algebra.
  expectExact<ExTensor<'float64'>>()(i32.matmul(f32));
  expectExact<ExTensor<'bool'>>()(b.matmul(b));
  expectExact<ExTensor<'float64'>>()(ex.matmul(f64, f32));
  expectExact<ExTensor<'float32'>>()(f32.softmax());
  expectExact<ExTensor<'float16'>>()(i8.softmax(-1));
  // A tensor of unknown dtype gives a result of unknown dtype.
  expectExact<ExTensor<DType>>()(ex.zeros([2], someDtype).add(ex.zeros([2], someDtype)));
  // Chains keep their types.
  const chained: Float64Array = ex.arange(6, 'int32').reshape([2, 3]).sum(1).mean().data;
  void chained;

  // @ts-expect-error a comparison gives bool, not the input dtype
  const notBool: ExTensor<'float32'> = f32.less(1);
  // @ts-expect-error argMax gives int32 indices
  const notIndex: ExTensor<'float32'> = f32.argMax();
  // @ts-expect-error int32 + float32 is float64 in NumPy, not float32
  const notPromoted: ExTensor<'float32'> = i32.add(f32);
  // @ts-expect-error the mean of integers is float64
  const notMean: ExTensor<'int32'> = i32.mean();
  // @ts-expect-error strings are not operands
  f32.add('1');
  // @ts-expect-error arrays are not operands: make a tensor first
  f32.mul([1, 2, 3]);
  // @ts-expect-error matmul takes a tensor, not a scalar
  f32.matmul(2);
  // @ts-expect-error matmul takes a tensor, not nested arrays
  ex.matmul(f32, [[1, 2], [3, 4]]);
  // @ts-expect-error argMax takes one axis
  f32.argMax([0, 1]);
  // @ts-expect-error keepDims is a boolean
  f32.sum(0, 'yes');
  // @ts-expect-error softmax takes one axis
  f32.softmax([0]);
  void [notBool, notIndex, notPromoted, notMean];
}

// ------------------------------------------------------------------------ n-ary functions

function nary(): void {
  const i8 = ex.zeros([1], 'int8');
  const u8 = ex.zeros([1], 'uint8');
  const f16 = ex.zeros([1], 'float16');
  expectExact<ExTensor<'int16'>>()(ex.concat([i8, u8]));
  expectExact<ExTensor<'int8'>>()(ex.concat([i8, i8, i8], 0));
  // Promotion is not associative; the runtime folds left to right.
  expectExact<ExTensor<'float32'>>()(ex.stack([i8, u8, f16]));
  expectExact<ExTensor<'float16'>>()(ex.stack([f16, u8, i8], -1));
  const many: ExTensor<'uint8'>[] = [u8, u8];
  expectExact<ExTensor<'uint8'>>()(ex.concat(many));
  const mixed: ExTensor[] = [u8, i8];
  expectExact<ExTensor<DType>>()(ex.concat(mixed));

  const cond = ex.arange(3).greater(0);
  expectExact<ExTensor<'float32'>>()(ex.where(cond, ex.arange(3), 0));
  expectExact<ExTensor<'int16'>>()(ex.where(cond, i8, u8));
  expectExact<ExTensor<'float64'>>()(ex.where(cond, i8, 0.5));
  expectExact<ExTensor<'int64'>>()(ex.where(cond, 1, 2));
  expectExact<ExTensor<'float64'>>()(ex.where(cond, 1, 2.5));
  expectExact<ExTensor<'int64' | 'float64'>>()(ex.where(cond, 1, someNumber));
  expectExact<ExTensor<'int64'>>()(ex.where(cond, true, false));
  expectExact<ExTensor<'int64'>>()(ex.where(i8, 1n, 2n));

  const f32m = ex.ones([2, 2]);
  expectExact<ExTensor<'float32'>>()(ex.einsum('ij,jk->ik', f32m, f32m));
  expectExact<ExTensor<'int16'>>()(ex.einsum('i,j', i8, u8));
  expectExact<ExTensor<'float32'>>()(ex.einsum('i,i,i', i8, u8, f16));
  expectExact<ExTensor<'int8'>>()(ex.einsum('i->', i8));
  expectExact<ExTensor<'uint8'>>()(ex.einsum('i,i', ...many));
  expectExact<ExTensor<DType>>()(ex.einsum('i,i', ...mixed));
  // @ts-expect-error einsum's subscripts are a string
  ex.einsum(['ij'], f32m);
  // @ts-expect-error einsum's operands are tensors
  ex.einsum('i,i', i8, 2);
  // @ts-expect-error einsum's operands are separate arguments, not a list
  ex.einsum('i,i', [i8, u8]);
  // @ts-expect-error concat takes tensors only
  ex.concat([i8, 1]);
  // @ts-expect-error stack takes an array
  ex.stack(i8, u8);
  // @ts-expect-error the axis is a number
  ex.concat([i8, u8], '0');
  // @ts-expect-error where's condition is a tensor
  ex.where(true, i8, u8);
  // @ts-expect-error where's branches are tensors or scalars
  ex.where(cond, 'a', 'b');
}

// ------------------------------------------------------------------------ gather and shape

function gatherAndShape(): void {
  const a = ex.arange(12, 'uint16').reshape([3, 4]);
  const idx = ex.tensor([[0, 2]], { dtype: 'int32' });
  expectExact<ExTensor<'uint16'>>()(a.take(idx));
  expectExact<ExTensor<'uint16'>>()(a.take([2, -1], 0));
  a.take([[0n, 1n]], null);
  a.take(1, -1);
  a.take(new Int32Array([0, 1]), 1);
  const rows: ex.IndexArray = [[0], [1], [2]];
  const given: ex.Indices = rows;
  expectExact<ExTensor<'uint16'>>()(a.takeAlongAxis(given, 1));
  a.takeAlongAxis(idx);
  a.takeAlongAxis([0, 1, 2], null);

  expectExact<ExTensor<'float32'>>()(ex.oneHot([0, 2], 3));
  expectExact<ExTensor<'bool'>>()(ex.oneHot(idx, 4, 'bool'));
  expectExact<ExTensor<'int32'>[]>()(ex.nonzero(a));
  expectExact<ExTensor<'uint16'>[]>()(ex.split(a, 3));
  expectExact<ExTensor<'uint16'>[]>()(ex.split(a, [1, 3], -1));

  expectExact<ExTensor<'uint16'>>()(a.tile([2, 1]));
  a.tile(2);
  expectExact<ExTensor<'uint16'>>()(a.repeat(2));
  a.repeat([1, 0, 2], 0);
  a.repeat(3, null);
  expectExact<ExTensor<'uint16'>>()(a.pad(1));
  a.pad([1, 2], { value: 7 });
  a.pad([[0, 0], [1, 1]], { mode: 'reflect' });
  const options: ex.PadOptions = { mode: 'edge' };
  const width: ex.PadWidth = [[1, 0], [0, 1]];
  a.pad(width, options);

  // @ts-expect-error indices are integers, not strings
  a.take(['0']);
  // @ts-expect-error a float tensor's dtype is checked at run time, but a string axis never works
  a.take([0], '0');
  // @ts-expect-error an unknown pad mode
  a.pad(1, { mode: 'wrap' });
  // @ts-expect-error split takes a tensor
  ex.split([1, 2], 1);
  // @ts-expect-error oneHot's dtype is a dtype name
  ex.oneHot([0], 2, 'complex64');
}

// ------------------------------------------------------------------------ memory

async function memory(): Promise<ExTensor<'float32'>> {
  // tidy: synchronous; returns what fn returns.
  const kept = ex.tidy(() => ex.arange(6).reshape([2, 3]).sum(1));
  expectExact<ExTensor<'float32'>>()(kept);
  const pair = ex.tidy(() => ({ a: ex.zeros([2], 'int8'), b: [ex.ones([1])] }));
  expectExact<{ a: ExTensor<'int8'>; b: ExTensor<'float32'>[] }>()(pair);
  const plain: number = ex.tidy(() => 42);
  const compute = (): ExTensor<'int8'> => ex.ones([2], 'int8');
  expectExact<ExTensor<'int8'>>()(ex.tidy(compute));
  // Generic wrappers keep their type parameter.
  const wrap = <X>(g: () => X): X => ex.tidy(g);
  expectExact<ExTensor<'float32'>>()(wrap(() => ex.zeros([1])));
  void plain;
  // tidy cannot span await: for a function returning a Promise it throws, so its type is never.
  const spanned = ex.tidy(async () => ex.zeros([2]));
  expectExact<never>()(spanned);
  // @ts-expect-error the result of tidy(async …) is never: use ex.scope() across await
  spanned.free();
  // @ts-expect-error tidy takes a function
  ex.tidy(ex.zeros([2]));
  // @ts-expect-error tidy calls fn with no arguments
  ex.tidy((x: number) => x);

  // using on a tensor: freed at the end of the block.
  {
    using t = ex.zeros([3]);
    using view = t.reshape([3, 1]);
    void view;
  }
  const disposable: Disposable = ex.zeros([1]);
  disposable[Symbol.dispose]();

  // scope: may span await.
  using scope = ex.scope();
  const s: ex.Scope = scope;
  const open: boolean = scope.open;
  const size: number = scope.size;
  void [s, open, size];
  const a = ex.arange(4);
  await somePromise;
  const result = scope.keep(a.mul(2));
  expectExact<ExTensor<'float32'>>()(result);
  // @ts-expect-error keep takes a tensor
  scope.keep(5);
  // @ts-expect-error open is read-only
  scope.open = false;
  // @ts-expect-error size is read-only
  scope.size = 0;

  {
    const inner = ex.scope();
    try {
      ex.ones([2]);
    } finally {
      inner.dispose();
      inner[Symbol.dispose]();
    }
  }

  const m: ex.MemoryInfo = ex.memory();
  const counters: number[] = [m.liveHandles, m.liveStorages, m.storageBytes, m.peakStorageBytes, m.wasmMemoryBytes, m.reclaimedByFinalizer];
  void counters;
  ex.debug.trackLeaks(true);
  ex.debug.trackLeaks();
  for (const leak of ex.debug.leaks()) {
    const row: [number, number[], DType, string] = [leak.id, leak.shape, leak.dtype, leak.stack];
    void row;
  }
  // @ts-expect-error debug is frozen
  ex.debug.trackLeaks = () => {};
  // @ts-expect-error trackLeaks takes a boolean
  ex.debug.trackLeaks('on');
  // @ts-expect-error no such counter
  void m.liveTensors;

  return result;
}

// ------------------------------------------------------------------------ ex.linalg

function linearAlgebra(): void {
  const i32 = ex.zeros([2, 2], 'int32');
  const f32 = ex.eye(2, 2, 0, 'float32');
  const f64 = ex.eye(2, 2, 0, 'float64');
  const f16 = ex.eye(2, 2, 0, 'float16');
  const b = ex.tensor([[true, false], [false, true]]);
  expectExact<ExTensor<'float32'>>()(ex.linalg.inv(f32));
  expectExact<ExTensor<'float64'>>()(ex.linalg.inv(i32));
  expectExact<ExTensor<'float64'>>()(ex.linalg.det(b));
  expectExact<ExTensor<'float64'>>()(ex.linalg.cholesky(f64));
  expectExact<ExTensor<'float32'>>()(ex.linalg.solve(f32, f32));
  expectExact<ExTensor<'float64'>>()(ex.linalg.solve(i32, f32));
  expectExact<ExTensor<'float64'>>()(ex.linalg.solve(f32, f64));
  expectExact<ExTensor<never>>()(ex.linalg.inv(f16));
  expectExact<ExTensor<never>>()(ex.linalg.solve(f64, f16));
  expectExact<ExTensor<'float32' | 'float64'>>()(ex.linalg.det(ex.zeros([2, 2], someDtype)));
  expectExact<ExTensor<'float16'>>()(ex.linalg.norm(f16));
  expectExact<ExTensor<'float64'>>()(ex.linalg.norm(i32, { ord: Infinity, axis: 1 }));
  expectExact<ExTensor<'float32'>>()(ex.linalg.norm(f32, { ord: 'fro', axis: [0, 1], keepDims: true }));
  ex.linalg.norm(f32, { ord: 'nuc' });
  ex.linalg.norm(f32, { ord: null, axis: null, keepDims: undefined });
  ex.linalg.norm(f32, {});
  const options: ex.NormOptions = { ord: -2 };
  const la: Readonly<ex.Linalg> = ex.linalg;
  type R = [ex.LinalgResult<'uint8'>, ex.SolveResult<'float32', 'int8'>, ex.NormResult<'bool'>];
  const results: Assert<Equal<R, ['float64', 'float64', 'float64']>> = true;
  void [options, la, results];

  // @ts-expect-error ord is a number, 'fro' or 'nuc'
  ex.linalg.norm(f32, { ord: 'F' });
  // @ts-expect-error no such option (NumPy's keepdims is keepDims)
  ex.linalg.norm(f32, { keepdims: true });
  // @ts-expect-error solve takes a tensor, not nested arrays
  ex.linalg.solve(f32, [1, 2]);
  // @ts-expect-error inv takes one tensor
  ex.linalg.inv([[1, 0], [0, 1]]);
  // @ts-expect-error linalg is frozen
  ex.linalg.inv = ex.linalg.det;
  // @ts-expect-error an int32 inverse is float64
  const notKept: ExTensor<'int32'> = ex.linalg.inv(i32);
  void notKept;
}

// ------------------------------------------------------------------------ errors

function errors(): void {
  try {
    ex.arange(6).reshape([4, 2]);
  } catch (e) {
    if (e instanceof ex.ExTensorError) {
      const code: ex.ErrorCode = e.code;
      const name: 'ExTensorError' = e.name;
      const message: string = e.message;
      const asError: Error = e;
      void [name, message, asError];
      switch (code) {
        case 'INVALID_SHAPE':
        case 'SHAPE_MISMATCH':
        case 'INDEX_OUT_OF_BOUNDS':
        case 'INVALID_ARGUMENT':
        case 'DTYPE':
        case 'READ_ONLY':
        case 'FREED':
        case 'OUT_OF_MEMORY':
          break;
        default: {
          const exhaustive: never = code;
          void exhaustive;
        }
      }
      // @ts-expect-error not one of the codes
      if (e.code === 'NOT_FOUND') return;
    }
  }
  const custom = new ex.ExTensorError('INVALID_ARGUMENT', 'myOp: expected a vector');
  void custom;
  // @ts-expect-error not one of the codes
  new ex.ExTensorError('OOPS', 'message');
}

// ------------------------------------------------------------------------ tensors are nominal

function nominal(t: ExTensor): void {
  const typed: ExTensor = ex.zeros([2], 'int8');
  const keepsDtype: ExTensor<'int8' | 'uint8'> = ex.zeros([2], 'int8');
  void [typed, keepsDtype];
  // A look-alike with every public member is still not an ExTensor: the class has
  // private state (#raw), so only the creation functions make tensors.
  const lookalike: { [K in keyof ExTensor]: ExTensor[K] } = t;
  // @ts-expect-error a structural copy of the public surface is not a tensor
  t.sharesMemory(lookalike);
  // @ts-expect-error an int8 tensor is not a float32 tensor
  const wrongDtype: ExTensor<'float32'> = ex.zeros([2], 'int8');
  // @ts-expect-error a tensor of unknown dtype is not a float32 tensor
  const unknownDtype: ExTensor<'float32'> = t;
  void [wrongDtype, unknownDtype];
}

export { loading, constants, creation, windows, elements, views, math, nary, linearAlgebra, memory, errors, nominal };
