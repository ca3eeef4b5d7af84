//! The handle table: JavaScript never holds a Rust object, only a number naming a slot here.
//!
//! Each `ExTensor` keeps its id in a private field. An id is `index + generation · 2³²`; a
//! freed slot's generation moves on, so an id that outlived its handle (which the JS layer
//! never passes) names no tensor and is refused instead of reaching another one. Because
//! ids are plain numbers there is nothing for JS to forge or to leave borrowed: the table
//! is borrowed only inside one binding call, and no JS code runs during one.
//!
//! Window pins live here too: every typed-array window JS builds over a storage holds a
//! [`BytesPin`] until JS reports that every window is detached (src/ts/windows.ts).

use crate::core::{out_of_memory, BytesPin, Error, Result, Tensor};
use std::cell::RefCell;

/// What JS holds for a tensor handle or a window pin.
pub type Id = f64;

const GENERATION_UNIT: f64 = 4_294_967_296.0; // 2^32
/// Generations stay below 2^20 so that every id is an exact integer in an f64; a slot that
/// reaches the last one is retired.
const GENERATIONS: u32 = 1 << 20;

struct Slot {
    generation: u32,
    tensor: Option<Tensor>,
}

#[derive(Default)]
struct Table {
    slots: Vec<Slot>,
    vacant: Vec<u32>,
    pins: Vec<BytesPin>,
    /// Pins of windows over shared memory (the threaded build), one per window, each
    /// dropped when JS's FinalizationRegistry reports that window collected: growth never
    /// detaches a SharedArrayBuffer, so the pins cannot be dropped all together.
    window_pins: Vec<Option<BytesPin>>,
    vacant_window_pins: Vec<u32>,
}

thread_local! {
    static TABLE: RefCell<Table> = RefCell::new(Table::default());
}

fn unknown(id: Id) -> Error {
    Error::internal("handle", &format!("{id} names no live tensor handle"))
}

fn split(id: Id) -> Option<(usize, u32)> {
    if !(id >= 0.0 && id < GENERATION_UNIT * GENERATIONS as f64 && id.fract() == 0.0) {
        return None;
    }
    let bits = id as u64;
    Some(((bits & 0xffff_ffff) as usize, (bits >> 32) as u32))
}

fn table_full() -> Error {
    out_of_memory("alloc", || "no room for another tensor handle".into())
}

/// Stores a new handle and returns its id; `OUT_OF_MEMORY` when the table cannot grow (the
/// tensor is then dropped, so nothing leaks).
pub fn insert(tensor: Tensor) -> Result<Id> {
    TABLE.with(|table| {
        let mut table = table.borrow_mut();
        let index = match table.vacant.pop() {
            Some(index) => index,
            None => {
                // Room for the slot, and for its index on the vacant list once freed (the
                // list is empty here), so that `remove` never allocates: free() must not fail.
                let grown = table.slots.len() + 1;
                if table.slots.try_reserve(1).is_err() || table.vacant.try_reserve(grown).is_err() {
                    return Err(table_full());
                }
                table.slots.push(Slot {
                    generation: 0,
                    tensor: None,
                });
                (table.slots.len() - 1) as u32
            }
        };
        let slot = &mut table.slots[index as usize];
        slot.tensor = Some(tensor);
        Ok(index as f64 + slot.generation as f64 * GENERATION_UNIT)
    })
}

impl Table {
    fn lookup(&self, id: Id) -> Result<&Tensor> {
        let (index, generation) = split(id).ok_or_else(|| unknown(id))?;
        match self.slots.get(index) {
            Some(Slot {
                generation: g,
                tensor: Some(t),
            }) if *g == generation => Ok(t),
            _ => Err(unknown(id)),
        }
    }
}

/// Runs `f` on the live handle `id`.
pub fn with<R>(id: Id, f: impl FnOnce(&Tensor) -> Result<R>) -> Result<R> {
    TABLE.with(|table| f(table.borrow().lookup(id)?))
}

