//! Native criterion benchmarks of the core kernels through the tensor front (the scalar
//! paths, as LLVM compiles them for the host). `cargo bench --bench kernels`, or
//! `npm run bench:native`. The wasm builds are measured by `benches/bench.mjs`.

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use criterion::{criterion_group, BenchmarkId, Criterion, Throughput};
    use extensor::core::{BinaryOp, DType, ReduceOp, Rhs, Tensor, UnaryOp};

    fn elementwise(c: &mut Criterion) {
        let n = 1 << 20;
        let a = Tensor::rand(&[n], 1, DType::Float32).unwrap();
        let b = Tensor::rand(&[n], 2, DType::Float32).unwrap();
        let mut g = c.benchmark_group("f32 1M");
        g.throughput(Throughput::Elements(n as u64));
        g.bench_function("add", |bench| {
            bench.iter(|| a.binary(BinaryOp::Add, Rhs::Tensor(&b)).unwrap())
        });
        g.bench_function("exp", |bench| bench.iter(|| a.unary(UnaryOp::Exp).unwrap()));
        g.bench_function("sum", |bench| {
            bench.iter(|| a.reduce(ReduceOp::Sum, None, false).unwrap())
        });
        let t = a.reshape(&[1024, 1024]).unwrap().transpose(None).unwrap();
        g.bench_function("add transposed", |bench| {
            bench.iter(|| t.binary(BinaryOp::Add, Rhs::Tensor(&t)).unwrap())
        });
        g.finish();
    }

    fn matmul(c: &mut Criterion) {
        let mut g = c.benchmark_group("matmul f32");
        for n in [64usize, 128, 256] {
            let a = Tensor::rand(&[n, n], 3, DType::Float32).unwrap();
            let b = Tensor::rand(&[n, n], 4, DType::Float32).unwrap();
            g.throughput(Throughput::Elements((2 * n * n * n) as u64));
            g.bench_with_input(BenchmarkId::from_parameter(n), &n, |bench, _| {
                bench.iter(|| a.matmul(&b).unwrap())
            });
        }
        g.finish();
    }

    fn per_op(c: &mut Criterion) {
        let a = Tensor::rand(&[4], 5, DType::Float32).unwrap();
        c.bench_function("add [4] per op", |bench| {
            bench.iter(|| a.binary(BinaryOp::Add, Rhs::Tensor(&a)).unwrap())
        });
        c.bench_function("view chain 1000x1000", |bench| {
            let t = Tensor::zeros(&[1000, 1000], DType::Float32).unwrap();
            bench.iter(|| {
                t.slice_str("100:900, ::2")
                    .unwrap()
                    .transpose(None)
                    .unwrap()
                    .slice_str("::3")
                    .unwrap()
            })
        });
    }

    criterion_group!(benches, elementwise, matmul, per_op);
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(native::benches);

#[cfg(target_arch = "wasm32")]
fn main() {}
