#include "tests/viewer/TestPki.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <memory>
#include <stdexcept>

namespace countyread::test {
namespace {

template <auto Free>
struct Deleter {
    template <typename T>
    void operator()(T* p) const {
        Free(p);
    }
};
template <typename T, auto Free>
using Owned = std::unique_ptr<T, Deleter<Free>>;

std::string toString(BIO* bio) {
    char* data = nullptr;
    long n = BIO_get_mem_data(bio, &data);
    return std::string(data, static_cast<std::size_t>(n));
}

void require(bool ok, const char* what) {
    if (!ok) throw std::runtime_error(std::string("test PKI: ") + what);
}

}  // namespace

TestIdentity makeTestIdentity(const std::filesystem::path& dir, const std::string& name,
                              const std::string& password) {
    Owned<EVP_PKEY, EVP_PKEY_free> key(EVP_RSA_gen(2048));
    require(key != nullptr, "RSA key generation");
    Owned<X509, X509_free> cert(X509_new());
    X509_set_version(cert.get(), 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
    // Valid from an hour ago: a signature made right away is inside the validity period.
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), 30L * 24 * 3600);
    X509_set_pubkey(cert.get(), key.get());
    X509_NAME* subject = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(subject, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>(name.c_str()), -1, -1, 0);
    X509_NAME_add_entry_by_txt(subject, "O", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>("County Hospital"), -1, -1,
                               0);
    X509_set_issuer_name(cert.get(), subject);
    require(X509_sign(cert.get(), key.get(), EVP_sha256()) > 0, "certificate signing");

    TestIdentity out;
    out.key_pem = dir / (name + ".key.pem");
    out.certificate_file = dir / (name + ".cert.pem");

    Owned<BIO, BIO_free_all> cert_bio(BIO_new(BIO_s_mem()));
    require(PEM_write_bio_X509(cert_bio.get(), cert.get()) == 1, "certificate PEM");
    out.certificate_pem = toString(cert_bio.get());

    Owned<BIO, BIO_free_all> key_file(BIO_new_file(out.key_pem.c_str(), "w"));
    require(key_file != nullptr, "cannot write the key file");
    require(PEM_write_bio_PKCS8PrivateKey(key_file.get(), key.get(), EVP_aes_256_cbc(), nullptr, 0,
                                          nullptr, const_cast<char*>(password.c_str())) == 1,
            "key PEM");
    Owned<BIO, BIO_free_all> cert_file(BIO_new_file(out.certificate_file.c_str(), "w"));
    require(cert_file != nullptr, "cannot write the certificate file");
    require(PEM_write_bio_X509(cert_file.get(), cert.get()) == 1, "certificate file");
    return out;
}

}  // namespace countyread::test
