// dicom/image: decoding phantoms with known values, and the shared sample data when present.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "dicom/image/ImageLoader.h"
#include "tests/support/TestSupport.h"
#include "tests/viewer/PhantomDicom.h"

using namespace countyread;
using countyread::test::PhantomSpec;

namespace {

std::vector<std::uint16_t> ramp(int w, int h, int frames = 1, int scale = 1) {
    std::vector<std::uint16_t> v;
    for (int i = 0; i < w * h * frames; ++i)
        v.push_back(static_cast<std::uint16_t>((i * scale) % 4096));
    return v;
}

}  // namespace

TEST(ImageLoader, UnsignedCtWithRescaleAndWindow) {
    PhantomSpec s;
    s.width = 8;
    s.height = 4;
    s.raw = ramp(8, 4, 1, 100);
    s.bits_stored = 12;
    s.high_bit = 11;
    s.slope = 1.0;
    s.intercept = -1024.0;
    s.window = {{40.0, 400.0}};
    s.pixel_spacing = {{0.7, 0.6}};
    s.z_position = -12.5;
    auto f = dicom::loadFrame(test::makePhantom(s));
    EXPECT_EQ(f.width, 8);
    EXPECT_EQ(f.height, 4);
    EXPECT_FALSE(f.is_signed);
    EXPECT_FALSE(f.monochrome1);
    EXPECT_EQ(f.bits_stored, 12);
    ASSERT_EQ(f.pixels.size(), 32u);
    for (int y = 0; y < 4; ++y) {
        for (int x = 0; x < 8; ++x) {
            EXPECT_EQ(f.storedValue(x, y), ((y * 8 + x) * 100) % 4096);
        }
    }
    EXPECT_DOUBLE_EQ(f.modalityValue(1, 0), 100 - 1024.0);
    EXPECT_DOUBLE_EQ(f.rescale_slope, 1.0);
    EXPECT_DOUBLE_EQ(f.rescale_intercept, -1024.0);
    EXPECT_TRUE(f.window_from_file);
    EXPECT_DOUBLE_EQ(f.window_center, 40.0);
    EXPECT_DOUBLE_EQ(f.window_width, 400.0);
    EXPECT_EQ(f.spacing_source, dicom::SpacingSource::PixelSpacing);
    EXPECT_DOUBLE_EQ(f.row_spacing, 0.7);
    EXPECT_DOUBLE_EQ(f.column_spacing, 0.6);
    ASSERT_TRUE(f.image_position);
    EXPECT_DOUBLE_EQ((*f.image_position)[2], -12.5);
    ASSERT_TRUE(f.slice_thickness);
    EXPECT_DOUBLE_EQ(*f.slice_thickness, 5.0);
    EXPECT_EQ(f.stored_min, 0);
    EXPECT_EQ(f.stored_max, 3100);
}

TEST(ImageLoader, EveryWindowPairAndPatientOrientation) {
    PhantomSpec s;
    s.modality = "DX";
    s.raw = test::halves(64, 64, 100, 3000);
    s.imager_spacing = {{0.143, 0.143}};
    s.extra = {{"WindowCenter", "2000\\1800"},
               {"WindowWidth", "3000\\1500"},
               {"WindowCenterWidthExplanation", "NORMAL\\HARDER"},
               {"VOILUTFunction", "SIGMOID"},
               {"PatientOrientation", "L\\F"}};
    auto f = dicom::loadFrame(test::makePhantom(s));
    ASSERT_EQ(f.windows.size(), 2u);
    EXPECT_DOUBLE_EQ(f.windows[0].center, 2000);
    EXPECT_DOUBLE_EQ(f.windows[1].width, 1500);
    EXPECT_EQ(f.windows[1].explanation, "HARDER");
    EXPECT_DOUBLE_EQ(f.window_center, 2000);  // the first pair is the default
    EXPECT_EQ(f.voi_function, "SIGMOID");
    EXPECT_EQ(f.patient_orientation, "L\\F");
}

TEST(ImageLoader, SignedTwelveBitIsMaskedAndSignExtended) {
    PhantomSpec s;
    s.width = 4;
    s.height = 1;
    s.is_signed = true;
    s.bits_stored = 12;
    s.high_bit = 11;
    // 0xF800: -2048 with the unused top bits set; 0x0FFF: -1; 0x07FF: 2047; 0x1001: 1 + junk bit.
    s.raw = {0xF800, 0x0FFF, 0x07FF, 0x1001};
    auto f = dicom::loadFrame(test::makePhantom(s));
    EXPECT_TRUE(f.is_signed);
    EXPECT_EQ(f.storedValue(0, 0), -2048);
    EXPECT_EQ(f.storedValue(1, 0), -1);
    EXPECT_EQ(f.storedValue(2, 0), 2047);
    EXPECT_EQ(f.storedValue(3, 0), 1);
    EXPECT_EQ(f.stored_min, -2048);
    EXPECT_EQ(f.stored_max, 2047);
}

