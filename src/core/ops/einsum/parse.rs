//! The subscripts of `einsum`, NumPy's grammar: comma-separated terms of letters (`a-z`,
//! `A-Z`) with at most one `...` each, an optional `->` and output term; spaces are ignored.
//! Then [`bind`] fits the terms to the operands' ranks, one label per axis.

use crate::core::error::{Error, ErrorKind, Result};

/// An axis label: a letter's ASCII code, or [`ELLIPSIS_BASE`] plus the position of a
/// broadcast (`...`) dimension, counted over the widest ellipsis of all operands.
pub(super) type Label = u16;

/// The first label of the ellipsis dimensions (above every letter).
const ELLIPSIS_BASE: Label = 256;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Item {
    Letter(u8),
    Ellipsis,
}

type Term = Vec<Item>;

/// The parsed subscripts: a term per operand and the output term when one was given.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Subscripts {
    inputs: Vec<Term>,
    output: Option<Term>,
}

/// The subscripts fitted to the operands: one label per axis of each operand, and the
/// output's labels in output order.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Bound {
    pub inputs: Vec<Vec<Label>>,
    pub output: Vec<Label>,
}

pub(super) fn invalid(msg: impl Into<String>) -> Error {
    Error::new(ErrorKind::InvalidArgument, "einsum", msg)
}

/// Parses `text`; every grammar error is `INVALID_ARGUMENT`.
pub(super) fn parse(text: &str) -> Result<Subscripts> {
    let (inputs, output) = match text.split_once("->") {
        Some((inputs, output)) => (inputs, Some(output)),
        None => (text, None),
    };
    if inputs.contains(['-', '>']) {
        return Err(invalid(format!(
            "subscripts {text:?}: '-' and '>' may only appear together as one '->'"
        )));
    }
    let inputs = inputs
        .split(',')
        .enumerate()
        .map(|(i, term)| parse_term(term, &format!("operand {i}")))
        .collect::<Result<Vec<_>>>()?;
    let output = output.map(|o| parse_term(o, "the output")).transpose()?;
    if let Some(term) = &output {
        let letters = term.iter().filter_map(|item| match item {
            Item::Letter(c) => Some(*c),
            Item::Ellipsis => None,
        });
        let mut seen = [false; 128];
        for c in letters {
            if std::mem::replace(&mut seen[c as usize], true) {
                return Err(invalid(format!(
                    "output subscript '{}' appears more than once",
                    c as char
                )));
            }
            if !inputs.iter().flatten().any(|&i| i == Item::Letter(c)) {
                return Err(invalid(format!(
                    "output subscript '{}' appears in no input",
                    c as char
                )));
            }
        }
    }
    Ok(Subscripts { inputs, output })
}

fn parse_term(term: &str, what: &str) -> Result<Term> {
    let mut items = Vec::new();
    let mut rest = term;
    while let Some(c) = rest.chars().next() {
        rest = &rest[c.len_utf8()..];
        match c {
            ' ' => {}
            c if c.is_ascii_alphabetic() => items.push(Item::Letter(c as u8)),
            '.' => {
                let Some(tail) = rest.strip_prefix("..") else {
                    return Err(invalid(format!(
                        "a '.' in {what} is not part of an ellipsis ('...')"
                    )));
                };
                if items.contains(&Item::Ellipsis) {
                    return Err(invalid(format!(
                        "{what} has more than one ellipsis ('...')"
                    )));
                }
                rest = tail;
                items.push(Item::Ellipsis);
            }
            c => {
                return Err(invalid(format!(
                    "invalid subscript {c:?} in {what}: subscripts are letters"
                )))
            }
        }
    }
    Ok(items)
}

