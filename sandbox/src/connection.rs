//! The server's connections: a TCP listener whose connections a request can
//! abort, so a fault can make the server close the connection without
//! answering — before or after doing the work — as a crashed proxy or a
//! broken network path would.

use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::extract::connect_info::Connected;
use axum::serve::{IncomingStream, Listener};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};

/// Accepts TCP connections that can be aborted from a request handler.
pub struct AbortableListener {
    inner: TcpListener,
}

impl AbortableListener {
    pub fn new(inner: TcpListener) -> Self {
        AbortableListener { inner }
    }
}

impl Listener for AbortableListener {
    type Io = AbortableStream;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        loop {
            match self.inner.accept().await {
                Ok((stream, address)) => {
                    // Small answers go out at once rather than waiting for more.
                    let _ = stream.set_nodelay(true);
                    return (AbortableStream { stream, aborted: Arc::default() }, address);
                }
                // Out of file descriptors and the like: wait instead of spinning.
                Err(_) => tokio::time::sleep(Duration::from_millis(20)).await,
            }
        }
    }

    fn local_addr(&self) -> io::Result<Self::Addr> {
        self.inner.local_addr()
    }
}

/// A TCP stream that fails every read and write once aborted, which makes
/// the HTTP server drop the connection without writing another byte.
pub struct AbortableStream {
    stream: TcpStream,
    aborted: Arc<AtomicBool>,
}

impl AbortableStream {
    fn check(&self) -> io::Result<()> {
        if self.aborted.load(Ordering::Acquire) {
            Err(io::Error::new(io::ErrorKind::ConnectionAborted, "connection dropped by an injected fault"))
        } else {
            Ok(())
        }
    }
}

impl AsyncRead for AbortableStream {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        self.check()?;
        Pin::new(&mut self.stream).poll_read(cx, buf)
    }
}

impl AsyncWrite for AbortableStream {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        self.check()?;
        Pin::new(&mut self.stream).poll_write(cx, buf)
    }

    // Vectored writes let hyper send a body without first copying it into
    // its own buffer.
    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        self.check()?;
        Pin::new(&mut self.stream).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.check()?;
        Pin::new(&mut self.stream).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_shutdown(cx)
    }
}

/// The peer of a connection, available to handlers as `ConnectInfo<Peer>`.
#[derive(Clone, Debug)]
pub struct Peer {
    pub address: SocketAddr,
    aborted: Arc<AtomicBool>,
}

impl Peer {
    /// Makes the server close this connection instead of sending the
    /// response being prepared.
    pub fn abort_connection(&self) {
        self.aborted.store(true, Ordering::Release);
    }
}

impl Connected<IncomingStream<'_, AbortableListener>> for Peer {
    fn connect_info(stream: IncomingStream<'_, AbortableListener>) -> Self {
        Peer { address: *stream.remote_addr(), aborted: stream.io().aborted.clone() }
    }
}