TEST(ImageLoader, ShiftedHighBit) {
    PhantomSpec s;
    s.width = 2;
    s.height = 1;
    s.bits_stored = 12;
    s.high_bit = 15;  // values live in the top 12 bits
    s.raw = {0x0010, 0xFFF0};
    auto f = dicom::loadFrame(test::makePhantom(s));
    EXPECT_EQ(f.storedValue(0, 0), 1);
    EXPECT_EQ(f.storedValue(1, 0), 4095);
}

TEST(ImageLoader, Monochrome1DetectorSpacingAndWindowFromData) {
    PhantomSpec s;
    s.modality = "DX";
    s.photometric = "MONOCHROME1";
    s.width = 16;
    s.height = 16;
    s.raw = test::halves(16, 16, 100, 300);
    s.imager_spacing = {{0.15, 0.15}};
    s.slope = 2.0;
    s.intercept = -100.0;
    auto f = dicom::loadFrame(test::makePhantom(s));
    EXPECT_TRUE(f.monochrome1);
    EXPECT_EQ(f.spacing_source, dicom::SpacingSource::ImagerPixelSpacing);
    EXPECT_DOUBLE_EQ(f.row_spacing, 0.15);
    EXPECT_FALSE(f.window_from_file);
    // modality values 100 and 500: the default window spans them
    EXPECT_DOUBLE_EQ(f.window_center, 300.0);
    EXPECT_DOUBLE_EQ(f.window_width, 400.0);
    EXPECT_DOUBLE_EQ(f.modalityValue(0, 0), 100.0);
    EXPECT_DOUBLE_EQ(f.modalityValue(15, 0), 500.0);
}

TEST(ImageLoader, EightBitIsWidened) {
    PhantomSpec s;
    s.width = 4;
    s.height = 2;
    s.bits_allocated = 8;
    s.bits_stored = 8;
    s.high_bit = 7;
    s.raw = {0, 1, 127, 128, 200, 254, 255, 7};
    auto f = dicom::loadFrame(test::makePhantom(s));
    EXPECT_EQ(f.storedValue(3, 0), 128);
    EXPECT_EQ(f.storedValue(2, 1), 255);
    EXPECT_EQ(f.storedValue(3, 1), 7);
    EXPECT_EQ(f.spacing_source, dicom::SpacingSource::None);
}

TEST(ImageLoader, MultiFrame) {
    PhantomSpec s;
    s.width = 3;
    s.height = 2;
    s.frames = 3;
    s.raw = ramp(3, 2, 3);
    auto bytes = test::makePhantom(s);
    auto f = dicom::loadFrame(bytes, 2);
    EXPECT_EQ(f.number_of_frames, 3);
    EXPECT_EQ(f.frame_index, 2);
    EXPECT_EQ(f.storedValue(0, 0), 12);
    EXPECT_EQ(f.storedValue(2, 1), 17);
    auto all = dicom::loadFrames(bytes);
    ASSERT_EQ(all.size(), 3u);
    EXPECT_EQ(all[1].storedValue(0, 0), 6);
    EXPECT_THROW(dicom::loadFrame(bytes, 3), dicom::DicomError);
    EXPECT_THROW(dicom::loadFrame(bytes, -1), dicom::DicomError);
}

TEST(ImageLoader, RejectsWhatItCannotShow) {
    PhantomSpec rgb;
    rgb.photometric = "RGB";
    rgb.samples_per_pixel = 3;
    rgb.bits_allocated = 8;
    rgb.bits_stored = 8;
    rgb.high_bit = 7;
    rgb.width = 2;
    rgb.height = 2;
    rgb.raw = std::vector<std::uint16_t>(12, 9);
    try {
        dicom::loadFrame(test::makePhantom(rgb));
        FAIL();
    } catch (const dicom::DicomError& e) {
        EXPECT_NE(std::string(e.what()).find("colour"), std::string::npos) << e.what();
    }

    PhantomSpec truncated;  // header says 64 rows, data holds 4
    truncated.width = 4;
    truncated.height = 4;
    truncated.raw = ramp(4, 4);
    truncated.declared_rows = 64;
    EXPECT_THROW(dicom::loadFrame(test::makePhantom(truncated)), dicom::DicomError);

    PhantomSpec absurd;  // 65535 x 65535 declared: refused before any allocation
    absurd.width = 65535;
    absurd.height = 1;
    absurd.raw = std::vector<std::uint16_t>(65535, 1);
    absurd.declared_rows = 65535;
    try {
        dicom::loadFrame(test::makePhantom(absurd));
        FAIL();
    } catch (const dicom::DicomError& e) {
        EXPECT_NE(std::string(e.what()).find("larger than supported"), std::string::npos)
            << e.what();
    }

    EXPECT_THROW(dicom::loadFrame(dicom::Bytes{}), dicom::DicomError);
    EXPECT_THROW(dicom::loadFrame(dicom::Bytes(300, 'x')), dicom::DicomError);
}

