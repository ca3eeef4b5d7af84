//! NumPy `.npz` archives: read what `numpy.savez` and `numpy.savez_compressed` write (a zip
//! of `.npy` members, stored or deflated), and write archives `numpy.load` reads, laid out
//! as NumPy's own (the local headers carry the ZIP64 extra field NumPy forces, every date is
//! 1980-01-01 as in NumPy 2.4).
//!
//! Why here, in Rust, and not in the JS layer with an npm package such as `fflate`: the
//! package promises no runtime dependencies (tests/package installs its tarball offline and
//! checks that), and the bytes are untrusted input best checked where the tensors are made.
//! Deflate itself is `miniz_oxide` (the inflater and deflater behind `flate2`, no unsafe
//! code), the CRC-32 is `crc32fast`; with this module, about 106 KiB of each `.wasm`. The
//! `zip` crate would add its own reader and writer (streams, encryption, other methods) on
//! top of the same deflate, for features an `.npz` never uses. Only the zip container is
//! parsed here, strictly:
//!
//! - sizes come from the central directory (ZIP64 extra fields and the ZIP64 end record
//!   read where NumPy or zip64 writers put them); every offset and size is checked against
//!   the file before use, and members may not overlap each other or the directory;
//! - a deflated member's declared size must agree with its `.npy` header (inflated first, a
//!   few kilobytes) and with deflate's largest possible ratio before its buffer is
//!   allocated, and inflating must give exactly that many bytes, with the declared CRC-32;
//! - encrypted, split or otherwise compressed members, duplicate keys, names that are not
//!   text and members that are not `.npy` arrays are refused.
//!
//! Every such refusal is `INVALID_ARGUMENT`; a member's own `.npy` errors keep their code.

use super::error::{quoted, Error, ErrorKind, Result};
use super::memory::out_of_memory;
use super::npy;
use super::tensor::Tensor;
use miniz_oxide::deflate::core::{
    compress_to_output, create_comp_flags_from_zip_params, CompressorOxide, TDEFLFlush, TDEFLStatus,
};
use miniz_oxide::inflate::core::{decompress, inflate_flags, DecompressorOxide};
use miniz_oxide::inflate::TINFLStatus;

const READ: &str = "fromNpz";
const WRITE: &str = "toNpz";

const LOCAL_HEADER: u32 = 0x0403_4b50;
const CENTRAL_HEADER: u32 = 0x0201_4b50;
const END_OF_DIRECTORY: u32 = 0x0605_4b50;
const ZIP64_END_OF_DIRECTORY: u32 = 0x0606_4b50;
const ZIP64_LOCATOR: u32 = 0x0706_4b50;
const ZIP64_EXTRA: u16 = 0x0001;

const LOCAL_HEADER_LEN: usize = 30;
const CENTRAL_HEADER_LEN: usize = 46;
const END_OF_DIRECTORY_LEN: usize = 22;
const ZIP64_END_LEN: usize = 56;
const ZIP64_LOCATOR_LEN: usize = 20;

const STORED: u16 = 0;
const DEFLATED: u16 = 8;
const FLAG_ENCRYPTED: u16 = 1;
const FLAG_UTF8: u16 = 0x800;

/// Deflate turns at most 2 bits into 258 bytes (a length-258 match), so a member cannot
/// inflate to more than 1032 times its compressed size (plus a block's slack).
const MAX_DEFLATE_RATIO: u64 = 1032;
const DEFLATE_SLACK: u64 = 1024;
/// How much of a deflated member is inflated before its `.npy` header is checked against its
/// declared size: NumPy refuses headers over 10000 bytes, so 64 KiB holds any it reads.
const HEADER_PROBE: usize = 65_536;

/// Python's `zipfile` limits (`ZIP64_LIMIT`, `ZIP_FILECOUNT_LIMIT`): past them it writes
/// ZIP64 records in the central directory and at the end.
const ZIP64_LIMIT: u64 = (1 << 31) - 1;
const ZIP_FILECOUNT_LIMIT: usize = 0xffff;
/// 1980-01-01 00:00 in MS-DOS form: NumPy 2.4's date for every member.
const DOS_DATE: u16 = 0x21;
const DOS_TIME: u16 = 0;
/// Version 4.5 (ZIP64), made on Unix, file mode 0o600: what Python's `zipfile` writes.
const VERSION_NEEDED: u16 = 45;
const VERSION_MADE_BY: u16 = 45 | (3 << 8);
const EXTERNAL_ATTRIBUTES: u32 = 0o600 << 16;

fn bad(message: impl Into<String>) -> Error {
    Error::new(ErrorKind::InvalidArgument, READ, message)
}

/// Little-endian reads that fail instead of panicking past the end.
fn field<const N: usize>(bytes: &[u8], at: usize, what: &str) -> Result<[u8; N]> {
    at.checked_add(N)
        .and_then(|end| bytes.get(at..end))
        .and_then(|s| <[u8; N]>::try_from(s).ok())
        .ok_or_else(|| bad(format!("truncated archive ({what} runs past the end)")))
}
fn u16_at(bytes: &[u8], at: usize, what: &str) -> Result<u16> {
    field(bytes, at, what).map(u16::from_le_bytes)
}
fn u32_at(bytes: &[u8], at: usize, what: &str) -> Result<u32> {
    field(bytes, at, what).map(u32::from_le_bytes)
}
fn u64_at(bytes: &[u8], at: usize, what: &str) -> Result<u64> {
    field(bytes, at, what).map(u64::from_le_bytes)
}

/// An offset or size from the archive as an index into it.
fn index(value: u64, what: &str) -> Result<usize> {
    usize::try_from(value).map_err(|_| bad(format!("{what} {value} is past the end")))
}

