// JPEG-LS lossless before sending: every stored pixel value survives, bytes are saved.
#include <dcmtk/dcmdata/dctk.h>
#include <gtest/gtest.h>

#include "sender/Compressor.h"
#include "tests/sender/SenderTestData.h"
#include "tests/support/TestSupport.h"

using namespace countyread;
using namespace countyread::sender;
namespace fs = std::filesystem;

namespace {

constexpr const char* kJpegLsLossless = "1.2.840.10008.1.2.4.80";

// Compresses `in`, checks the pixels decode to exactly the original ones; returns the ratio.
double roundTrip(const fs::path& in, const fs::path& out) {
    std::string why;
    auto r = compressJpegLsLossless(in, out, &why);
    EXPECT_TRUE(r) << in << ": " << why;
    if (!r) return 0;
    EXPECT_EQ(test::transferSyntaxOf(out), kJpegLsLossless);
    EXPECT_EQ(test::sopInstanceOf(out), test::sopInstanceOf(in));  // same instance, not a copy
    auto original = test::decodedPixels(in);
    auto decoded = test::decodedPixels(out);
    EXPECT_EQ(original.size(), decoded.size()) << in;
    EXPECT_TRUE(original == decoded) << in << ": pixel data differs after decompression";
    EXPECT_LT(r->compressed_size, r->original_size);
    return static_cast<double>(r->original_size) / static_cast<double>(r->compressed_size);
}

}  // namespace

TEST(Compressor, GeneratedCtAndDrAreLosslessAndSmaller) {
    test::TempDir tmp;
    auto set = test::makeCtDrSet(
        tmp / "in", {.ct_slices = 4, .ct_size = 128, .dr_size = 256, .second_ct_series = true});
    int n = 0;
    for (const auto& f : set.files) {
        double ratio = roundTrip(f, tmp / ("out" + std::to_string(n++) + ".dcm"));
        EXPECT_GT(ratio, 1.2) << f;
    }
    EXPECT_EQ(n, static_cast<int>(set.files.size()));
}

TEST(Compressor, SharedCrAndCtSamplesAreLossless) {
    auto shared = test::sharedSampleData();
    if (!shared) GTEST_SKIP() << "../shared/sample-data not present";
    std::vector<fs::path> files = {*shared / "cr" / "RG2_UNC.dcm", *shared / "ct" / "CTImage.dcm",
                                   *shared / "ct" / "philips_scout.dcm"};
    if (fs::is_directory(*shared / "ct" / "philips_head_28")) {
        std::vector<fs::path> head;
        for (const auto& e : fs::directory_iterator(*shared / "ct" / "philips_head_28"))
            if (e.is_regular_file()) head.push_back(e.path());
        std::sort(head.begin(), head.end());
        if (head.size() > 4) head.resize(4);
        files.insert(files.end(), head.begin(), head.end());
    }
    test::TempDir tmp;
    int n = 0;
    for (const auto& f : files) {
        if (!fs::exists(f)) continue;
        double ratio = roundTrip(f, tmp / ("out" + std::to_string(n++) + ".dcm"));
        std::cout << "  " << f.filename().string() << ": " << fs::file_size(f) << " bytes, "
                  << "JPEG-LS lossless ratio " << ratio << "\n";
    }
    EXPECT_GT(n, 0);
}

TEST(Compressor, LeavesCompressedInstancesAlone) {
    test::TempDir tmp;
    auto set = test::makeCtDrSet(
        tmp / "in", {.ct_slices = 1, .ct_size = 64, .dr_size = 64, .second_ct_series = false});
    ASSERT_TRUE(compressJpegLsLossless(set.files[0], tmp / "once.dcm"));
    std::string why;
    EXPECT_FALSE(compressJpegLsLossless(tmp / "once.dcm", tmp / "twice.dcm", &why));
    EXPECT_EQ(why, "already compressed");
    EXPECT_FALSE(fs::exists(tmp / "twice.dcm"));
    EXPECT_TRUE(isUncompressedSyntax("1.2.840.10008.1.2.1"));
    EXPECT_TRUE(isUncompressedSyntax("1.2.840.10008.1.2"));
    EXPECT_FALSE(isUncompressedSyntax(kJpegLsLossless));
    EXPECT_FALSE(isUncompressedSyntax("1.2.840.10008.1.2.1.99"));  // deflated
}

TEST(Compressor, BitsAboveBitsStoredAreNeverLostTheOriginalGoesInstead) {
    // Some modalities leave garbage above the high bit; JPEG-LS at 12 bits would drop it.
    test::TempDir tmp;
    auto set = test::makeCtDrSet(
        tmp / "in", {.ct_slices = 1, .ct_size = 64, .dr_size = 64, .second_ct_series = false});
    fs::path ct;
    for (const auto& f : set.files)
        if (f.string().find("ct-head") != std::string::npos) ct = f;
    ASSERT_FALSE(ct.empty());
    DcmFileFormat ff;
    ASSERT_TRUE(ff.loadFile(ct.c_str()).good());
    const Uint16* px = nullptr;
    unsigned long n = 0;
    ASSERT_TRUE(ff.getDataset()->findAndGetUint16Array(DCM_PixelData, px, &n).good());
    std::vector<Uint16> dirty(px, px + n);
    dirty[0] |= 0x8000;
    ff.getDataset()->putAndInsertUint16Array(DCM_PixelData, dirty.data(), n);
    ASSERT_TRUE(ff.saveFile((tmp / "dirty.dcm").c_str(), EXS_LittleEndianExplicit).good());
    std::string why;
    EXPECT_FALSE(compressJpegLsLossless(tmp / "dirty.dcm", tmp / "out.dcm", &why));
    EXPECT_EQ(why, "JPEG-LS would not give back identical pixel data");
    EXPECT_FALSE(fs::exists(tmp / "out.dcm"));
}