class CompressedPhantom : public ::testing::TestWithParam<const char*> {};

TEST_P(CompressedPhantom, DecodesToTheSameStoredValues) {
    PhantomSpec s;
    s.width = 64;
    s.height = 48;
    s.bits_stored = 12;
    s.high_bit = 11;
    s.raw = ramp(64, 48, 1, 37);
    const auto plain = dicom::loadFrame(test::makePhantom(s));
    s.transfer_syntax = GetParam();
    const auto bytes = test::makePhantom(s);
    const auto decoded = dicom::loadFrame(bytes);
    EXPECT_EQ(decoded.width, plain.width);
    EXPECT_EQ(decoded.height, plain.height);
    EXPECT_EQ(decoded.pixels, plain.pixels);
}

INSTANTIATE_TEST_SUITE_P(Lossless, CompressedPhantom,
                         ::testing::Values("1.2.840.10008.1.2.4.70",  // JPEG lossless SV1
                                           "1.2.840.10008.1.2.4.80",  // JPEG-LS lossless
                                           "1.2.840.10008.1.2.5"));   // RLE

// ---- shared sample data (skipped when ../shared/sample-data is absent) ----

namespace {

std::filesystem::path samples() {
    auto dir = test::sharedSampleData();
    return dir ? *dir : std::filesystem::path();
}

dicom::Bytes read(const std::filesystem::path& p) { return dicom::readFileBytes(p); }

std::filesystem::path syntaxFile(const std::string& name) {
    return samples() / "transfer-syntaxes" / ("CTImage.dcm_" + name + ".dcm");
}

}  // namespace

TEST(ImageLoaderSamples, CtImage) {
    if (samples().empty()) GTEST_SKIP() << "no shared sample data";
    auto f = dicom::loadFrame(read(samples() / "ct" / "CTImage.dcm"));
    EXPECT_EQ(f.width, 512);
    EXPECT_EQ(f.height, 512);
    EXPECT_EQ(f.spacing_source, dicom::SpacingSource::PixelSpacing);
    EXPECT_GT(f.row_spacing, 0.1);
    // Air around the patient is about -1000 HU, and there is something much denser inside.
    EXPECT_LT(f.modalityValue(5, 5), -800);
    EXPECT_GT(f.stored_max * f.rescale_slope + f.rescale_intercept, 100);
}

class SampleTransferSyntax : public ::testing::TestWithParam<const char*> {};

TEST_P(SampleTransferSyntax, LosslessDecodesToTheUncompressedPixels) {
    if (samples().empty()) GTEST_SKIP() << "no shared sample data";
    auto reference = dicom::loadFrame(
        read(syntaxFile("LittleEndianExplicitTransferSyntax_1.2.840.10008.1.2.1")));
    auto file = syntaxFile(GetParam());
    ASSERT_TRUE(std::filesystem::exists(file)) << file;
    auto f = dicom::loadFrame(read(file));
    EXPECT_EQ(f.width, reference.width);
    EXPECT_EQ(f.height, reference.height);
    EXPECT_EQ(f.is_signed, reference.is_signed);
    EXPECT_DOUBLE_EQ(f.rescale_intercept, reference.rescale_intercept);
    ASSERT_EQ(f.pixels.size(), reference.pixels.size());
    std::size_t differing = 0;
    for (int y = 0; y < f.height; ++y) {
        for (int x = 0; x < f.width; ++x)
            differing += f.storedValue(x, y) != reference.storedValue(x, y);
    }
    EXPECT_EQ(differing, 0u);
}