/// Runs `f` on two live handles (they may be the same one).
pub fn with2<R>(a: Id, b: Id, f: impl FnOnce(&Tensor, &Tensor) -> Result<R>) -> Result<R> {
    TABLE.with(|table| {
        let table = table.borrow();
        f(table.lookup(a)?, table.lookup(b)?)
    })
}

/// Runs `f` on every handle of `ids`, in order.
pub fn with_all<R>(ids: &[Id], f: impl FnOnce(&[&Tensor]) -> Result<R>) -> Result<R> {
    TABLE.with(|table| {
        let table = table.borrow();
        let tensors = ids
            .iter()
            .map(|&id| table.lookup(id))
            .collect::<Result<Vec<_>>>()?;
        f(&tensors)
    })
}

/// Releases the handle `id`; false when it names no live handle (never an error: `free`
/// must not throw).
pub fn remove(id: Id) -> bool {
    let removed = TABLE.with(|table| {
        let mut table = table.borrow_mut();
        let (index, generation) = split(id)?;
        let slot = table.slots.get_mut(index)?;
        if slot.generation != generation {
            return None;
        }
        let tensor = slot.tensor.take()?;
        slot.generation += 1;
        // A slot that has used every generation is retired, never reused: an old id can
        // then never name a new handle. Never reallocates: `insert` reserved room for
        // every slot's index.
        if slot.generation < GENERATIONS {
            table.vacant.push(index as u32);
        }
        Some(tensor)
    });
    // Dropped after the borrow ends, which keeps the borrow to the bookkeeping.
    removed.is_some()
}

/// Pins the bytes behind a window onto handle `id` until [`release_pins`].
pub fn pin(id: Id) -> Result<()> {
    let pin = with(id, |t| Ok(t.pin_bytes()))?;
    TABLE.with(|table| {
        let mut table = table.borrow_mut();
        table
            .pins
            .try_reserve(1)
            .map_err(|_| out_of_memory("data", || "no room to pin another window".into()))?;
        table.pins.push(pin);
        Ok(())
    })
}

/// Drops every window pin: JS calls it once every window is detached.
pub fn release_pins() {
    let pins = TABLE.with(|table| std::mem::take(&mut table.borrow_mut().pins));
    drop(pins);
}

/// Pins the bytes behind one window onto handle `id` until [`release_window_pin`] with the
/// key returned: the threaded build's windows, which no growth detaches.
pub fn pin_window(id: Id) -> Result<u32> {
    let pin = with(id, |t| Ok(t.pin_bytes()))?;
    TABLE.with(|table| {
        let mut table = table.borrow_mut();
        if let Some(key) = table.vacant_window_pins.pop() {
            table.window_pins[key as usize] = Some(pin);
            return Ok(key);
        }
        let table = &mut *table;
        let key = u32::try_from(table.window_pins.len())
            .map_err(|_| out_of_memory("data", || "no room to pin another window".into()))?;
        let room = table.window_pins.len() + 1;
        table
            .window_pins
            .try_reserve(1)
            .and_then(|()| table.vacant_window_pins.try_reserve(room))
            .map_err(|_| out_of_memory("data", || "no room to pin another window".into()))?;
        table.window_pins.push(Some(pin));
        Ok(key)
    })
}

/// Drops the pin of one collected window; an unknown or already released key does nothing.
pub fn release_window_pin(key: u32) {
    let pin = TABLE.with(|table| {
        let mut table = table.borrow_mut();
        let pin = table
            .window_pins
            .get_mut(key as usize)
            .and_then(Option::take);
        if pin.is_some() {
            // Never reallocates: pin_window reserved room for every key.
            table.vacant_window_pins.push(key);
        }
        pin
    });
    // Dropped after the borrow ends (it may free a quarantined storage).
    drop(pin);
}
