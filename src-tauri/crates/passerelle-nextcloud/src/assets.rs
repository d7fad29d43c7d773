//! Small assets of the space itself (theming logo), fetched by the client so the UI never loads
//! a remote URL. Only the server's own origin, only images, and never more than a size cap.

use bytes::Bytes;
use reqwest::Method;
use url::Url;

use crate::client::{Client, Request, read_body};
use crate::error::{Error, Result};

/// Largest asset accepted, in bytes.
pub const MAX_ASSET_BYTES: usize = 512 * 1024;

/// An image fetched from the server.
#[derive(Debug, Clone)]
pub struct Asset {
    /// The content type the server gave (`image/svg+xml`, `image/png`…).
    pub content_type: String,
    /// The bytes.
    pub bytes: Bytes,
}

impl Asset {
    /// The asset as a `data:` URL.
    pub fn to_data_url(&self) -> String {
        use base64::Engine as _;
        let b64 = base64::engine::general_purpose::STANDARD.encode(&self.bytes);
        format!("data:{};base64,{b64}", self.content_type)
    }
}

impl Client {
    /// Fetches an image at `href` (absolute, or relative to the base URL), refusing other
    /// origins, non-image answers and anything over [`MAX_ASSET_BYTES`].
    pub async fn fetch_image(&self, href: &str) -> Result<Asset> {
        let base = self.base_url();
        let url = base
            .join(href)
            .map_err(|_| Error::protocol("invalid asset address"))?;
        if !same_origin(base, &url) {
            return Err(Error::protocol("asset on another site refused").with_url(&url));
        }
        let resp = self.send(Request::new(Method::GET, url.clone())).await?;
        let content_type = resp
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(|v| {
                v.split(';')
                    .next()
                    .unwrap_or_default()
                    .trim()
                    .to_ascii_lowercase()
            })
            .unwrap_or_default();
        if !content_type.starts_with("image/") {
            return Err(Error::protocol("the asset is not an image").with_url(&url));
        }
        if resp
            .content_length()
            .is_some_and(|n| n as usize > MAX_ASSET_BYTES)
        {
            return Err(Error::protocol("the asset is too large").with_url(&url));
        }
        let bytes = read_body(resp).await?;
        if bytes.len() > MAX_ASSET_BYTES {
            return Err(Error::protocol("the asset is too large").with_url(&url));
        }
        Ok(Asset {
            content_type,
            bytes,
        })
    }
}

fn same_origin(a: &Url, b: &Url) -> bool {
    a.scheme() == b.scheme()
        && a.host_str() == b.host_str()
        && a.port_or_known_default() == b.port_or_known_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_compared_with_default_ports() {
        let a = Url::parse("https://a.example/nc/").unwrap();
        assert!(same_origin(
            &a,
            &Url::parse("https://a.example:443/x.svg").unwrap()
        ));
        assert!(!same_origin(
            &a,
            &Url::parse("http://a.example/x.svg").unwrap()
        ));
        assert!(!same_origin(
            &a,
            &Url::parse("https://evil.example/x.svg").unwrap()
        ));
    }

    #[test]
    fn data_url_is_base64() {
        let asset = Asset {
            content_type: "image/svg+xml".into(),
            bytes: Bytes::from_static(b"<svg/>"),
        };
        assert_eq!(asset.to_data_url(), "data:image/svg+xml;base64,PHN2Zy8+");
    }
}