/// Where the central directory is: `(entries, start, end)`, `end` being the first byte after
/// it, which is no later than the end records that follow it.
fn central_directory(bytes: &[u8]) -> Result<(u64, usize, usize)> {
    // The end record is the last 22 bytes, or earlier by the length of a comment (at most
    // 65535 bytes) that must reach exactly to the end of the file.
    let last = bytes
        .len()
        .checked_sub(END_OF_DIRECTORY_LEN)
        .ok_or_else(|| bad("not a zip archive (too short for an end-of-directory record)"))?;
    let first = last.saturating_sub(0xffff);
    let end = (first..=last)
        .rev()
        .find(|&at| {
            u32_at(bytes, at, "").ok() == Some(END_OF_DIRECTORY)
                && u16_at(bytes, at + 20, "").ok().map(usize::from)
                    == Some(bytes.len() - at - END_OF_DIRECTORY_LEN)
        })
        .ok_or_else(|| bad("not a zip archive (no end-of-directory record)"))?;
    let disk = u16_at(bytes, end + 4, "end record")?;
    let directory_disk = u16_at(bytes, end + 6, "end record")?;
    let entries_here = u16_at(bytes, end + 8, "end record")?;
    let mut entries = u64::from(u16_at(bytes, end + 10, "end record")?);
    let mut size = u64::from(u32_at(bytes, end + 12, "end record")?);
    let mut offset = u64::from(u32_at(bytes, end + 16, "end record")?);
    let mut limit = end;
    let locator = end.checked_sub(ZIP64_LOCATOR_LEN);
    let zip64 = locator.filter(|&at| u32_at(bytes, at, "").ok() == Some(ZIP64_LOCATOR));
    if let Some(at) = zip64 {
        // As Python's zipfile: a ZIP64 locator before the end record points at the ZIP64
        // end record, whose counts and offsets replace the 16- and 32-bit ones.
        if u32_at(bytes, at + 4, "ZIP64 locator")? != 0
            || u32_at(bytes, at + 16, "ZIP64 locator")? > 1
        {
            return Err(bad("split (multi-disk) archives are not supported"));
        }
        let record = index(u64_at(bytes, at + 8, "ZIP64 locator")?, "ZIP64 end record")?;
        if record.checked_add(ZIP64_END_LEN).is_none_or(|e| e > at)
            || u32_at(bytes, record, "ZIP64 end record")? != ZIP64_END_OF_DIRECTORY
        {
            return Err(bad("the ZIP64 locator points at no ZIP64 end record"));
        }
        if u32_at(bytes, record + 16, "ZIP64 end record")? != 0
            || u32_at(bytes, record + 20, "ZIP64 end record")? != 0
            || u64_at(bytes, record + 24, "ZIP64 end record")?
                != u64_at(bytes, record + 32, "ZIP64 end record")?
        {
            return Err(bad("split (multi-disk) archives are not supported"));
        }
        entries = u64_at(bytes, record + 32, "ZIP64 end record")?;
        size = u64_at(bytes, record + 40, "ZIP64 end record")?;
        offset = u64_at(bytes, record + 48, "ZIP64 end record")?;
        limit = record;
    } else if disk != 0 || directory_disk != 0 || entries_here != entries as u16 {
        return Err(bad("split (multi-disk) archives are not supported"));
    }
    let start = index(offset, "central directory offset")?;
    let stop = start
        .checked_add(index(size, "central directory size")?)
        .filter(|&stop| stop <= limit)
        .ok_or_else(|| bad("the central directory runs past the end records"))?;
    // Each entry takes at least 46 bytes: a lying count allocates nothing.
    if entries > ((stop - start) / CENTRAL_HEADER_LEN) as u64 {
        return Err(bad(format!(
            "{entries} entries cannot fit a {}-byte central directory",
            stop - start
        )));
    }
    Ok((entries, start, stop))
}

/// One member as the central directory describes it.
struct Entry {
    key: String,
    method: u16,
    crc: u32,
    uncompressed: u64,
    /// Where the local header starts and the data starts and ends.
    header: usize,
    data: usize,
    data_end: usize,
}

/// The ZIP64 extra field's values replace, in this order, the 32-bit fields that hold
/// 0xFFFFFFFF: uncompressed size, compressed size, local header offset.
fn zip64_values(extra: &[u8], wanted: [bool; 3]) -> Result<[Option<u64>; 3]> {
    let mut at = 0;
    while at + 4 <= extra.len() {
        let tag = u16_at(extra, at, "extra field")?;
        let len = usize::from(u16_at(extra, at + 2, "extra field")?);
        let body = extra
            .get(at + 4..at + 4 + len)
            .ok_or_else(|| bad("an extra field runs past its entry"))?;
        if tag == ZIP64_EXTRA {
            let mut out = [None; 3];
            let mut pos = 0;
            for (slot, want) in out.iter_mut().zip(wanted) {
                if want {
                    *slot = Some(u64_at(body, pos, "ZIP64 extra field")?);
                    pos += 8;
                }
            }
            return Ok(out);
        }
        at += 4 + len;
    }
    if wanted.iter().any(|&w| w) {
        return Err(bad(
            "a size or offset of 0xFFFFFFFF has no ZIP64 extra field",
        ));
    }
    Ok([None; 3])
}

/// CP437, the zip default for names without the UTF-8 flag, from 0x80 on (as Python reads).
const CP437_HIGH: &str = "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u{a0}";

fn decode_name(raw: &[u8], flags: u16) -> Result<String> {
    if flags & FLAG_UTF8 != 0 {
        return String::from_utf8(raw.to_vec())
            .map_err(|_| bad("a member name flagged UTF-8 is not UTF-8"));
    }
    Ok(raw
        .iter()
        .map(|&b| match b {
            0..=0x7f => char::from(b),
            _ => CP437_HIGH
                .chars()
                .nth(usize::from(b - 0x80))
                .unwrap_or(char::REPLACEMENT_CHARACTER),
        })
        .collect())
}

