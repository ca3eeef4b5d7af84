//! NumPy basic indexing items and the slice-string grammar: `"1:3, ::-1, ..., None, 2"`.

use super::error::{quoted, Error, ErrorKind, Result};

/// One item of a basic index, as in `a[1, 0:3:2, ..., None]`.
///
/// ```
/// use extensor::core::IndexItem;
/// let items = IndexItem::parse_spec("1, ::-1, ..., None").unwrap();
/// assert_eq!(items, vec![
///     IndexItem::Index(1),
///     IndexItem::Slice { start: None, stop: None, step: Some(-1) },
///     IndexItem::Ellipsis,
///     IndexItem::NewAxis,
/// ]);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IndexItem {
    /// An integer: selects one position and removes the axis.
    Index(i64),
    /// `start:stop:step`, each part optional.
    Slice {
        /// First position (default: the start for a positive step, the end for a negative one).
        start: Option<i64>,
        /// Position not reached.
        stop: Option<i64>,
        /// Distance between positions; never 0.
        step: Option<i64>,
    },
    /// `...`: as many full slices as the other items leave axes.
    Ellipsis,
    /// `None`: a new axis of length 1.
    NewAxis,
}

impl IndexItem {
    /// The full slice `:`.
    pub const FULL: IndexItem = IndexItem::Slice {
        start: None,
        stop: None,
        step: None,
    };

    /// Parses a comma-separated index string. An empty string is the empty index (`a[()]`).
    pub fn parse_spec(spec: &str) -> Result<Vec<IndexItem>> {
        if spec.trim().is_empty() {
            return Ok(Vec::new());
        }
        spec.split(',')
            .map(|part| IndexItem::parse_item(part, spec))
            .collect()
    }

    /// Parses one item (`"2"`, `"1:3"`, `"::-1"`, `"..."`, `"None"`).
    pub fn parse_item(text: &str, whole: &str) -> Result<IndexItem> {
        let item = text.trim();
        match item {
            "..." => return Ok(IndexItem::Ellipsis),
            "None" | "null" | "newaxis" => return Ok(IndexItem::NewAxis),
            _ => {}
        }
        let parts: Vec<&str> = item.split(':').collect();
        let number = |s: &str| -> Result<Option<i64>> {
            let s = s.trim();
            if s.is_empty() {
                return Ok(None);
            }
            s.parse::<i64>().map(Some).map_err(|_| {
                Error::new(
                    ErrorKind::InvalidArgument,
                    "slice",
                    format!(
                        "cannot parse {} in {}; items are integers, start:stop:step, '...' or None",
                        quoted(s),
                        quoted(whole)
                    ),
                )
            })
        };
        match parts.as_slice() {
            [single] => match number(single)? {
                Some(i) => Ok(IndexItem::Index(i)),
                None => Err(Error::new(
                    ErrorKind::InvalidArgument,
                    "slice",
                    format!("empty item in {}", quoted(whole)),
                )),
            },
            [start, stop] => Ok(IndexItem::Slice {
                start: number(start)?,
                stop: number(stop)?,
                step: None,
            }),
            [start, stop, step] => Ok(IndexItem::Slice {
                start: number(start)?,
                stop: number(stop)?,
                step: number(step)?,
            }),
            _ => Err(Error::new(
                ErrorKind::InvalidArgument,
                "slice",
                format!("too many ':' in {} of {}", quoted(item), quoted(whole)),
            )),
        }
    }
}

/// A slice resolved against an axis length, as CPython's `PySlice_AdjustIndices` does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct ResolvedSlice {
    pub start: i64,
    pub len: usize,
    pub step: i64,
}

pub(crate) fn resolve_slice(
    start: Option<i64>,
    stop: Option<i64>,
    step: Option<i64>,
    axis_len: usize,
) -> Result<ResolvedSlice> {
    let step = step.unwrap_or(1);
    if step == 0 {
        return Err(Error::new(
            ErrorKind::InvalidArgument,
            "slice",
            "slice step cannot be zero",
        ));
    }
    // i128 keeps every intermediate exact whatever i64 the caller passed.
    let n = axis_len as i128;
    let clamp = |value: Option<i64>, default: i128| -> i128 {
        match value {
            None => default,
            Some(v) => {
                let mut v = v as i128;
                if v < 0 {
                    v += n;
                    if v < 0 {
                        v = if step < 0 { -1 } else { 0 };
                    }
                } else if v >= n {
                    v = if step < 0 { n - 1 } else { n };
                }
                v
            }
        }
    };
    let (start, stop) = if step < 0 {
        (clamp(start, n - 1), clamp(stop, -1))
    } else {
        (clamp(start, 0), clamp(stop, n))
    };
    let step_w = step as i128;
    let len = if step < 0 {
        if stop < start {
            (start - stop - 1) / (-step_w) + 1
        } else {
            0
        }
    } else if start < stop {
        (stop - start - 1) / step_w + 1
    } else {
        0
    };
    Ok(ResolvedSlice {
        // start lies in [-1, n]; n fits i64 because axis lengths fit isize.
        start: start as i64,
        len: len as usize,
        step,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slice_resolution_matches_python() {
        let r = |a, b, c, n| {
            let s = resolve_slice(a, b, c, n).unwrap();
            (s.start, s.len, s.step)
        };
        assert_eq!(r(None, None, None, 5), (0, 5, 1));
        assert_eq!(r(None, None, Some(-1), 5), (4, 5, -1));
        assert_eq!(r(Some(3), Some(0), Some(-2), 5), (3, 2, -2));
        assert_eq!(r(Some(-11), Some(-16), Some(-1), 6), (-1, 0, -1));
        assert_eq!(r(Some(13), None, Some(-1), 12), (11, 12, -1));
        assert_eq!(
            r(Some(i64::MIN), Some(i64::MAX), Some(i64::MAX), 3),
            (0, 1, i64::MAX)
        );
    }

    #[test]
    fn zero_step_is_invalid_argument() {
        assert_eq!(
            resolve_slice(None, None, Some(0), 3).unwrap_err().code(),
            "INVALID_ARGUMENT"
        );
    }

    #[test]
    fn malformed_spec_is_invalid_argument() {
        for bad in ["1:2:3:4", "a", "1,,2", "1.5"] {
            assert_eq!(
                IndexItem::parse_spec(bad).unwrap_err().code(),
                "INVALID_ARGUMENT",
                "{bad}"
            );
        }
    }
}
