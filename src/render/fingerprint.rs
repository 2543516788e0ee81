//! A page's fingerprint without JSON: a serde [`Serializer`](serde::Serializer) that feeds
//! the values of a context straight into a 128-bit XXH3 hash, with no escaping and no text
//! made.
//!
//! Each value goes in as a tag byte and its bytes; strings and byte strings are prefixed
//! by their length, and sequences, maps and structs are closed by a tag of their own, so
//! two contexts that serialise to different JSON always feed different streams (struct
//! field names and enum variant names go in as JSON has them; integers of different types
//! and `Some(())` against `None` are even told apart where JSON is not). The bytes are
//! gathered in a small buffer and hashed in blocks: fed to the hasher a few bytes at a time
//! the hashing would cost several times the serialising. (XXH3 in place of SipHash-1-3
//! since session 17: SipHash was 6 % of a one-edit build's page phase, `benches/README.md`.)

use serde::ser::{self, Serialize};
use xxhash_rust::xxh3::Xxh3;

/// Bytes gathered before they are hashed.
const BLOCK: usize = 8192;

/// The fingerprint of `value` after `template` (the template's name): with the same
/// theme and globals, two renders with the same fingerprint give the same bytes.
pub fn of<T: Serialize + ?Sized>(template: &str, value: &T) -> Result<u128, String> {
    let mut stream = Stream {
        hasher: Xxh3::new(),
        buf: Vec::with_capacity(BLOCK + 256),
    };
    stream.text(b's', template.as_bytes());
    value
        .serialize(&mut stream)
        .map_err(|e| format!("{template}: {}", e.0))?;
    stream.hasher.update(&stream.buf);
    Ok(stream.hasher.digest128())
}

struct Stream {
    hasher: Xxh3,
    buf: Vec<u8>,
}

impl Stream {
    fn byte(&mut self, tag: u8) {
        self.buf.push(tag);
    }

    fn tagged(&mut self, tag: u8, bytes: &[u8]) {
        self.buf.push(tag);
        self.buf.extend_from_slice(bytes);
        self.flush_if_full();
    }

    /// A string or byte string: its tag, its length and its bytes.
    fn text(&mut self, tag: u8, bytes: &[u8]) {
        self.buf.push(tag);
        self.buf
            .extend_from_slice(&(bytes.len() as u64).to_le_bytes());
        if bytes.len() >= BLOCK {
            self.hasher.update(&self.buf);
            self.buf.clear();
            self.hasher.update(bytes);
        } else {
            self.buf.extend_from_slice(bytes);
            self.flush_if_full();
        }
    }

    fn flush_if_full(&mut self) {
        if self.buf.len() >= BLOCK {
            self.hasher.update(&self.buf);
            self.buf.clear();
        }
    }
}

/// A custom error of a `Serialize` implementation (the stream itself cannot fail).
#[derive(Debug)]
pub struct Error(String);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

/// Tags: what each value starts with (and the ends of compound values).
mod tag {
    pub const BOOL: u8 = b'b';
    pub const INT: u8 = b'i';
    pub const UINT: u8 = b'u';
    pub const INT128: u8 = b'I';
    pub const UINT128: u8 = b'J';
    pub const FLOAT: u8 = b'f';
    pub const CHAR: u8 = b'c';
    pub const STR: u8 = b's';
    pub const BYTES: u8 = b'y';
    pub const NONE: u8 = b'N';
    pub const SOME: u8 = b'S';
    pub const UNIT: u8 = b'U';
    pub const VARIANT: u8 = b'V';
    pub const SEQ: u8 = b'[';
    pub const SEQ_END: u8 = b']';
    pub const MAP: u8 = b'{';
    pub const MAP_END: u8 = b'}';
}

