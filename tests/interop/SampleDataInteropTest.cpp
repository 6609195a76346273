// The real-world files in ../shared/sample-data sent to a running countyread-server:
// every transfer syntax is stored as received, the malformed set gets clear outcomes while the
// server stays up, and the character-set set is decoded to UTF-8.
#include <gtest/gtest.h>

#include <dcmtk/dcmdata/dcpixel.h>
#include <dcmtk/dcmdata/dcpixseq.h>
#include <dcmtk/dcmdata/dcpxitem.h>
#include <dcmtk/dcmdata/dctk.h>

#include <map>
#include <nlohmann/json.hpp>

#include "dicom/model/DicomFile.h"
#include "dicom/net/StoreClient.h"
#include "tests/interop/InteropServer.h"

using namespace countyread;
using namespace countyread::test;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

class SampleData : public ::testing::Test {
protected:
    void SetUp() override {
        auto dir = sharedSampleData();
        if (!dir) GTEST_SKIP() << "../shared/sample-data not present";
        samples = *dir;
        county = std::make_unique<InteropServer>(tmp, std::vector<PeerTownship>{{"wenan", "WENAN", 1}});
    }
    dicom::PeerAddress peer() { return {"127.0.0.1", county->dicomPort(), "WENAN", "COUNTY", 20}; }
    std::vector<fs::path> dicomFiles(const fs::path& dir) {
        std::vector<fs::path> out;
        for (auto& e : fs::directory_iterator(dir))
            if (e.path().extension() == ".dcm") out.push_back(e.path());
        std::sort(out.begin(), out.end());
        return out;
    }
    // The archived copy keeps the transfer syntax and the pixel data exactly as sent.
    void expectStoredAsReceived(const fs::path& original, const std::string& sop) {
        auto [status, body] = county->get("/api/v1/instances/" + sop);
        ASSERT_EQ(status, 200) << original;
        auto stored = tmp / "stored.dcm";
        dicom::writeFileBytes(stored, dicom::Bytes(body.begin(), body.end()));
        auto a = pixelFingerprint(original), b = pixelFingerprint(stored);
        EXPECT_EQ(a.first, b.first) << "transfer syntax changed: " << original;
        EXPECT_EQ(a.second, b.second) << "pixel data changed: " << original;
    }
    // (transfer syntax UID, raw pixel data bytes — native value or encapsulated fragments)
    static std::pair<std::string, std::string> pixelFingerprint(const fs::path& file) {
        DcmFileFormat ff;
        EXPECT_TRUE(ff.loadFile(file.c_str()).good()) << file;
        OFString xfer;
        ff.getMetaInfo()->findAndGetOFString(DCM_TransferSyntaxUID, xfer);
        std::string bytes;
        DcmElement* pixel = nullptr;
        if (ff.getDataset()->findAndGetElement(DCM_PixelData, pixel).good()) {
            DcmPixelSequence* seq = nullptr;
            if (static_cast<DcmPixelData*>(pixel)->getEncapsulatedRepresentation(
                    DcmXfer(xfer.c_str()).getXfer(), nullptr, seq).good() && seq) {
                for (unsigned long i = 0; i < seq->card(); ++i) {
                    DcmPixelItem* item = nullptr;
                    Uint8* data = nullptr;
                    if (seq->getItem(item, i).good() && item->getUint8Array(data).good() && data)
                        bytes.append(reinterpret_cast<char*>(data), item->getLength());
                }
            } else {
                Uint8* data = nullptr;
                if (pixel->getUint8Array(data).good() && data)
                    bytes.assign(reinterpret_cast<char*>(data), pixel->getLength());
            }
        }
        return {xfer.c_str(), bytes};
    }
    TempDir tmp{"countyread-samples-interop"};
    fs::path samples;
    std::unique_ptr<InteropServer> county;
};

}  // namespace

