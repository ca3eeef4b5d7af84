// A tiny hand-written protobuf encoder for one-node ONNX models (MatMul, Add, Exp, Softmax,
// ...), enough for onnxruntime-web to load from bytes. Environment-agnostic: no imports.
//
// Field numbers are those of onnx/onnx.proto3 (ModelProto, GraphProto, NodeProto,
// AttributeProto, ValueInfoProto, TypeProto, TensorShapeProto, OperatorSetIdProto).

const textEncoder = new TextEncoder();

/** Protobuf writer: varints, length-delimited fields, nested messages. */
class Writer {
  constructor() {
    this.parts = [];
  }

  bytes(b) {
    this.parts.push(b);
    return this;
  }

  varint(v) {
    let n = BigInt.asUintN(64, BigInt(v));
    const out = [];
    do {
      let byte = Number(n & 0x7fn);
      n >>= 7n;
      if (n) byte |= 0x80;
      out.push(byte);
    } while (n);
    return this.bytes(Uint8Array.from(out));
  }

  tag(field, wire) {
    return this.varint((field << 3) | wire);
  }

  int(field, v) {
    return this.tag(field, 0).varint(v);
  }

  float(field, v) {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, v, true);
    return this.tag(field, 5).bytes(b);
  }

  len(field, payload) {
    return this.tag(field, 2).varint(payload.length).bytes(payload);
  }

  string(field, s) {
    return this.len(field, textEncoder.encode(s));
  }

  message(field, build) {
    const w = new Writer();
    build(w);
    return this.len(field, w.finish());
  }

  finish() {
    const total = this.parts.reduce((n, p) => n + p.length, 0);
    const out = new Uint8Array(total);
    let at = 0;
    for (const p of this.parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }
}

/** ONNX TensorProto.DataType codes for the dtypes the benchmark feeds onnxruntime. */
export const ONNX_TYPES = { float32: 1, uint8: 2, int8: 3, int32: 6, int64: 7, bool: 9, float64: 11 };

const ATTR = { FLOAT: 1, INT: 2, STRING: 3, FLOATS: 6, INTS: 7 };

function attribute(w, name, value) {
  w.message(5, (a) => {
    a.string(1, name);
    if (Array.isArray(value)) {
      for (const v of value) a.int(8, v);
      a.int(20, ATTR.INTS);
    } else if (typeof value === 'string') {
      a.string(4, value);
      a.int(20, ATTR.STRING);
    } else if (Number.isInteger(value)) {
      a.int(3, value);
      a.int(20, ATTR.INT);
    } else {
      a.float(2, value);
      a.int(20, ATTR.FLOAT);
    }
  });
}

function valueInfo(w, field, { name, dtype, shape }) {
  w.message(field, (v) => {
    v.string(1, name);
    v.message(2, (t) => t.message(1, (tt) => {
      tt.int(1, ONNX_TYPES[dtype]);
      tt.message(2, (s) => {
        for (const d of shape) s.message(1, (dim) => dim.int(1, d));
      });
    }));
  });
}

/**
 * The bytes of a model with the given nodes.
 * @param {{ inputs: {name, dtype, shape}[], outputs: {name, dtype, shape}[],
 *           nodes: { op, inputs: string[], outputs: string[], attrs?: object }[], opset?: number }} spec
 */
export function onnxModel({ inputs, outputs, nodes, opset = 18 }) {
  const w = new Writer();
  w.int(1, 8); // ir_version 8
  w.string(2, 'extensor-bench');
  w.message(7, (g) => {
    nodes.forEach((node, k) => g.message(1, (n) => {
      for (const i of node.inputs) n.string(1, i);
      for (const o of node.outputs) n.string(2, o);
      n.string(3, `n${k}`);
      n.string(4, node.op);
      for (const [name, value] of Object.entries(node.attrs ?? {})) attribute(n, name, value);
    }));
    g.string(2, 'g');
    for (const i of inputs) valueInfo(g, 11, i);
    for (const o of outputs) valueInfo(g, 12, o);
  });
  w.message(8, (o) => {
    o.string(1, '');
    o.int(2, opset);
  });
  return w.finish();
}

/** One node `op(x[, y]) -> z`, with its input and output descriptions. */
export function oneNodeModel(op, inputs, output, attrs) {
  return onnxModel({
    inputs,
    outputs: [output],
    nodes: [{ op, inputs: inputs.map((i) => i.name), outputs: [output.name], attrs }],
  });
}