impl ser::Serializer for &mut Stream {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.tagged(tag::BOOL, &[u8::from(v)]);
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        self.tagged(tag::INT, &v.to_le_bytes());
        Ok(())
    }
    fn serialize_i128(self, v: i128) -> Result<(), Error> {
        self.tagged(tag::INT128, &v.to_le_bytes());
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        self.tagged(tag::UINT, &v.to_le_bytes());
        Ok(())
    }
    fn serialize_u128(self, v: u128) -> Result<(), Error> {
        self.tagged(tag::UINT128, &v.to_le_bytes());
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        self.serialize_f64(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        self.tagged(tag::FLOAT, &v.to_bits().to_le_bytes());
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.tagged(tag::CHAR, &u32::from(v).to_le_bytes());
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.text(tag::STR, v.as_bytes());
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        self.text(tag::BYTES, v);
        Ok(())
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.byte(tag::NONE);
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        self.byte(tag::SOME);
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.byte(tag::UNIT);
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        // As JSON writes it: the variant's name as a string.
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.text(tag::VARIANT, variant.as_bytes());
        value.serialize(self)
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self, Error> {
        self.byte(tag::SEQ);
        Ok(self)
    }
    fn serialize_tuple(self, len: usize) -> Result<Self, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<Self, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self, Error> {
        self.text(tag::VARIANT, variant.as_bytes());
        self.byte(tag::SEQ);
        Ok(self)
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self, Error> {
        self.byte(tag::MAP);
        Ok(self)
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self, Error> {
        self.byte(tag::MAP);
        Ok(self)
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self, Error> {
        self.text(tag::VARIANT, variant.as_bytes());
        self.byte(tag::MAP);
        Ok(self)
    }
}

impl ser::SerializeSeq for &mut Stream {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(&mut **self)
    }
    fn end(self) -> Result<(), Error> {
        self.byte(tag::SEQ_END);
        Ok(())
    }
}

impl ser::SerializeTuple for &mut Stream {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(&mut **self)
    }
    fn end(self) -> Result<(), Error> {
        self.byte(tag::SEQ_END);
        Ok(())
    }
}

impl ser::SerializeTupleStruct for &mut Stream {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(&mut **self)
    }
    fn end(self) -> Result<(), Error> {
        self.byte(tag::SEQ_END);
        Ok(())
    }
}

impl ser::SerializeTupleVariant for &mut Stream {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(&mut **self)
    }
    fn end(self) -> Result<(), Error> {
        self.byte(tag::SEQ_END);
        Ok(())
    }
}

impl ser::SerializeMap for &mut Stream {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        key.serialize(&mut **self)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(&mut **self)
    }
    fn end(self) -> Result<(), Error> {
        self.byte(tag::MAP_END);
        Ok(())
    }
}

impl ser::SerializeStruct for &mut Stream {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.text(tag::STR, key.as_bytes());
        value.serialize(&mut **self)
    }
    fn end(self) -> Result<(), Error> {
        self.byte(tag::MAP_END);
        Ok(())
    }
}

impl ser::SerializeStructVariant for &mut Stream {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.text(tag::STR, key.as_bytes());
        value.serialize(&mut **self)
    }
    fn end(self) -> Result<(), Error> {
        self.byte(tag::MAP_END);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::of;
    use serde::Serialize;

    #[derive(Serialize)]
    struct Two<'a> {
        a: &'a str,
        b: &'a str,
    }

    #[test]
    fn the_same_context_gives_the_same_fingerprint() {
        let x = Two {
            a: "李", b: "秀英"
        };
        assert_eq!(of("deputy.html", &x), of("deputy.html", &x));
        assert_ne!(of("deputy.html", &x), of("area.html", &x));
    }

    #[test]
    fn where_one_string_ends_and_the_next_begins_counts() {
        // Concatenated, both are "ab": the lengths tell them apart.
        let one = of("t", &Two { a: "a", b: "b" });
        let other = of("t", &Two { a: "ab", b: "" });
        assert_ne!(one, other);
        assert_ne!(of("t", &vec!["a", "b"]), of("t", &vec!["ab"]));
        assert_ne!(
            of("t", &(vec!["a"], vec!["b"])),
            of("t", &(vec!["a", "b"], ()))
        );
    }

    #[test]
    fn what_json_tells_apart_the_fingerprint_tells_apart() {
        let values = [
            serde_json::json!(null),
            serde_json::json!(true),
            serde_json::json!(false),
            serde_json::json!(0),
            serde_json::json!(1),
            serde_json::json!(-1),
            serde_json::json!(1.5),
            serde_json::json!(""),
            serde_json::json!("0"),
            serde_json::json!([]),
            serde_json::json!([[]]),
            serde_json::json!([null]),
            serde_json::json!({}),
            serde_json::json!({"a": 1}),
            serde_json::json!({"a": "1"}),
            serde_json::json!({"b": 1}),
            serde_json::json!({"a": 1, "b": 2}),
            serde_json::json!([{"a": 1}, {"b": 2}]),
            serde_json::json!([{"a": 1, "b": 2}]),
        ];
        let prints: std::collections::BTreeSet<u128> =
            values.iter().map(|v| of("t", v).expect("print")).collect();
        assert_eq!(prints.len(), values.len());
    }

    #[test]
    fn a_long_string_is_hashed_whole_across_blocks() {
        let long = "页".repeat(10_000);
        let mut other = long.clone();
        other.push('x');
        assert_ne!(of("t", &long), of("t", &other));
        assert_eq!(of("t", &long), of("t", &long.clone()));
    }
}