impl Subscripts {
    /// Fits the terms to operands of ranks `ndims`: a term without `...` names every axis,
    /// one with `...` at most as many as there are; the ellipses broadcast right-aligned.
    /// Without an output term, the output is the ellipsis then the letters used once, in
    /// code order (uppercase first), as NumPy's implicit mode.
    pub(super) fn bind(&self, ndims: &[usize]) -> Result<Bound> {
        if ndims.len() != self.inputs.len() {
            return Err(invalid(format!(
                "the subscripts name {} operand(s) but {} were given",
                self.inputs.len(),
                ndims.len()
            )));
        }
        let widths = self
            .inputs
            .iter()
            .zip(ndims)
            .enumerate()
            .map(|(i, (term, &ndim))| ellipsis_width(term, ndim, i))
            .collect::<Result<Vec<_>>>()?;
        let width = widths.iter().copied().max().unwrap_or(0);
        let inputs: Vec<Vec<Label>> = self
            .inputs
            .iter()
            .zip(&widths)
            .map(|(term, &w)| labels(term, width - w..width))
            .collect();
        let output = match &self.output {
            Some(term) => {
                if width > 0 && !term.contains(&Item::Ellipsis) {
                    return Err(invalid(
                        "the operands have broadcast ('...') dimensions but the output has no '...'",
                    ));
                }
                labels(term, 0..width)
            }
            None => {
                let mut counts = [0usize; 128];
                for item in self.inputs.iter().flatten() {
                    if let Item::Letter(c) = item {
                        counts[*c as usize] += 1;
                    }
                }
                (0..width as Label)
                    .map(|e| ELLIPSIS_BASE + e)
                    .chain((0..128).filter(|&c| counts[c] == 1).map(|c| c as Label))
                    .collect()
            }
        };
        Ok(Bound { inputs, output })
    }
}

/// How many axes the `...` of `term` covers for an operand of `ndim` axes.
fn ellipsis_width(term: &Term, ndim: usize, operand: usize) -> Result<usize> {
    let letters = term.iter().filter(|i| **i != Item::Ellipsis).count();
    let has_ellipsis = term.contains(&Item::Ellipsis);
    match ndim.checked_sub(letters) {
        Some(0) => Ok(0),
        Some(extra) if has_ellipsis => Ok(extra),
        Some(_) => Err(invalid(format!(
            "operand {operand} has {ndim} dimension(s) but its subscripts name {letters} and have no '...' for the rest"
        ))),
        None => Err(invalid(format!(
            "operand {operand} has {ndim} dimension(s), fewer than its {letters} subscript(s)"
        ))),
    }
}

/// The labels of `term`'s axes, its `...` standing for the ellipsis positions `span`.
fn labels(term: &Term, span: std::ops::Range<usize>) -> Vec<Label> {
    term.iter()
        .flat_map(|item| match item {
            Item::Letter(c) => vec![*c as Label],
            Item::Ellipsis => span.clone().map(|e| ELLIPSIS_BASE + e as Label).collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::ErrorKind;

    fn bound(text: &str, ndims: &[usize]) -> Result<Bound> {
        parse(text)?.bind(ndims)
    }

    fn kind(r: Result<Bound>) -> ErrorKind {
        r.unwrap_err().kind()
    }

    #[test]
    fn implicit_output_is_the_ellipsis_then_single_letters_uppercase_first() {
        let b = bound("b...A,Ab", &[3, 2]).unwrap();
        assert_eq!(b.inputs, vec![vec![98, 256, 65], vec![65, 98]]);
        assert_eq!(b.output, vec![256]);
        assert_eq!(bound("ij,jk", &[2, 2]).unwrap().output, vec![105, 107]);
        assert_eq!(bound("ii", &[2]).unwrap().output, Vec::<Label>::new());
        assert_eq!(
            bound("Ba, aB", &[2, 2]).unwrap().output,
            Vec::<Label>::new()
        );
        assert_eq!(bound("bA", &[2]).unwrap().output, vec![65, 98]);
    }

    #[test]
    fn ellipses_broadcast_right_aligned() {
        let b = bound("...i,...i->...", &[3, 2]).unwrap();
        assert_eq!(b.inputs, vec![vec![256, 257, 105], vec![257, 105]]);
        assert_eq!(b.output, vec![256, 257]);
        assert_eq!(bound("i->...i", &[1]).unwrap().output, vec![105]);
    }

    #[test]
    fn grammar_errors_are_invalid_argument() {
        for text in [
            "i2",
            "i-",
            "i>",
            "i->,",
            "i->.",
            "i..",
            "......",
            "...->......",
            "ij->jj",
            "i->ii",
            "ij->k",
            "i->i->i",
            "é",
        ] {
            assert_eq!(
                kind(bound(text, &[1])),
                ErrorKind::InvalidArgument,
                "{text}"
            );
        }
    }

    #[test]
    fn ranks_must_fit_the_terms() {
        assert_eq!(kind(bound("ij", &[3])), ErrorKind::InvalidArgument);
        assert_eq!(kind(bound("ij", &[1])), ErrorKind::InvalidArgument);
        assert_eq!(kind(bound("ij,j", &[2])), ErrorKind::InvalidArgument);
        assert_eq!(kind(bound("i...->i", &[3])), ErrorKind::InvalidArgument);
        assert!(bound("i...->i", &[1]).is_ok());
        assert!(bound("", &[0]).is_ok());
    }
}
