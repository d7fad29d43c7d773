//! Running many requests at once, a bounded number at a time, as the strategies and the
//! verification do.

use std::future::Future;
use std::pin::Pin;

use futures_util::{Stream, StreamExt, stream};

/// A boxed future: work lists are built as these so the whole run stays `Send`.
pub(crate) type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Runs `futures` at most `n` at a time, yielding each result as it completes.
pub(crate) fn bounded<'a, T: 'a>(
    futures: Vec<BoxFuture<'a, T>>,
    n: usize,
) -> impl Stream<Item = T> + Send + 'a {
    stream::iter(futures).buffer_unordered(n.max(1))
}
