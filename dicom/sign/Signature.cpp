#include "dicom/sign/Signature.h"

#include <openssl/pem.h>
#include <openssl/x509.h>

#include <dcmtk/dcmdata/dctk.h>
#include <dcmtk/dcmsign/dcsignat.h>
#include <dcmtk/dcmsign/sicert.h>
#include <dcmtk/dcmsign/simdmac.h>
#include <dcmtk/dcmsign/sinullpr.h>
#include <dcmtk/dcmsign/siprivat.h>

#include <ctime>
#include <memory>
#include <mutex>
#include <set>

#include "dicom/model/DatasetAccess.h"

namespace countyread::dicom {

namespace {

void initOnce() {
    static std::once_flag once;
    std::call_once(once, [] { DcmSignature::initializeLibrary(); });
}

X509* parseCertificate(const std::string& pem) {
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())),
                                                  &BIO_free);
    X509* cert = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr);
    if (!cert) throw DicomError("the certificate is not a readable PEM X.509 certificate");
    return cert;
}

std::string der(X509* cert) {
    unsigned char* buf = nullptr;
    int len = i2d_X509(cert, &buf);
    if (len <= 0) return {};
    std::string out(reinterpret_cast<char*>(buf), static_cast<size_t>(len));
    OPENSSL_free(buf);
    return out;
}

// A top-level element that a signature listing its Data Elements Signed leaves out
// (other than the signature machinery itself), or "" when everything is covered.
std::string unsignedElement(DcmDataset& ds, DcmAttributeTag& signedTags) {
    std::set<DcmTagKey> covered;
    for (unsigned long i = 0; i < signedTags.getVM(); ++i) {
        DcmTagKey key;
        if (signedTags.getTagVal(key, i).good()) covered.insert(key);
    }
    for (unsigned long i = 0; i < ds.card(); ++i) {
        const DcmTagKey key = ds.getElement(i)->getTag();
        if (key == DCM_DigitalSignaturesSequence || key == DCM_MACParametersSequence ||
            key == DCM_DataSetTrailingPadding || key.getElement() == 0)
            continue;
        if (!covered.count(key)) return DcmTag(key).getTagName();
    }
    return {};
}

}  // namespace

Bytes signDataset(const Bytes& part10, const SigningIdentity& id) {
    initOnce();
    DcmFileFormat ff;
    detail::loadFromBytes(ff, part10);
    ff.loadAllDataIntoMemory();

    SiCertificate cert(parseCertificate(id.certificate_pem));
    SiPrivateKey key;
    if (!id.key_password.empty()) key.setPrivateKeyPasswd(id.key_password.c_str());
    else key.setPrivateKeyPasswd("");
    OFCondition cond = key.loadPrivateKey(id.key_pem.c_str(), X509_FILETYPE_PEM);
    if (cond.bad())
        throw DicomError("cannot load the private key " + id.key_pem.string() +
                         " (wrong password?): " + cond.text());
    if (!key.matchesCertificate(cert))
        throw DicomError("the private key does not match the registered certificate");

    SiMDMAC mac(EMT_SHA256);
    SiNullProfile profile;
    DcmSignature sig;
    sig.attach(ff.getDataset());
    // tagList = NULL: every signable attribute of the main dataset is signed.
    cond = sig.createSignature(key, cert, mac, profile, EXS_LittleEndianExplicit, nullptr, nullptr,
                               SiSignaturePurpose::ESP_AuthorsSignature);
    sig.detach();
    if (cond.bad()) throw DicomError(std::string("signing failed: ") + cond.text());
    return detail::saveToBytes(ff, EXS_LittleEndianExplicit);
}

VerificationResult verifySignatures(const Bytes& part10, const std::string& expected_pem) {
    initOnce();
    VerificationResult r;
    DcmFileFormat ff;
    try {
        detail::loadFromBytes(ff, part10);
    } catch (const std::exception& e) {
        r.reason = e.what();
        return r;
    }
    std::unique_ptr<X509, decltype(&X509_free)> expected(nullptr, &X509_free);
    try {
        expected.reset(parseCertificate(expected_pem));
    } catch (const std::exception& e) {
        r.reason = std::string("registered certificate: ") + e.what();
        return r;
    }
    DcmSignature sig;
    sig.attach(ff.getDataset());
    unsigned long n = sig.numberOfSignatures();
    if (n == 0) {
        r.reason = "the object carries no digital signature";
        return r;
    }
    const std::string expected_der = der(expected.get());
    for (unsigned long i = 0; i < n; ++i) {
        if (sig.selectSignature(i).bad()) {
            r.reason = "cannot select signature " + std::to_string(i);
            return r;
        }
        OFCondition cond = sig.verifyCurrent();
        if (cond.bad()) {
            r.reason = std::string("signature does not verify (content altered?): ") + cond.text();
            return r;
        }
        DcmAttributeTag signedTags(DCM_DataElementsSigned);
        if (sig.getCurrentDataElementsSigned(signedTags).good()) {
            std::string missing = unsignedElement(*ff.getDataset(), signedTags);
            if (!missing.empty()) {
                r.reason = "signature does not cover " + missing;
                return r;
            }
        }
        SiCertificate* cert = sig.getCurrentCertificate();
        if (!cert || !cert->getRawCertificate()) {
            r.reason = "signature carries no certificate";
            return r;
        }
        if (der(cert->getRawCertificate()) != expected_der) {
            r.reason = "signed with a certificate that is not the one registered for this user";
            return r;
        }
        X509* raw = cert->getRawCertificate();
        if (X509_cmp_current_time(X509_get0_notBefore(raw)) >= 0) {
            r.reason = "the signing certificate is not yet valid";
            return r;
        }
        if (X509_cmp_current_time(X509_get0_notAfter(raw)) <= 0) {
            r.reason = "the signing certificate has expired";
            return r;
        }
        OFString subject, when;
        cert->getCertSubjectName(subject);
        sig.getCurrentSignatureDateTime(when);
        r.signer_subject = subject.c_str();
        r.signature_datetime = when.c_str();
    }
    sig.detach();
    r.ok = true;
    return r;
}

}  // namespace countyread::dicom
