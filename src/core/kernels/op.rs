//! The operations of the contract, each named once: the enums the kernels dispatch on,
//! with every op's public name. The binding and the JS layer look ops up by these names.

/// Declares an op enum whose variants each carry the contract's method name, with `ALL`
/// (every op, in declaration order), `name` and `from_name`.
macro_rules! named_ops {
    ($(#[$meta:meta])* pub enum $ty:ident {
        $($(#[$variant_meta:meta])* $op:ident = $name:literal,)+
    }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum $ty {
            $($(#[$variant_meta])* $op,)+
        }

        impl $ty {
            /// Every op, in declaration order.
            pub const ALL: &'static [$ty] = &[$($ty::$op),+];

            /// The contract's method name.
            pub fn name(self) -> &'static str {
                match self {
                    $($ty::$op => $name,)+
                }
            }

            /// The op with this contract name.
            pub fn from_name(name: &str) -> Option<$ty> {
                $ty::ALL.iter().copied().find(|op| op.name() == name)
            }
        }
    };
}

named_ops! {
    /// The arithmetic binary operations of the contract.
    pub enum BinaryOp {
        /// `a + b`
        Add = "add",
        /// `a - b`
        Sub = "sub",
        /// `a * b`
        Mul = "mul",
        /// `a / b` (true division: integer inputs give floats)
        Div = "div",
        /// `a ** b`
        Pow = "pow",
        /// NumPy `maximum`
        Maximum = "maximum",
        /// NumPy `minimum`
        Minimum = "minimum",
        /// NumPy `remainder` (`a % b` with the sign of `b`; integer `x % 0` is 0)
        Mod = "mod",
        /// NumPy `floor_divide` (`⌊a / b⌋`; integer `x // 0` is 0)
        FloorDiv = "floorDiv",
        /// NumPy `arctan2(a, b)` (a float function: integers give NumPy's float dtype)
        Atan2 = "atan2",
    }
}

named_ops! {
    /// The comparisons; each gives `bool`.
    pub enum CompareOp {
        /// `a == b`
        Equal = "equal",
        /// `a != b`
        NotEqual = "notEqual",
        /// `a < b`
        Less = "less",
        /// `a <= b`
        LessEqual = "lessEqual",
        /// `a > b`
        Greater = "greater",
        /// `a >= b`
        GreaterEqual = "greaterEqual",
    }
}

named_ops! {
    /// The unary operations of the contract.
    pub enum UnaryOp {
        /// `-x`
        Neg = "neg",
        /// `|x|`
        Abs = "abs",
        /// `x * x`
        Square = "square",
        /// `max(x, 0)`
        Relu = "relu",
        /// e^x
        Exp = "exp",
        /// ln x
        Log = "log",
        /// √x
        Sqrt = "sqrt",
        /// sin x
        Sin = "sin",
        /// cos x
        Cos = "cos",
        /// tanh x
        Tanh = "tanh",
        /// 1 / (1 + e^-x)
        Sigmoid = "sigmoid",
        /// ⌊x⌋
        Floor = "floor",
        /// ⌈x⌉
        Ceil = "ceil",
        /// round half to even
        Round = "round",
        /// ln(1 + x)
        Log1p = "log1p",
        /// e^x − 1
        Expm1 = "expm1",
        /// log₂ x
        Log2 = "log2",
        /// log₁₀ x
        Log10 = "log10",
        /// 2^x
        Exp2 = "exp2",
        /// tan x
        Tan = "tan",
        /// arcsin x
        Asin = "asin",
        /// arccos x
        Acos = "acos",
        /// arctan x
        Atan = "atan",
        /// sinh x
        Sinh = "sinh",
        /// cosh x
        Cosh = "cosh",
        /// arsinh x
        Asinh = "asinh",
        /// arcosh x
        Acosh = "acosh",
        /// artanh x
        Atanh = "atanh",
        /// the error function (SciPy's `erf`)
        Erf = "erf",
        /// −1, 0 or 1 (NaN stays NaN; integers keep their dtype)
        Sign = "sign",
        /// 1 / x (integers: truncated toward zero, and 1 / 0 is 0)
        Reciprocal = "reciprocal",
        /// round toward zero
        Trunc = "trunc",
    }
}

impl UnaryOp {
    /// Whether the result is a float even for integer input (NumPy's float ufuncs).
    pub fn is_float_function(self) -> bool {
        use UnaryOp::*;
        matches!(
            self,
            Exp | Log
                | Sqrt
                | Sin
                | Cos
                | Tanh
                | Sigmoid
                | Log1p
                | Expm1
                | Log2
                | Log10
                | Exp2
                | Tan
                | Asin
                | Acos
                | Atan
                | Sinh
                | Cosh
                | Asinh
                | Acosh
                | Atanh
                | Erf
        )
    }

    /// Whether the op is the identity on integers (floor, ceil, round, trunc).
    pub fn is_integer_identity(self) -> bool {
        matches!(
            self,
            UnaryOp::Floor | UnaryOp::Ceil | UnaryOp::Round | UnaryOp::Trunc
        )
    }
}

impl CompareOp {
    /// The comparison with its operands swapped: `a < b` is `b > a`.
    pub fn mirrored(self) -> CompareOp {
        match self {
            CompareOp::Less => CompareOp::Greater,
            CompareOp::LessEqual => CompareOp::GreaterEqual,
            CompareOp::Greater => CompareOp::Less,
            CompareOp::GreaterEqual => CompareOp::LessEqual,
            symmetric => symmetric,
        }
    }
}

impl BinaryOp {
    /// Whether the result is a float even for integer operands (NumPy's `arctan2`).
    pub fn is_float_function(self) -> bool {
        self == BinaryOp::Atan2
    }
}

named_ops! {
    /// The reductions that give `bool`: each element counts as true where nonzero.
    pub enum TruthOp {
        /// whether any element is true (NumPy `any`; false when empty)
        Any = "any",
        /// whether every element is true (NumPy `all`; true when empty)
        All = "all",
    }
}

named_ops! {
    /// Elementwise tests; each gives `bool`.
    pub enum PredicateOp {
        /// x is NaN
        IsNaN = "isNaN",
        /// x is neither NaN nor infinite
        IsFinite = "isFinite",
        /// x is ±∞
        IsInf = "isInf",
        /// x is zero (NumPy `logical_not`)
        LogicalNot = "logicalNot",
    }
}

named_ops! {
    /// The logical binary ops: each operand counts as true where nonzero; each gives `bool`.
    pub enum LogicalOp {
        /// both are true
        And = "logicalAnd",
        /// either is true
        Or = "logicalOr",
        /// exactly one is true
        Xor = "logicalXor",
    }
}

named_ops! {
    /// The reductions of the contract.
    pub enum ReduceOp {
        /// Σ
        Sum = "sum",
        /// Π
        Prod = "prod",
        /// Σ / n
        Mean = "mean",
        /// maximum (NaN propagates)
        Max = "max",
        /// minimum (NaN propagates)
        Min = "min",
        /// index of the first maximum (of the first NaN, if any)
        ArgMax = "argMax",
        /// index of the first minimum (of the first NaN, if any)
        ArgMin = "argMin",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_op_is_found_by_its_name_and_names_are_unique() {
        let mut names = Vec::new();
        for &op in BinaryOp::ALL {
            assert_eq!(BinaryOp::from_name(op.name()), Some(op));
            names.push(op.name());
        }
        for &op in CompareOp::ALL {
            assert_eq!(CompareOp::from_name(op.name()), Some(op));
            names.push(op.name());
        }
        for &op in UnaryOp::ALL {
            assert_eq!(UnaryOp::from_name(op.name()), Some(op));
            names.push(op.name());
        }
        for &op in ReduceOp::ALL {
            assert_eq!(ReduceOp::from_name(op.name()), Some(op));
            names.push(op.name());
        }
        for &op in PredicateOp::ALL {
            assert_eq!(PredicateOp::from_name(op.name()), Some(op));
            names.push(op.name());
        }
        for &op in TruthOp::ALL {
            assert_eq!(TruthOp::from_name(op.name()), Some(op));
            names.push(op.name());
        }
        for &op in LogicalOp::ALL {
            assert_eq!(LogicalOp::from_name(op.name()), Some(op));
            names.push(op.name());
        }
        let count = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), count);
        assert_eq!(BinaryOp::from_name("nope"), None);
    }
}