fn entries(bytes: &[u8]) -> Result<Vec<Entry>> {
    let (count, start, stop) = central_directory(bytes)?;
    let directory = &bytes[..stop];
    let mut out = Vec::with_capacity(count as usize);
    let mut at = start;
    for _ in 0..count {
        if u32_at(directory, at, "central directory")? != CENTRAL_HEADER {
            return Err(bad("a central directory entry has a bad signature"));
        }
        let flags = u16_at(directory, at + 8, "central directory")?;
        let method = u16_at(directory, at + 10, "central directory")?;
        let crc = u32_at(directory, at + 16, "central directory")?;
        let compressed32 = u32_at(directory, at + 20, "central directory")?;
        let uncompressed32 = u32_at(directory, at + 24, "central directory")?;
        let name_len = usize::from(u16_at(directory, at + 28, "central directory")?);
        let extra_len = usize::from(u16_at(directory, at + 30, "central directory")?);
        let comment_len = usize::from(u16_at(directory, at + 32, "central directory")?);
        let disk = u16_at(directory, at + 34, "central directory")?;
        let header32 = u32_at(directory, at + 42, "central directory")?;
        let name_at = at + CENTRAL_HEADER_LEN;
        let next = name_at + name_len + extra_len + comment_len;
        let raw_name = directory
            .get(name_at..name_at + name_len)
            .ok_or_else(|| bad("a central directory entry runs past the directory"))?;
        let extra = directory
            .get(name_at + name_len..name_at + name_len + extra_len)
            .ok_or_else(|| bad("a central directory entry runs past the directory"))?;
        if next > stop {
            return Err(bad("a central directory entry runs past the directory"));
        }
        let name = decode_name(raw_name, flags)?;
        let shown = quoted(&name);
        let wide = [uncompressed32, compressed32, header32].map(|v| v == u32::MAX);
        let [uncompressed, compressed, header] = zip64_values(extra, wide)?;
        let uncompressed = uncompressed.unwrap_or(u64::from(uncompressed32));
        let compressed = index(
            compressed.unwrap_or(u64::from(compressed32)),
            "compressed size",
        )?;
        let header = index(header.unwrap_or(u64::from(header32)), "member offset")
            .ok()
            .filter(|&h| h < start)
            .ok_or_else(|| bad(format!("member {shown} starts past the central directory")))?;
        if disk != 0 && disk != u16::MAX {
            return Err(bad("split (multi-disk) archives are not supported"));
        }
        if flags & FLAG_ENCRYPTED != 0 {
            return Err(bad(format!("member {shown} is encrypted")));
        }
        match method {
            STORED if uncompressed != compressed as u64 => {
                return Err(bad(format!(
                    "stored member {shown} declares {compressed} bytes stored but {uncompressed} bytes of content"
                )))
            }
            STORED => {}
            DEFLATED
                if uncompressed
                    > (compressed as u64)
                        .saturating_mul(MAX_DEFLATE_RATIO)
                        .saturating_add(DEFLATE_SLACK) =>
            {
                return Err(bad(format!(
                    "member {shown} declares {uncompressed} bytes, more than {compressed} deflated bytes can hold"
                )))
            }
            DEFLATED => {}
            other => {
                return Err(bad(format!(
                    "member {shown} uses compression method {other}; .npz members are stored or deflated"
                )))
            }
        }
        // The local header repeats the name; its own extra field may differ in length.
        if u32_at(bytes, header, "local header")? != LOCAL_HEADER {
            return Err(bad(format!(
                "member {shown} has no local header where the directory says"
            )));
        }
        let local_name_len = usize::from(u16_at(bytes, header + 26, "local header")?);
        let local_extra_len = usize::from(u16_at(bytes, header + 28, "local header")?);
        let local_name_at = header + LOCAL_HEADER_LEN;
        if bytes.get(local_name_at..local_name_at + local_name_len) != Some(raw_name) {
            return Err(bad(format!(
                "member {shown}: the names in the directory and the local header differ"
            )));
        }
        let data = local_name_at + local_name_len + local_extra_len;
        let data_end = data
            .checked_add(compressed)
            .filter(|&end| end <= start)
            .ok_or_else(|| bad(format!("member {shown} runs past the central directory")))?;
        let key = match name.strip_suffix(".npy") {
            Some(key) => key.to_string(),
            None => name,
        };
        out.push(Entry {
            key,
            method,
            crc,
            uncompressed,
            header,
            data,
            data_end,
        });
        at = next;
    }
    // Overlapping members (one archive's bytes counted twice, the way zip bombs multiply)
    // and duplicate keys (which NumPy would silently resolve to one of them) are refused.
    let mut spans: Vec<(usize, usize)> = out.iter().map(|e| (e.header, e.data_end)).collect();
    spans.sort_unstable();
    if spans.windows(2).any(|w| w[1].0 < w[0].1) {
        return Err(bad("members overlap"));
    }
    let mut keys: Vec<&str> = out.iter().map(|e| e.key.as_str()).collect();
    keys.sort_unstable();
    if let Some(w) = keys.windows(2).find(|w| w[0] == w[1]) {
        return Err(bad(format!("two members have the key {}", quoted(w[0]))));
    }
    Ok(out)
}

fn zeroed(len: usize) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    out.try_reserve_exact(len)
        .map_err(|_| out_of_memory(READ, || format!("cannot allocate {len} bytes")))?;
    out.resize(len, 0);
    Ok(out)
}

/// Inflates `input` into `out` from `written` on: `(status, input bytes read, bytes written so far)`.
fn inflate_into(
    state: &mut DecompressorOxide,
    input: &[u8],
    out: &mut [u8],
    written: usize,
) -> (TINFLStatus, usize, usize) {
    let flags = inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
    let (status, read, wrote) = decompress(state, input, out, written, flags);
    (status, read, written + wrote)
}

