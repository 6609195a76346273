#include <gtest/gtest.h>

#include <dcmtk/dcmdata/dcistrmb.h>
#include <dcmtk/dcmdata/dctk.h>

#include "dicom/model/DicomFile.h"
#include "dicom/sign/DemoPki.h"
#include "dicom/sign/Signature.h"
#include "dicom/sr/ReportSr.h"
#include "tests/support/DicomFixtures.h"
#include "tests/support/TestSupport.h"

using namespace countyread;
using namespace countyread::dicom;

class SignatureTest : public ::testing::Test {
protected:
    void SetUp() override {
        DemoPki pki(tmp / "pki");
        li = pki.issue("li", "李明", "secret");
        other = pki.issue("wang", "王医生", "");
        expired = pki.issue("old", "过期", "secret", -3 * 86400, 86400);
        test::FixtureSpec spec;
        test::writeFixture(tmp / "ct.dcm", spec);
        auto study = readInstanceInfo(tmp / "ct.dcm");
        ReportContent c;
        c.findings = "右下肺见斑片状高密度影。";
        c.impression = "右下肺炎症可能。";
        c.author = {"li", "李明", "县医院"};
        report = buildReportSr(study, {study}, c);
    }
    SigningIdentity identity(const IssuedIdentity& id, const std::string& password) {
        return {id.key_pem, password, test::readText(id.cert_pem)};
    }
    test::TempDir tmp;
    IssuedIdentity li, other, expired;
    Bytes report;
};

TEST_F(SignatureTest, SignedReportVerifiesAgainstRegisteredCertificate) {
    auto signed_bytes = signDataset(report, identity(li, "secret"));
    auto r = verifySignatures(signed_bytes, test::readText(li.cert_pem));
    EXPECT_TRUE(r.ok) << r.reason;
    EXPECT_NE(r.signer_subject.find("CN="), std::string::npos);
}

TEST_F(SignatureTest, UnsignedObjectIsRejected) {
    auto r = verifySignatures(report, test::readText(li.cert_pem));
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.reason.find("no digital signature"), std::string::npos);
}

TEST_F(SignatureTest, ChangedTextIsDetected) {
    auto signed_bytes = signDataset(report, identity(li, "secret"));
    // Alter one text item: the impression in the content tree.
    DcmFileFormat ff;
    DcmInputBufferStream in;
    in.setBuffer(signed_bytes.data(), static_cast<offile_off_t>(signed_bytes.size()));
    in.setEos();
    ff.transferInit();
    ASSERT_TRUE(ff.read(in).good());
    ff.transferEnd();
    DcmStack stack;
    bool changed = false;
    while (ff.getDataset()->search(DCM_TextValue, stack, ESM_afterStackTop, OFTrue).good()) {
        auto* el = static_cast<DcmElement*>(stack.top());
        OFString v;
        el->getOFString(v, 0);
        if (v == "右下肺炎症可能。") {
            el->putString("未见异常。");
            changed = true;
        }
    }
    ASSERT_TRUE(changed);
    test::TempDir t2;
    ff.saveFile((t2 / "x.dcm").c_str(), EXS_LittleEndianExplicit);
    auto r = verifySignatures(readFileBytes(t2 / "x.dcm"), test::readText(li.cert_pem));
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.reason.find("does not verify"), std::string::npos) << r.reason;
}

TEST_F(SignatureTest, OneFlippedByteIsDetected) {
    auto signed_bytes = signDataset(report, identity(li, "secret"));
    // Flip a byte inside the UTF-8 findings text.
    std::string s(signed_bytes.begin(), signed_bytes.end());
    auto pos = s.find("斑片状");
    ASSERT_NE(pos, std::string::npos);
    signed_bytes[pos + 1] ^= 0x01;
    auto r = verifySignatures(signed_bytes, test::readText(li.cert_pem));
    EXPECT_FALSE(r.ok);
}

TEST_F(SignatureTest, SignatureByAnotherCertificateIsRejected) {
    auto signed_bytes = signDataset(report, identity(other, ""));
    auto r = verifySignatures(signed_bytes, test::readText(li.cert_pem));
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.reason.find("not the one registered"), std::string::npos) << r.reason;
}

TEST_F(SignatureTest, ExpiredCertificateIsRejected) {
    auto signed_bytes = signDataset(report, identity(expired, "secret"));
    auto r = verifySignatures(signed_bytes, test::readText(expired.cert_pem));
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.reason.find("expired"), std::string::npos) << r.reason;
}

TEST_F(SignatureTest, WrongKeyPasswordOrMismatchedKeyCannotSign) {
    EXPECT_THROW(signDataset(report, identity(li, "wrong")), DicomError);
    SigningIdentity mismatched{other.key_pem, "", test::readText(li.cert_pem)};
    EXPECT_THROW(signDataset(report, mismatched), DicomError);
}

TEST_F(SignatureTest, DcmsignVerifiesOurSignature) {
    if (!test::haveProgram("dcmsign")) GTEST_SKIP() << "dcmsign not installed";
    auto file = tmp / "signed.dcm";
    writeFileBytes(file, signDataset(report, identity(li, "secret")));
    auto r = test::run({"dcmsign", "--verify", file.string(), "+cf", li.ca_pem.string()});
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("Signature #1"), std::string::npos) << r.output;
}
