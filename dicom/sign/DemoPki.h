#pragma once
// A small certificate authority for demos and tests: issues radiologist signing certificates
// (RSA 2048, SHA-256), backdated so dcmsign accepts signatures made right away.
#include <filesystem>
#include <string>

namespace countyread::dicom {

struct IssuedIdentity {
    std::filesystem::path key_pem;   // private key, AES-256 encrypted when a password is given
    std::filesystem::path cert_pem;  // certificate signed by the CA
    std::filesystem::path ca_pem;    // the CA certificate
};

class DemoPki {
public:
    // Creates the CA in `dir` (ca.key, ca.pem) unless it already exists there.
    explicit DemoPki(std::filesystem::path dir);

    // Issues <dir>/<name>.key and <dir>/<name>.pem. Validity starts `not_before_s` seconds from
    // now (negative = in the past) and lasts `valid_s` seconds.
    IssuedIdentity issue(const std::string& name, const std::string& common_name,
                         const std::string& key_password, long not_before_s = -86400,
                         long valid_s = 2L * 365 * 86400);

private:
    std::filesystem::path dir_;
};

}  // namespace countyread::dicom