/// A member's `.npy` bytes: stored ones borrowed, deflated ones inflated within the bounds.
fn member_bytes<'a>(bytes: &'a [u8], entry: &Entry) -> Result<std::borrow::Cow<'a, [u8]>> {
    let shown = quoted(&entry.key);
    let raw = &bytes[entry.data..entry.data_end];
    let content = if entry.method == STORED {
        check_extent(raw, raw.len() as u64, &shown)?;
        std::borrow::Cow::Borrowed(raw)
    } else {
        let declared = index(entry.uncompressed, "uncompressed size")?;
        let mut state = Box::<DecompressorOxide>::default();
        // First the header, to hold the declared size against the shape it describes.
        let mut out = zeroed(declared.min(HEADER_PROBE))?;
        let (mut status, read, mut written) = inflate_into(&mut state, raw, &mut out, 0);
        if status == TINFLStatus::HasMoreOutput {
            check_extent(&out, entry.uncompressed, &shown)?;
            let mut full = zeroed(declared)?;
            full[..written].copy_from_slice(&out[..written]);
            out = full;
            (status, _, written) = inflate_into(
                &mut state,
                raw.get(read..).unwrap_or_default(),
                &mut out,
                written,
            );
        }
        match status {
            TINFLStatus::Done if written == declared => {}
            TINFLStatus::Done => {
                return Err(bad(format!(
                    "member {shown} inflates to {written} bytes, not the {declared} it declares"
                )))
            }
            TINFLStatus::HasMoreOutput => {
                return Err(bad(format!(
                    "member {shown} inflates to more than the {declared} bytes it declares"
                )))
            }
            TINFLStatus::FailedCannotMakeProgress | TINFLStatus::NeedsMoreInput => {
                return Err(bad(format!("member {shown}: truncated deflate data")))
            }
            _ => return Err(bad(format!("member {shown}: invalid deflate data"))),
        }
        if declared <= HEADER_PROBE {
            // All of it fitted the probe: its header was not checked yet.
            check_extent(&out, entry.uncompressed, &shown)?;
        }
        std::borrow::Cow::Owned(out)
    };
    if crc32fast::hash(&content) != entry.crc {
        return Err(bad(format!("member {shown} fails its CRC-32 check")));
    }
    Ok(content)
}

/// The member's `.npy` header, in `prefix`, must describe exactly `declared` bytes.
fn check_extent(prefix: &[u8], declared: u64, shown: &str) -> Result<()> {
    // A descriptor ExTensor has no dtype for stays DTYPE; any other header fault (a shape
    // too large to hold, say) is the archive's.
    let needed = npy::extent(prefix).map_err(|e| match e.kind() {
        ErrorKind::DType => in_member(e, shown),
        _ => bad(format!("member {shown}: {}", e.message())),
    })?;
    if needed as u64 != declared {
        return Err(bad(format!(
            "member {shown} declares {declared} bytes but its .npy header describes {needed}"
        )));
    }
    Ok(())
}

fn in_member(e: Error, shown: &str) -> Error {
    let kind = match e.kind() {
        // Data that disagrees with its header is a malformed archive here.
        ErrorKind::ShapeMismatch => ErrorKind::InvalidArgument,
        kind => kind,
    };
    Error::new(kind, READ, format!("member {shown}: {}", e.message()))
}

/// Reads a `.npz` archive: its arrays in archive order, each with its key (the member name
/// without `.npy`, as `numpy.load(...).files`).
///
/// ```
/// use extensor::core::{DType, Tensor};
/// let a = Tensor::arange(0.0, 3.0, 1.0, DType::Int32).unwrap();
/// let b = Tensor::zeros(&[2, 2], DType::Float64).unwrap();
/// let bytes = extensor::core::to_npz(&[("a", &a), ("b", &b)], true).unwrap();
/// let back = extensor::core::from_npz(&bytes).unwrap();
/// assert_eq!(back[0].0, "a");
/// assert_eq!(back[0].1.to_vec::<i32>().unwrap(), vec![0, 1, 2]);
/// assert_eq!((back[1].0.as_str(), back[1].1.shape()), ("b", &[2, 2][..]));
/// ```
pub fn from_npz(bytes: &[u8]) -> Result<Vec<(String, Tensor)>> {
    let entries = entries(bytes)?;
    let mut out = Vec::new();
    out.try_reserve_exact(entries.len())
        .map_err(|_| out_of_memory(READ, || "cannot allocate the member list".into()))?;
    for entry in entries {
        let content = member_bytes(bytes, &entry)?;
        let shown = quoted(&entry.key);
        let tensor = Tensor::from_npy(&content).map_err(|e| in_member(e, &shown))?;
        out.push((entry.key, tensor));
    }
    Ok(out)
}

fn deflate(data: &[u8]) -> Result<Vec<u8>> {
    // zlib's default level (6) and raw deflate (negative window bits), as savez_compressed.
    let flags = create_comp_flags_from_zip_params(6, -15, 0);
    let mut compressor = Box::new(CompressorOxide::new(flags));
    let mut out: Vec<u8> = Vec::new();
    let (status, _) = compress_to_output(&mut compressor, data, TDEFLFlush::Finish, |chunk| {
        out.try_reserve(chunk.len()).is_ok() && {
            out.extend_from_slice(chunk);
            true
        }
    });
    match status {
        TDEFLStatus::Done => Ok(out),
        _ => Err(out_of_memory(WRITE, || {
            "cannot allocate the compressed data".into()
        })),
    }
}

/// One member ready to be written.
struct Written {
    name: Vec<u8>,
    utf8: bool,
    crc: u32,
    size: u64,
    data: Vec<u8>,
    method: u16,
}

fn push_u16(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}
fn push_u32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}
fn push_u64(out: &mut Vec<u8>, v: u64) {
    out.extend_from_slice(&v.to_le_bytes());
}
/// A 32-bit field that holds 0xFFFFFFFF when its value lives in a ZIP64 field.
fn narrow(v: u64) -> u32 {
    u32::try_from(v).unwrap_or(u32::MAX)
}

