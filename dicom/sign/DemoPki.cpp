#include "dicom/sign/DemoPki.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cstdio>
#include <memory>
#include <random>
#include <stdexcept>

namespace countyread::dicom {

namespace fs = std::filesystem;

namespace {

using KeyPtr = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using CertPtr = std::unique_ptr<X509, decltype(&X509_free)>;

struct File {
    FILE* f;
    explicit File(const fs::path& p, const char* mode) : f(std::fopen(p.c_str(), mode)) {
        if (!f) throw std::runtime_error("cannot open " + p.string());
    }
    ~File() { std::fclose(f); }
};

KeyPtr newKey() {
    KeyPtr key(EVP_RSA_gen(2048), &EVP_PKEY_free);
    if (!key) throw std::runtime_error("RSA key generation failed");
    return key;
}

CertPtr makeCert(EVP_PKEY* subject_key, const std::string& cn, X509* issuer, EVP_PKEY* issuer_key,
                 long not_before_s, long valid_s, bool ca) {
    CertPtr cert(X509_new(), &X509_free);
    X509_set_version(cert.get(), 2);
    std::random_device rd;
    ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), static_cast<long>(rd() & 0x7fffffff));
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), not_before_s);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), not_before_s + valid_s);
    X509_set_pubkey(cert.get(), subject_key);
    X509_NAME* name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "C", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char*>("CN"), -1, -1, 0);
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char*>("CountyRead Demo"), -1, -1, 0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char*>(cn.c_str()), -1, -1, 0);
    X509_set_issuer_name(cert.get(), issuer ? X509_get_subject_name(issuer) : name);
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer ? issuer : cert.get(), cert.get(), nullptr, nullptr, 0);
    auto add_ext = [&](int nid, const char* value) {
        X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
        if (ext) {
            X509_add_ext(cert.get(), ext, -1);
            X509_EXTENSION_free(ext);
        }
    };
    add_ext(NID_basic_constraints, ca ? "critical,CA:TRUE" : "CA:FALSE");
    add_ext(NID_key_usage, ca ? "critical,keyCertSign,cRLSign" : "critical,digitalSignature,nonRepudiation");
    if (X509_sign(cert.get(), issuer_key, EVP_sha256()) == 0)
        throw std::runtime_error("certificate signing failed");
    return cert;
}

void writeKey(const fs::path& p, EVP_PKEY* key, const std::string& password) {
    File f(p, "wb");
    int ok = password.empty()
                 ? PEM_write_PrivateKey(f.f, key, nullptr, nullptr, 0, nullptr, nullptr)
                 : PEM_write_PrivateKey(f.f, key, EVP_aes_256_cbc(),
                                        reinterpret_cast<const unsigned char*>(password.data()),
                                        static_cast<int>(password.size()), nullptr, nullptr);
    if (!ok) throw std::runtime_error("cannot write " + p.string());
    fs::permissions(p, fs::perms::owner_read | fs::perms::owner_write);
}

void writeCert(const fs::path& p, X509* cert) {
    File f(p, "wb");
    if (!PEM_write_X509(f.f, cert)) throw std::runtime_error("cannot write " + p.string());
}

KeyPtr readKey(const fs::path& p) {
    File f(p, "rb");
    KeyPtr key(PEM_read_PrivateKey(f.f, nullptr, nullptr, nullptr), &EVP_PKEY_free);
    if (!key) throw std::runtime_error("cannot read " + p.string());
    return key;
}

CertPtr readCert(const fs::path& p) {
    File f(p, "rb");
    CertPtr cert(PEM_read_X509(f.f, nullptr, nullptr, nullptr), &X509_free);
    if (!cert) throw std::runtime_error("cannot read " + p.string());
    return cert;
}

}  // namespace

DemoPki::DemoPki(fs::path dir) : dir_(std::move(dir)) {
    fs::create_directories(dir_);
    if (fs::exists(dir_ / "ca.key") && fs::exists(dir_ / "ca.pem")) return;
    auto key = newKey();
    auto cert = makeCert(key.get(), "CountyRead Demo CA", nullptr, key.get(), -7L * 86400,
                         10L * 365 * 86400, true);
    writeKey(dir_ / "ca.key", key.get(), "");
    writeCert(dir_ / "ca.pem", cert.get());
}

IssuedIdentity DemoPki::issue(const std::string& name, const std::string& common_name,
                              const std::string& password, long not_before_s, long valid_s) {
    auto ca_key = readKey(dir_ / "ca.key");
    auto ca_cert = readCert(dir_ / "ca.pem");
    auto key = newKey();
    auto cert = makeCert(key.get(), common_name, ca_cert.get(), ca_key.get(), not_before_s, valid_s,
                         false);
    IssuedIdentity id{dir_ / (name + ".key"), dir_ / (name + ".pem"), dir_ / "ca.pem"};
    writeKey(id.key_pem, key.get(), password);
    writeCert(id.cert_pem, cert.get());
    return id;
}

}  // namespace countyread::dicom