TEST_F(SampleData, EveryTransferSyntaxIsStoredAsReceived) {
    auto files = dicomFiles(samples / "transfer-syntaxes");
    for (auto& f : dicomFiles(samples / "cr")) files.push_back(f);
    for (auto& f : dicomFiles(samples / "dx")) files.push_back(f);
    ASSERT_GE(files.size(), 20u);
    // The transfer-syntax set is one CT slice with the same SOP Instance UID in every syntax:
    // send each on its own association and compare right away (each replaces the previous).
    for (const auto& f : files) {
        auto out = dicom::StoreClient(peer()).send({f});
        ASSERT_EQ(out.size(), 1u);
        EXPECT_TRUE(out[0].ok) << f << ": " << out[0].message;
        if (out[0].ok) expectStoredAsReceived(f, out[0].sop_instance_uid);
    }
}

TEST_F(SampleData, MalformedFilesGetClearOutcomesAndTheServerStaysUp) {
    // Outcome per file: "stored", "refused" (the server answered an error status), or
    // "unsendable" (not a DICOM file a sender can even read: no meta header, truncated...).
    const std::map<std::string, std::string> expected = {
        {"693_J2KR.dcm", "stored"},
        {"693_UNCI.dcm", "stored"},
        {"ExplVR_BigEndNoMeta.dcm", "unsendable"},
        {"ExplVR_LitEndNoMeta.dcm", "unsendable"},
        {"GDCMJ2K_TextGBR.dcm", "stored"},
        {"J2K_pixelrep_mismatch.dcm", "stored"},
        {"JPEG2000-embedded-sequence-delimiter.dcm", "stored"},
        {"MR_small_padded.dcm", "stored"},
        {"MR_truncated.dcm", "unsendable"},
        {"SC_rgb_small_odd.dcm", "stored"},
        {"SC_rgb_small_odd_big_endian.dcm", "stored"},
        {"SC_rgb_small_odd_jpeg.dcm", "stored"},
        {"badVR.dcm", "stored"},
        {"bad_sequence.dcm", "refused"},
        {"emri_small_jpeg_2k_lossless_too_short.dcm", "unsendable"},
        {"empty_charset_LEI.dcm", "unsendable"},
        {"explicit_VR-UN.dcm", "refused"},
        {"meta_missing_tsyntax.dcm", "unsendable"},
        {"nested_priv_SQ.dcm", "unsendable"},
        {"no_meta.dcm", "unsendable"},
        {"rtplan_truncated.dcm", "unsendable"},
    };
    int checked = 0;
    for (const auto& f : dicomFiles(samples / "malformed")) {
        auto it = expected.find(f.filename().string());
        if (it == expected.end()) continue;
        auto out = dicom::StoreClient(peer()).send({f});
        ASSERT_EQ(out.size(), 1u);
        std::string outcome = out[0].ok ? "stored" : out[0].status != 0xFFFF ? "refused" : "unsendable";
        EXPECT_EQ(outcome, it->second) << f.filename() << ": " << out[0].message;
        // Refusals are "cannot understand" (Cxxx) or "dataset does not match SOP class" (A9xx).
        if (outcome == "refused")
            EXPECT_TRUE((out[0].status & 0xF000) == 0xC000 || (out[0].status & 0xFF00) == 0xA900)
                << f.filename() << std::hex << out[0].status;
        try {
            dicom::StoreClient(peer()).echo();
        } catch (const std::exception& e) {
            ADD_FAILURE() << "echo failed after " << f.filename() << ": " << e.what();
        }
        ++checked;
    }
    EXPECT_EQ(checked, static_cast<int>(expected.size()));
}

TEST_F(SampleData, CharacterSetsAreDecodedToUtf8) {
    auto out = dicom::StoreClient(peer()).send(dicomFiles(samples / "charset"));
    std::map<std::string, std::string> name_by_id;
    auto [status, body] = county->get("/api/v1/studies");
    ASSERT_EQ(status, 200);
    for (auto& s : json::parse(body)) name_by_id[s["patient_id"]] = s["patient_name"];
    EXPECT_EQ(name_by_id["X1EXAMPLE"], "Wang^XiaoDong=王^小東=");
    EXPECT_EQ(name_by_id["X2EXAMPLE"], "Wang^XiaoDong=王^小东=");
    bool french = false;
    for (auto& [id, name] : name_by_id) french = french || name == "Buc^Jérôme";
    EXPECT_TRUE(french);
    // Every name is valid UTF-8 (undecodable IR 87 names are shown with '?', not raw bytes).
    for (auto& [id, name] : name_by_id) EXPECT_NO_THROW(json(name).dump()) << id;
}
