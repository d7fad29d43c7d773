//! TLS for the Nextcloud client: rustls (ring provider) with the platform's trust store
//! (`rustls-platform-verifier`, already pulled in by reqwest), plus an optional **pinned
//! certificate**: the SHA-256 fingerprint of a certificate the person accepted for that server.
//!
//! When a certificate is refused, the verifier remembers its fingerprint per host so the error
//! can show it and the UI can ask "trust this certificate?". This module must not weaken
//! verification in any other way (no "accept everything" switch).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::CryptoProvider;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{CertificateError, DigitallySignedStruct, SignatureScheme};

use crate::error::{Error, ErrorKind};
pub use crate::fingerprint::Fingerprint;

/// Certificates refused during handshakes, by host name, so errors can report them.
#[derive(Debug, Default)]
pub(crate) struct RejectedCerts(Mutex<HashMap<String, Fingerprint>>);

impl RejectedCerts {
    pub(crate) fn get(&self, host: &str) -> Option<Fingerprint> {
        self.0.lock().ok()?.get(host).copied()
    }

    fn record(&self, host: String, fp: Fingerprint) {
        if let Ok(mut map) = self.0.lock() {
            map.insert(host, fp);
        }
    }
}

/// Platform verification, or the pinned certificate, remembering what it refused.
#[derive(Debug)]
struct PinningVerifier {
    platform: rustls_platform_verifier::Verifier,
    pinned: Option<Fingerprint>,
    provider: Arc<CryptoProvider>,
    rejected: Arc<RejectedCerts>,
}

fn host_of(name: &ServerName<'_>) -> String {
    match name {
        ServerName::DnsName(d) => d.as_ref().to_ascii_lowercase(),
        ServerName::IpAddress(ip) => std::net::IpAddr::from(*ip).to_string(),
        _ => String::new(),
    }
}

impl ServerCertVerifier for PinningVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let fp = Fingerprint::of_der(end_entity.as_ref());
        // The pin is an extra trust anchor for this one certificate: a certificate the
        // platform trusts is still accepted (e.g. after the host got a public certificate).
        if self.pinned == Some(fp) {
            return Ok(ServerCertVerified::assertion());
        }
        match self.platform.verify_server_cert(
            end_entity,
            intermediates,
            server_name,
            ocsp_response,
            now,
        ) {
            Ok(ok) => Ok(ok),
            Err(e) => {
                self.rejected.record(host_of(server_name), fp);
                match e {
                    rustls::Error::InvalidCertificate(_) => Err(e),
                    _ => Err(rustls::Error::InvalidCertificate(
                        CertificateError::UnknownIssuer,
                    )),
                }
            }
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}

/// Build the rustls configuration handed to reqwest.
pub(crate) fn client_config(
    pinned: Option<Fingerprint>,
    rejected: Arc<RejectedCerts>,
) -> Result<rustls::ClientConfig, Error> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let tls_err = |e: rustls::Error| Error::new(ErrorKind::Tls).with_message(e.to_string());
    let platform = rustls_platform_verifier::Verifier::new(provider.clone()).map_err(tls_err)?;
    let verifier = PinningVerifier {
        platform,
        pinned,
        provider: provider.clone(),
        rejected,
    };
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(tls_err)?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(verifier))
        .with_no_client_auth();
    Ok(config)
}

/// Find a rustls error in an error chain (io::Error hides its payload from `source()`).
pub(crate) fn find_rustls_error<'a>(
    err: &'a (dyn std::error::Error + 'static),
) -> Option<&'a rustls::Error> {
    let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(e) = cur {
        if let Some(r) = e.downcast_ref::<rustls::Error>() {
            return Some(r);
        }
        if let Some(io) = e.downcast_ref::<std::io::Error>()
            && let Some(inner) = io.get_ref()
        {
            // io::Error hides its payload from `source()`, and may wrap another io::Error.
            cur = Some(inner as &(dyn std::error::Error + 'static));
            continue;
        }
        cur = e.source();
    }
    None
}