/// The bytes of a `.npz` archive of `members` (key, tensor) as `numpy.savez` writes it
/// (`compress`: as `numpy.savez_compressed`). Each member is `<key>.npy`, in the order given.
///
/// Errors: `INVALID_ARGUMENT` for a repeated key or one longer than a zip name can be;
/// `DTYPE` for bfloat16 (no `.npy` descriptor); `OUT_OF_MEMORY`.
///
/// ```
/// use extensor::core::{DType, Tensor};
/// let t = Tensor::zeros(&[2, 3], DType::Float32).unwrap();
/// let bytes = extensor::core::to_npz(&[("weights", &t)], false).unwrap();
/// assert_eq!(&bytes[..4], b"PK\x03\x04");
/// ```
pub fn to_npz(members: &[(&str, &Tensor)], compress: bool) -> Result<Vec<u8>> {
    let mut written = Vec::new();
    let mut keys: Vec<&str> = members.iter().map(|(k, _)| *k).collect();
    keys.sort_unstable();
    if let Some(w) = keys.windows(2).find(|w| w[0] == w[1]) {
        return Err(Error::new(
            ErrorKind::InvalidArgument,
            WRITE,
            format!("the key {} is given twice", quoted(w[0])),
        ));
    }
    for &(key, tensor) in members {
        let name = format!("{key}.npy").into_bytes();
        if name.len() > usize::from(u16::MAX) {
            return Err(Error::new(
                ErrorKind::InvalidArgument,
                WRITE,
                format!("the key {} is too long for a zip member name", quoted(key)),
            ));
        }
        let npy = tensor.to_npy().map_err(|e| {
            Error::new(
                e.kind(),
                WRITE,
                format!("member {}: {}", quoted(key), e.message()),
            )
        })?;
        let crc = crc32fast::hash(&npy);
        let size = npy.len() as u64;
        let (data, method) = if compress {
            (deflate(&npy)?, DEFLATED)
        } else {
            (npy, STORED)
        };
        written.push(Written {
            utf8: !key.is_ascii(),
            name,
            crc,
            size,
            data,
            method,
        });
    }
    let total = written.iter().try_fold(END_OF_DIRECTORY_LEN, |sum, w| {
        sum.checked_add(
            LOCAL_HEADER_LEN + 20 + CENTRAL_HEADER_LEN + 28 + 2 * w.name.len() + w.data.len(),
        )
    });
    let mut out = Vec::new();
    total
        .and_then(|t| t.checked_add(ZIP64_END_LEN + ZIP64_LOCATOR_LEN))
        .and_then(|t| out.try_reserve_exact(t).ok())
        .ok_or_else(|| out_of_memory(WRITE, || "cannot allocate the archive".into()))?;
    let mut offsets = Vec::with_capacity(written.len());
    for w in &written {
        offsets.push(out.len() as u64);
        let flags = if w.utf8 { FLAG_UTF8 } else { 0 };
        push_u32(&mut out, LOCAL_HEADER);
        push_u16(&mut out, VERSION_NEEDED);
        push_u16(&mut out, flags);
        push_u16(&mut out, w.method);
        push_u16(&mut out, DOS_TIME);
        push_u16(&mut out, DOS_DATE);
        push_u32(&mut out, w.crc);
        // NumPy opens every member with force_zip64: sizes live in the ZIP64 extra field.
        push_u32(&mut out, u32::MAX);
        push_u32(&mut out, u32::MAX);
        push_u16(&mut out, w.name.len() as u16);
        push_u16(&mut out, 20);
        out.extend_from_slice(&w.name);
        push_u16(&mut out, ZIP64_EXTRA);
        push_u16(&mut out, 16);
        push_u64(&mut out, w.size);
        push_u64(&mut out, w.data.len() as u64);
        out.extend_from_slice(&w.data);
    }
    let directory_start = out.len() as u64;
    for (w, &offset) in written.iter().zip(&offsets) {
        let compressed = w.data.len() as u64;
        let wide_sizes = w.size > ZIP64_LIMIT || compressed > ZIP64_LIMIT;
        let wide_offset = offset > ZIP64_LIMIT;
        let mut extra = Vec::new();
        if wide_sizes {
            push_u64(&mut extra, w.size);
            push_u64(&mut extra, compressed);
        }
        if wide_offset {
            push_u64(&mut extra, offset);
        }
        push_u32(&mut out, CENTRAL_HEADER);
        push_u16(&mut out, VERSION_MADE_BY);
        push_u16(&mut out, VERSION_NEEDED);
        push_u16(&mut out, if w.utf8 { FLAG_UTF8 } else { 0 });
        push_u16(&mut out, w.method);
        push_u16(&mut out, DOS_TIME);
        push_u16(&mut out, DOS_DATE);
        push_u32(&mut out, w.crc);
        push_u32(
            &mut out,
            if wide_sizes {
                u32::MAX
            } else {
                narrow(compressed)
            },
        );
        push_u32(&mut out, if wide_sizes { u32::MAX } else { narrow(w.size) });
        push_u16(&mut out, w.name.len() as u16);
        push_u16(
            &mut out,
            if extra.is_empty() {
                0
            } else {
                extra.len() as u16 + 4
            },
        );
        push_u16(&mut out, 0); // comment
        push_u16(&mut out, 0); // disk
        push_u16(&mut out, 0); // internal attributes
        push_u32(&mut out, EXTERNAL_ATTRIBUTES);
        push_u32(
            &mut out,
            if wide_offset {
                u32::MAX
            } else {
                narrow(offset)
            },
        );
        out.extend_from_slice(&w.name);
        if !extra.is_empty() {
            push_u16(&mut out, ZIP64_EXTRA);
            push_u16(&mut out, extra.len() as u16);
            out.extend_from_slice(&extra);
        }
    }
    let directory_end = out.len() as u64;
    let directory_size = directory_end - directory_start;
    let count = written.len();
    if count > ZIP_FILECOUNT_LIMIT || directory_start > ZIP64_LIMIT || directory_size > ZIP64_LIMIT
    {
        push_u32(&mut out, ZIP64_END_OF_DIRECTORY);
        push_u64(&mut out, 44);
        push_u16(&mut out, VERSION_NEEDED);
        push_u16(&mut out, VERSION_NEEDED);
        push_u32(&mut out, 0);
        push_u32(&mut out, 0);
        push_u64(&mut out, count as u64);
        push_u64(&mut out, count as u64);
        push_u64(&mut out, directory_size);
        push_u64(&mut out, directory_start);
        push_u32(&mut out, ZIP64_LOCATOR);
        push_u32(&mut out, 0);
        push_u64(&mut out, directory_end);
        push_u32(&mut out, 1);
    }
    let count16 = u16::try_from(count).unwrap_or(u16::MAX);
    push_u32(&mut out, END_OF_DIRECTORY);
    push_u16(&mut out, 0);
    push_u16(&mut out, 0);
    push_u16(&mut out, count16);
    push_u16(&mut out, count16);
    push_u32(&mut out, narrow(directory_size));
    push_u32(&mut out, narrow(directory_start));
    push_u16(&mut out, 0);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::DType;

    fn sample() -> Vec<(String, Tensor)> {
        let mut out = Vec::new();
        // Under Miri, where deflating each member takes seconds, two dtypes stand for all.
        let dtypes: &[DType] = if cfg!(miri) {
            &[DType::Int64, DType::Float16]
        } else {
            &DType::ALL
        };
        for &dtype in dtypes {
            if dtype == DType::BFloat16 {
                continue;
            }
            let t = Tensor::arange(0.0, 6.0, 1.0, dtype)
                .unwrap()
                .reshape(&[2, 3])
                .unwrap();
            out.push((format!("{dtype}"), t));
        }
        out.push((
            "0-d".into(),
            Tensor::full(&[], crate::core::Scalar::Float(2.5), DType::Float64).unwrap(),
        ));
        out.push((
            "empty".into(),
            Tensor::zeros(&[0, 3], DType::UInt16).unwrap(),
        ));
        out.push((
            "grüße/é".into(),
            Tensor::full(&[1], crate::core::Scalar::Bool(true), DType::Bool).unwrap(),
        ));
        out
    }

    fn archive(compress: bool) -> Vec<u8> {
        let members = sample();
        let refs: Vec<(&str, &Tensor)> = members.iter().map(|(k, t)| (k.as_str(), t)).collect();
        to_npz(&refs, compress).unwrap()
    }

    fn code(bytes: &[u8]) -> &'static str {
        from_npz(bytes).map(|_| "ok").unwrap_or_else(|e| e.code())
    }

    #[test]
    fn stored_and_compressed_archives_round_trip_every_member_in_order() {
        for compress in [false, true] {
            let back = from_npz(&archive(compress)).unwrap();
            let want = sample();
            assert_eq!(back.len(), want.len());
            for ((key, t), (want_key, want_t)) in back.iter().zip(&want) {
                assert_eq!(key, want_key);
                assert_eq!((t.shape(), t.dtype()), (want_t.shape(), want_t.dtype()));
                assert_eq!(t.to_bytes().unwrap(), want_t.to_bytes().unwrap(), "{key}");
            }
        }
    }

    #[test]
    fn compressing_shrinks_repetitive_data() {
        let t = Tensor::zeros(&[1000], DType::Float64).unwrap();
        let stored = to_npz(&[("z", &t)], false).unwrap();
        let deflated = to_npz(&[("z", &t)], true).unwrap();
        assert!(deflated.len() * 10 < stored.len());
        assert_eq!(
            from_npz(&deflated).unwrap()[0].1.to_bytes().unwrap(),
            vec![0; 8000]
        );
    }

    #[test]
    fn an_empty_record_is_the_22_byte_archive_numpy_writes() {
        let bytes = to_npz(&[], false).unwrap();
        assert_eq!(bytes, b"PK\x05\x06\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0");
        assert!(from_npz(&bytes).unwrap().is_empty());
    }

    #[test]
    fn bfloat16_repeated_keys_and_overlong_keys_are_refused_when_writing() {
        let bf = Tensor::zeros(&[1], DType::BFloat16).unwrap();
        let f = Tensor::zeros(&[1], DType::Float32).unwrap();
        assert_eq!(to_npz(&[("b", &bf)], false).unwrap_err().code(), "DTYPE");
        let e = to_npz(&[("a", &f), ("a", &f)], true).unwrap_err();
        assert_eq!((e.code(), e.op()), ("INVALID_ARGUMENT", "toNpz"));
        let long = "k".repeat(70_000);
        assert_eq!(
            to_npz(&[(&long, &f)], false).unwrap_err().code(),
            "INVALID_ARGUMENT"
        );
    }

    /// The offsets of the (only or first) central directory entry and of the end record.
    fn directory(bytes: &[u8]) -> (usize, usize) {
        let end = bytes.len() - END_OF_DIRECTORY_LEN;
        let start = u32::from_le_bytes(bytes[end + 16..end + 20].try_into().unwrap()) as usize;
        (start, end)
    }

    fn one(compress: bool) -> Vec<u8> {
        let t = Tensor::arange(0.0, 40.0, 1.0, DType::Int32).unwrap();
        to_npz(&[("a", &t)], compress).unwrap()
    }

    fn put_u32(bytes: &mut [u8], at: usize, v: u32) {
        bytes[at..at + 4].copy_from_slice(&v.to_le_bytes());
    }

    #[test]
    fn lying_sizes_and_checksums_are_invalid_arguments() {
        for compress in [false, true] {
            let good = one(compress);
            let (cd, _) = directory(&good);
            let declared = u32::from_le_bytes(good[cd + 24..cd + 28].try_into().unwrap());
            let compressed = u32::from_le_bytes(good[cd + 20..cd + 24].try_into().unwrap());
            for (at, value) in [
                (cd + 16, 0xdead_beef),  // CRC-32
                (cd + 24, declared + 1), // uncompressed size
                (cd + 24, declared - 1),
                (cd + 24, u32::MAX - 1),   // a bomb's claim
                (cd + 20, compressed + 1), // compressed size
                (cd + 20, compressed - 1),
                (cd + 20, 0x7fff_0000),
                (cd + 42, 1), // local header offset
                (cd + 42, 0x7fff_ffff),
            ] {
                let mut bad = good.clone();
                put_u32(&mut bad, at, value);
                assert_eq!(
                    code(&bad),
                    "INVALID_ARGUMENT",
                    "field at {at} = {value}, compress {compress}"
                );
            }
        }
    }

    #[test]
    fn every_truncation_is_an_error() {
        for compress in [false, true] {
            let good = one(compress);
            let step = if cfg!(miri) { 97 } else { 1 };
            for len in (0..good.len()).step_by(step) {
                assert_eq!(code(&good[..len]), "INVALID_ARGUMENT", "first {len} bytes");
            }
        }
    }

    /// `data` as a deflate stream of stored blocks: valid deflate, made without the
    /// compressor (which is slow under Miri).
    fn stored_blocks(data: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        let chunks: Vec<&[u8]> = data.chunks(0xffff).collect();
        for (i, chunk) in chunks.iter().enumerate() {
            out.push(u8::from(i + 1 == chunks.len()));
            push_u16(&mut out, chunk.len() as u16);
            push_u16(&mut out, !(chunk.len() as u16));
            out.extend_from_slice(chunk);
        }
        out
    }

    #[test]
    fn a_deflated_member_that_inflates_past_its_npy_header_is_refused_before_allocating() {
        // A valid header for 4 int32s, then many zeros: the declared size matches the data,
        // not the header.
        let t = Tensor::zeros(&[4], DType::Int32).unwrap();
        let mut npy = t.to_npy().unwrap();
        // Past the header probe, so the probe's check is the one that refuses it.
        let padding = if cfg!(miri) {
            HEADER_PROBE + 100
        } else {
            1_000_000
        };
        npy.resize(npy.len() + padding, 0);
        let members = [Written {
            name: b"a.npy".to_vec(),
            utf8: false,
            crc: crc32fast::hash(&npy),
            size: npy.len() as u64,
            data: stored_blocks(&npy),
            method: DEFLATED,
        }];
        let bytes = assemble(&members);
        let e = from_npz(&bytes).unwrap_err();
        assert_eq!(e.code(), "INVALID_ARGUMENT");
        assert!(e.message().contains("header describes"), "{e}");
    }

    #[test]
    fn overlapping_members_and_duplicate_keys_are_refused() {
        let t = Tensor::zeros(&[2], DType::Int8).unwrap();
        let bytes = to_npz(&[("a", &t), ("b", &t)], false).unwrap();
        let (cd, _) = directory(&bytes);
        let second = cd + CENTRAL_HEADER_LEN + 5;
        // Point the second entry at the first member (renaming it to match the local header).
        let mut overlap = bytes.clone();
        put_u32(&mut overlap, second + 42, 0);
        overlap[second + CENTRAL_HEADER_LEN] = b'a';
        assert!(from_npz(&overlap)
            .unwrap_err()
            .message()
            .contains("overlap"));
        // "b.npy" renamed "a.npy" in both headers: two members with one key.
        let mut dup = bytes.clone();
        let local =
            u32::from_le_bytes(bytes[second + 42..second + 46].try_into().unwrap()) as usize;
        dup[local + LOCAL_HEADER_LEN] = b'a';
        dup[second + CENTRAL_HEADER_LEN] = b'a';
        assert!(from_npz(&dup)
            .unwrap_err()
            .message()
            .contains("two members"));
    }

    #[test]
    fn names_decode_as_utf8_when_flagged_and_as_cp437_otherwise() {
        let t = Tensor::zeros(&[1], DType::Int8).unwrap();
        let bytes = to_npz(&[("\u{e9}", &t)], false).unwrap();
        assert_eq!(from_npz(&bytes).unwrap()[0].0, "\u{e9}");
        let (cd, _) = directory(&bytes);
        // Without the flag, the two UTF-8 bytes C3 A9 read as CP437 "├⌐".
        let mut cp437 = bytes.clone();
        cp437[cd + 9] = 0;
        cp437[7] = 0;
        assert_eq!(from_npz(&cp437).unwrap()[0].0, "\u{251c}\u{2310}");
        // With the flag, bytes that are not UTF-8 are refused.
        let mut invalid = bytes.clone();
        invalid[cd + CENTRAL_HEADER_LEN] = 0xff;
        invalid[LOCAL_HEADER_LEN] = 0xff;
        assert_eq!(code(&invalid), "INVALID_ARGUMENT");
    }

    #[test]
    fn encrypted_other_methods_and_non_npy_members_are_refused() {
        let good = one(false);
        let (cd, _) = directory(&good);
        let mut encrypted = good.clone();
        encrypted[cd + 8] |= 1;
        assert!(from_npz(&encrypted)
            .unwrap_err()
            .message()
            .contains("encrypted"));
        let mut bzip2 = good.clone();
        bzip2[cd + 10] = 12;
        assert!(from_npz(&bzip2)
            .unwrap_err()
            .message()
            .contains("method 12"));
        let text = Written {
            name: b"notes.txt".to_vec(),
            utf8: false,
            crc: crc32fast::hash(b"hello"),
            size: 5,
            data: b"hello".to_vec(),
            method: STORED,
        };
        let e = from_npz(&assemble(&[text])).unwrap_err();
        assert_eq!(e.code(), "INVALID_ARGUMENT");
        assert!(e.message().contains("notes.txt"), "{e}");
    }

    #[test]
    fn a_member_of_a_dtype_extensor_lacks_keeps_the_dtype_error() {
        let t = Tensor::zeros(&[1], DType::Float64).unwrap();
        let mut npy = t.to_npy().unwrap();
        let at = npy.windows(3).position(|w| w == b"<f8").unwrap();
        npy[at + 1] = b'c';
        let member = Written {
            name: b"c.npy".to_vec(),
            utf8: false,
            crc: crc32fast::hash(&npy),
            size: npy.len() as u64,
            data: npy,
            method: STORED,
        };
        let e = from_npz(&assemble(&[member])).unwrap_err();
        assert_eq!(e.code(), "DTYPE", "{e}");
    }

    /// A plain archive of prepared members (no ZIP64 fields), for contents to_npz never writes.
    fn assemble(members: &[Written]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut central = Vec::new();
        for w in members {
            let offset = out.len() as u32;
            for (buf, is_central) in [(&mut out, false), (&mut central, true)] {
                push_u32(
                    buf,
                    if is_central {
                        CENTRAL_HEADER
                    } else {
                        LOCAL_HEADER
                    },
                );
                if is_central {
                    push_u16(buf, VERSION_MADE_BY);
                }
                push_u16(buf, VERSION_NEEDED);
                push_u16(buf, if w.utf8 { FLAG_UTF8 } else { 0 });
                push_u16(buf, w.method);
                push_u16(buf, DOS_TIME);
                push_u16(buf, DOS_DATE);
                push_u32(buf, w.crc);
                push_u32(buf, w.data.len() as u32);
                push_u32(buf, w.size as u32);
                push_u16(buf, w.name.len() as u16);
                push_u16(buf, 0);
                if is_central {
                    buf.extend_from_slice(&[0; 10]);
                    push_u32(buf, offset);
                }
                buf.extend_from_slice(&w.name);
            }
            out.extend_from_slice(&w.data);
        }
        let start = out.len() as u32;
        out.extend_from_slice(&central);
        push_u32(&mut out, END_OF_DIRECTORY);
        push_u32(&mut out, 0);
        push_u16(&mut out, members.len() as u16);
        push_u16(&mut out, members.len() as u16);
        push_u32(&mut out, central.len() as u32);
        push_u32(&mut out, start);
        push_u16(&mut out, 0);
        out
    }

    #[test]
    fn zip64_extra_fields_and_end_records_are_read() {
        let good = one(true);
        let want = from_npz(&good).unwrap();
        let (cd, end) = directory(&good);
        // The central entry's sizes and offset moved into a ZIP64 extra field.
        let mut entry = good[cd..end].to_vec();
        let (compressed, uncompressed, offset) = (
            u32::from_le_bytes(entry[20..24].try_into().unwrap()),
            u32::from_le_bytes(entry[24..28].try_into().unwrap()),
            u32::from_le_bytes(entry[42..46].try_into().unwrap()),
        );
        for at in [20, 24, 42] {
            put_u32(&mut entry, at, u32::MAX);
        }
        entry[30..32].copy_from_slice(&32u16.to_le_bytes());
        // An unrelated extra field first, to be skipped.
        entry.extend_from_slice(&[0x55, 0x54, 0, 0]);
        entry.extend_from_slice(&[1, 0, 24, 0]);
        for v in [uncompressed, compressed, offset] {
            entry.extend_from_slice(&u64::from(v).to_le_bytes());
        }
        let mut bytes = good[..cd].to_vec();
        bytes.extend_from_slice(&entry);
        // The ZIP64 end record and locator, and an end record that defers to them.
        let record = bytes.len() as u64;
        push_u32(&mut bytes, ZIP64_END_OF_DIRECTORY);
        push_u64(&mut bytes, 44);
        push_u16(&mut bytes, 45);
        push_u16(&mut bytes, 45);
        push_u64(&mut bytes, 0);
        push_u64(&mut bytes, 1);
        push_u64(&mut bytes, 1);
        push_u64(&mut bytes, entry.len() as u64);
        push_u64(&mut bytes, cd as u64);
        push_u32(&mut bytes, ZIP64_LOCATOR);
        push_u32(&mut bytes, 0);
        push_u64(&mut bytes, record);
        push_u32(&mut bytes, 1);
        push_u32(&mut bytes, END_OF_DIRECTORY);
        push_u32(&mut bytes, 0);
        push_u16(&mut bytes, u16::MAX);
        push_u16(&mut bytes, u16::MAX);
        push_u32(&mut bytes, u32::MAX);
        push_u32(&mut bytes, u32::MAX);
        push_u16(&mut bytes, 0);
        let back = from_npz(&bytes).unwrap();
        assert_eq!(back[0].1.to_bytes().unwrap(), want[0].1.to_bytes().unwrap());
        // A field of 0xFFFFFFFF with no ZIP64 extra field to replace it is refused.
        let mut missing = good.clone();
        put_u32(&mut missing, cd + 24, u32::MAX);
        assert_eq!(code(&missing), "INVALID_ARGUMENT");
    }

    #[test]
    fn a_lying_entry_count_allocates_nothing_and_is_refused() {
        let mut bytes = one(false);
        let (_, end) = directory(&bytes);
        bytes[end + 8..end + 12].copy_from_slice(&[0xff, 0xff, 0xff, 0xff]);
        assert!(from_npz(&bytes)
            .unwrap_err()
            .message()
            .contains("cannot fit"));
    }

    #[test]
    fn random_mutations_give_ok_or_err_never_a_panic() {
        // xorshift: deterministic, so a failure reproduces.
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        // Under Miri a few rounds: this module and miniz_oxide have no unsafe code to check.
        let rounds = if cfg!(miri) { 3 } else { 3000 };
        for compress in [false, true] {
            let good = archive(compress);
            for _ in 0..rounds {
                let mut bytes = good.clone();
                for _ in 0..1 + next() % 4 {
                    let at = (next() % bytes.len() as u64) as usize;
                    match next() % 3 {
                        0 => bytes[at] = next() as u8,
                        1 => bytes[at] ^= 1 << (next() % 8),
                        _ => bytes[at] = [0, 0xff, 0x7f, 0x80][(next() % 4) as usize],
                    }
                }
                if next() % 8 == 0 {
                    let keep = (next() % bytes.len() as u64) as usize;
                    bytes.truncate(keep);
                }
                let _ = from_npz(&bytes);
            }
        }
    }
}
