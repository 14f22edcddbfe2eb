//! Rendered `status/detail` bodies of one performance, keyed by exactly what
//! a session sees, with a lazily gzipped copy: 200 sessions polling an
//! unchanged map cost one render and one compression.

use std::sync::{Arc, Mutex, OnceLock};

use bytes::Bytes;

use crate::sync::lock;

/// How many distinct views of one performance are kept.
const ENTRIES: usize = 8;

#[derive(Debug)]
pub struct RenderedDetail {
    key: Vec<u8>,
    pub raw: Bytes,
    gzipped: OnceLock<Bytes>,
}

impl RenderedDetail {
    pub fn gzip(&self) -> Bytes {
        self.gzipped
            .get_or_init(|| {
                use std::io::Write;
                let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
                if encoder.write_all(&self.raw).is_err() {
                    return Bytes::new();
                }
                encoder.finish().map(Bytes::from).unwrap_or_default()
            })
            .clone()
    }
}

#[derive(Debug, Default)]
pub struct DetailCache {
    entries: Mutex<Vec<Arc<RenderedDetail>>>,
}

impl DetailCache {
    /// The body cached under `key`, or `render()`'s, which is then cached.
    pub fn get_or_render(&self, key: Vec<u8>, render: impl FnOnce() -> String) -> Arc<RenderedDetail> {
        if let Some(hit) = lock(&self.entries).iter().find(|entry| entry.key == key) {
            return hit.clone();
        }
        let rendered = Arc::new(RenderedDetail { key, raw: Bytes::from(render()), gzipped: OnceLock::new() });
        let mut entries = lock(&self.entries);
        entries.insert(0, rendered.clone());
        entries.truncate(ENTRIES);
        rendered
    }
}
