#pragma once
// DICOM digital signatures (PS3.15 Annex C) via DCMTK dcmsign, RSA + SHA-256.
// The private key never leaves the caller's machine: signing happens where the key is.
#include <filesystem>
#include <string>

#include "dicom/model/DicomFile.h"

namespace countyread::dicom {

struct SigningIdentity {
    std::filesystem::path key_pem;   // PEM private key (may be password protected)
    std::string key_password;        // empty if the key is not encrypted
    std::string certificate_pem;     // the matching X.509 certificate, PEM text
};

// Adds a signature over the whole main dataset; returns the signed Part 10 file.
// Throws DicomError (bad key, wrong password, key/certificate mismatch...).
Bytes signDataset(const Bytes& part10, const SigningIdentity& identity);

struct VerificationResult {
    bool ok = false;
    std::string reason;             // human readable, filled when !ok
    std::string signer_subject;     // subject DN of the signing certificate
    std::string signature_datetime; // DICOM DT of the signature
};

// Verifies every signature in the file: each must be valid, cover the whole dataset,
// and be made with `expected_certificate_pem` (the certificate registered for the
// signer), which must be within its validity period.
VerificationResult verifySignatures(const Bytes& part10, const std::string& expected_certificate_pem);

}  // namespace countyread::dicom
