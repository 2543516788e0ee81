//! Metadata stripping for published images: photos copied from `static/` lose their EXIF
//! and similar metadata (GPS position, camera, time, editing history), which can identify
//! where and when a constituent was photographed.
//!
//! JPEG: every APPn segment except APP0 (JFIF) and APP14 (Adobe colour transform, needed to
//! decode CMYK files) is dropped, as are comments; image data is copied untouched. PNG: the
//! `eXIf`, `tEXt`, `zTXt`, `iTXt` and `tIME` chunks are dropped. Other files are copied as
//! they are. A file that does not parse is copied unchanged rather than failing the build.

/// The bytes to publish for a static file named `rel`.
pub fn publishable(rel: &str, data: Vec<u8>) -> Vec<u8> {
    let lower = rel.to_ascii_lowercase();
    let out = if lower.ends_with(".jpg") || lower.ends_with(".jpeg") {
        jpeg(&data)
    } else if lower.ends_with(".png") {
        png(&data)
    } else {
        None
    };
    out.unwrap_or(data)
}

fn jpeg(d: &[u8]) -> Option<Vec<u8>> {
    if d.get(..2)? != [0xFF, 0xD8] {
        return None;
    }
    let mut out = Vec::with_capacity(d.len());
    out.extend_from_slice(&d[..2]);
    let mut i = 2;
    loop {
        if *d.get(i)? != 0xFF {
            return None;
        }
        let marker = *d.get(i + 1)?;
        if marker == 0xFF {
            i += 1; // fill byte
            continue;
        }
        // Start of scan: the rest is entropy-coded data and trailing markers; copy as is.
        if marker == 0xDA || marker == 0xD9 {
            out.extend_from_slice(&d[i..]);
            return Some(out);
        }
        let len = usize::from(*d.get(i + 2)?) << 8 | usize::from(*d.get(i + 3)?);
        let end = i
            .checked_add(2 + len)
            .filter(|&e| e <= d.len() && len >= 2)?;
        let drop = (0xE1..=0xEF).contains(&marker) && marker != 0xEE || marker == 0xFE;
        if !drop {
            out.extend_from_slice(&d[i..end]);
        }
        i = end;
    }
}

fn png(d: &[u8]) -> Option<Vec<u8>> {
    const SIG: [u8; 8] = [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
    if d.get(..8)? != SIG {
        return None;
    }
    let mut out = Vec::with_capacity(d.len());
    out.extend_from_slice(&SIG);
    let mut i = 8;
    while i < d.len() {
        let len = u32::from_be_bytes(d.get(i..i + 4)?.try_into().ok()?) as usize;
        let end = i.checked_add(12 + len).filter(|&e| e <= d.len())?;
        let kind = d.get(i + 4..i + 8)?;
        if !matches!(kind, b"eXIf" | b"tEXt" | b"zTXt" | b"iTXt" | b"tIME") {
            out.extend_from_slice(&d[i..end]);
        }
        i = end;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(marker: u8, body: &[u8]) -> Vec<u8> {
        let len = (body.len() + 2) as u16;
        let mut v = vec![0xFF, marker];
        v.extend_from_slice(&len.to_be_bytes());
        v.extend_from_slice(body);
        v
    }

    #[test]
    fn jpeg_loses_exif_and_comments_but_keeps_jfif_adobe_and_image_data() {
        let mut f = vec![0xFF, 0xD8];
        f.extend(seg(0xE0, b"JFIF\0\x01\x01"));
        f.extend(seg(0xE1, b"Exif\0\0GPS 34.44N 107.63E"));
        f.extend(seg(0xFE, b"taken by resident"));
        f.extend(seg(0xEE, b"Adobe"));
        f.extend(seg(0xDB, &[0; 65]));
        f.extend([0xFF, 0xDA, 0x00, 0x02, 0x12, 0x34, 0xFF, 0xD9]);
        let out = publishable("photos/a.JPG", f.clone());
        assert!(!out.windows(4).any(|w| w == b"Exif"));
        assert!(!out.windows(8).any(|w| w == b"resident"));
        assert!(out.windows(4).any(|w| w == b"JFIF") && out.windows(5).any(|w| w == b"Adobe"));
        assert!(out.ends_with(&[0xFF, 0xDA, 0x00, 0x02, 0x12, 0x34, 0xFF, 0xD9]));
        assert_eq!(
            out.len(),
            f.len()
                - seg(0xE1, b"Exif\0\0GPS 34.44N 107.63E").len()
                - seg(0xFE, b"taken by resident").len()
        );
    }

    #[test]
    fn png_loses_text_and_exif_chunks() {
        let chunk = |kind: &[u8], body: &[u8]| {
            let mut v = (body.len() as u32).to_be_bytes().to_vec();
            v.extend_from_slice(kind);
            v.extend_from_slice(body);
            v.extend_from_slice(&[0, 0, 0, 0]);
            v
        };
        let mut f = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
        f.extend(chunk(b"IHDR", &[0; 13]));
        f.extend(chunk(b"eXIf", b"MM\0*GPS"));
        f.extend(chunk(b"tEXt", b"Author\0Zhang"));
        f.extend(chunk(b"IDAT", &[1, 2, 3]));
        f.extend(chunk(b"IEND", &[]));
        let out = publishable("a.png", f);
        assert!(!out.windows(4).any(|w| w == b"eXIf" || w == b"tEXt"));
        assert!(out.windows(4).any(|w| w == b"IDAT") && out.windows(4).any(|w| w == b"IEND"));
    }

    #[test]
    fn broken_or_other_files_are_copied_unchanged() {
        assert_eq!(
            publishable("a.jpg", vec![0xFF, 0xD8, 0x00]),
            vec![0xFF, 0xD8, 0x00]
        );
        assert_eq!(publishable("a.svg", b"<svg/>".to_vec()), b"<svg/>".to_vec());
        assert_eq!(publishable("a.png", vec![1, 2]), vec![1, 2]);
    }
}
