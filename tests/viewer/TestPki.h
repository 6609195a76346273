#pragma once
// A radiologist's signing identity for tests: RSA key (password-protected PEM) and a
// self-signed certificate valid from an hour ago, made with OpenSSL's library.
#include <filesystem>
#include <string>

namespace countyread::test {

struct TestIdentity {
    std::filesystem::path key_pem;  // encrypted with the given password
    std::string certificate_pem;
    std::filesystem::path certificate_file;
};

// Writes <dir>/<name>.key.pem and <dir>/<name>.cert.pem. Throws std::runtime_error.
TestIdentity makeTestIdentity(const std::filesystem::path& dir, const std::string& name,
                              const std::string& password);

}  // namespace countyread::test
