//! An element's size on screen, kept current by a ResizeObserver that is
//! disconnected when the element's component goes. Its size comes from the
//! observer's reports, made after a frame's layout and before its paint (so
//! what it shows is painted in that same frame): measuring at once would
//! force a layout of the whole page in the middle of a render.
//!
//! The map's first size is measured while the widget is still loading, on
//! the loading state's empty map of the same size (`LoadingMap`), and handed
//! to the map as `first`: the map then draws its seats in its first render,
//! in the same style and layout pass as everything else, instead of waiting
//! for its own observer's first report and laying the page out twice.

use seatmap_core::Viewport;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::prelude::*;

/// The size of the element behind `node` in CSS px, once it has one;
/// `first` until the observer's first report.
#[hook]
pub fn use_size(node: NodeRef, first: Option<Viewport>) -> Option<Viewport> {
    let size = use_state(|| first);
    {
        let size = size.clone();
        use_effect_with((), move |_| {
            let watch = node.cast::<Element>().and_then(|element| SizeWatch::new(&element, size));
            move || drop(watch)
        });
    }
    *size
}

struct SizeWatch {
    observer: web_sys::ResizeObserver,
    _callback: Closure<dyn FnMut()>,
}

impl SizeWatch {
    fn new(element: &Element, size: UseStateHandle<Option<Viewport>>) -> Option<SizeWatch> {
        let measure = {
            let element = element.clone();
            move || {
                let r = element.get_bounding_client_rect();
                let next = Viewport { width: r.width(), height: r.height() };
                if next.width > 0.0 && next.height > 0.0 && *size != Some(next) {
                    size.set(Some(next));
                }
            }
        };
        let callback = Closure::<dyn FnMut()>::new(measure);
        let observer = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()).ok()?;
        observer.observe(element);
        Some(SizeWatch { observer, _callback: callback })
    }
}

impl Drop for SizeWatch {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}