INSTANTIATE_TEST_SUITE_P(
    Samples, SampleTransferSyntax,
    ::testing::Values("LittleEndianImplicitTransferSyntax_1.2.840.10008.1.2",
                      "BigEndianExplicitTransferSyntax_1.2.840.10008.1.2.2",
                      "DeflatedExplicitVRLittleEndianTransferSyntax_1.2.840.10008.1.2.1.99",
                      "JPEGProcess14TransferSyntax_1.2.840.10008.1.2.4.57",
                      "JPEGProcess14SV1TransferSyntax_1.2.840.10008.1.2.4.70",
                      "JPEGLSLosslessTransferSyntax_1.2.840.10008.1.2.4.80",
                      "RLELosslessTransferSyntax_1.2.840.10008.1.2.5"));

TEST(ImageLoaderSamples, LossyJpegLsIsClose) {
    if (samples().empty()) GTEST_SKIP() << "no shared sample data";
    auto reference = dicom::loadFrame(
        read(syntaxFile("LittleEndianExplicitTransferSyntax_1.2.840.10008.1.2.1")));
    auto f = dicom::loadFrame(read(syntaxFile("JPEGLSLossyTransferSyntax_1.2.840.10008.1.2.4.81")));
    ASSERT_EQ(f.pixels.size(), reference.pixels.size());
    double total = 0;
    for (int y = 0; y < f.height; ++y) {
        for (int x = 0; x < f.width; ++x)
            total += std::abs(f.storedValue(x, y) - reference.storedValue(x, y));
    }
    EXPECT_LT(total / static_cast<double>(f.pixels.size()), 10.0);
}

TEST(ImageLoaderSamples, Jpeg2000IsRefusedClearly) {
    if (samples().empty()) GTEST_SKIP() << "no shared sample data";
    try {
        dicom::loadFrame(
            read(syntaxFile("JPEG2000LosslessOnlyTransferSyntax_1.2.840.10008.1.2.4.90")));
        FAIL();
    } catch (const dicom::DicomError& e) {
        EXPECT_NE(std::string(e.what()).find("JPEG 2000"), std::string::npos) << e.what();
    }
}

TEST(ImageLoaderSamples, CrMonochrome1AndCompressedVariants) {
    if (samples().empty()) GTEST_SKIP() << "no shared sample data";
    auto plain = dicom::loadFrame(read(samples() / "cr" / "RG2_UNC.dcm"));
    EXPECT_EQ(plain.width, 1760);
    EXPECT_EQ(plain.height, 2140);
    for (const char* name : {"RG2_JPLL.dcm", "RG2_JLSL.dcm", "RG2_RLE.dcm"}) {
        auto f = dicom::loadFrame(read(samples() / "cr" / name));
        EXPECT_EQ(f.monochrome1, plain.monochrome1) << name;
        EXPECT_EQ(f.pixels, plain.pixels) << name;
    }
}

TEST(ImageLoaderSamples, EveryTransferSyntaxLoadsOrIsRefusedWithDicomError) {
    if (samples().empty()) GTEST_SKIP() << "no shared sample data";
    int loaded = 0, jpeg2000 = 0, files = 0;
    for (const auto& e : std::filesystem::directory_iterator(samples() / "transfer-syntaxes")) {
        if (e.path().extension() != ".dcm") continue;
        const std::string name = e.path().filename().string();
        const bool j2k = name.find("JPEG2000") != std::string::npos;
        ++files;
        jpeg2000 += j2k;
        try {
            auto f = dicom::loadFrame(read(e.path()));
            EXPECT_FALSE(j2k) << name;
            EXPECT_EQ(f.width, 512) << name;
            EXPECT_EQ(f.pixels.size(), 512u * 512u) << name;
            ++loaded;
        } catch (const dicom::DicomError& err) {
            EXPECT_TRUE(j2k) << name << ": " << err.what();
        }
    }
    EXPECT_GE(files, 15);
    EXPECT_EQ(loaded, files - jpeg2000);  // JPEG baseline/extended/lossless, JPEG-LS, RLE, ...
}

TEST(ImageLoaderSamples, MalformedFilesNeverCrashOrThrowAnythingElse) {
    if (samples().empty()) GTEST_SKIP() << "no shared sample data";
    int files = 0;
    for (const auto& e : std::filesystem::directory_iterator(samples() / "malformed")) {
        if (e.path().extension() != ".dcm") continue;
        ++files;
        try {
            auto f = dicom::loadFrame(read(e.path()));
            EXPECT_EQ(f.pixels.size(), static_cast<std::size_t>(f.width) * f.height) << e.path();
        } catch (const dicom::DicomError&) {
            // refused with a message: fine
        }
    }
    EXPECT_GT(files, 20);
}
