// The phantoms look like anatomy where a radiologist would look, and the geometry adds up.
#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "SampleFile.h"
#include "SampleSet.h"
#include "tests/support/TestSupport.h"

namespace countyread::samples::test {
namespace {

// DR landmarks in cm: x from the image centre (negative = image left = patient right),
// y from the top edge of the 43 cm field.
double drMean(const SampleFile& f, double x_cm, double y_cm) {
    const double px_per_cm = f.columns() / 43.0;
    int col = static_cast<int>((x_cm + 21.5) * px_per_cm), row = static_cast<int>(y_cm * px_per_cm);
    return f.mean(col, row, std::max(1, f.columns() / 120));
}

// CT pixel holding patient (x, y) in mm, from ImagePositionPatient and PixelSpacing.
std::pair<int, int> ctPixel(const SampleFile& f, double x_mm, double y_mm) {
    double spacing = f.number(DCM_PixelSpacing), x0 = f.number(DCM_ImagePositionPatient, 0),
           y0 = f.number(DCM_ImagePositionPatient, 1);
    return {static_cast<int>(std::lround((x_mm - x0) / spacing)),
            static_cast<int>(std::lround((y_mm - y0) / spacing))};
}

double ctMean(const SampleFile& f, double x_mm, double y_mm, int half) {
    auto [col, row] = ctPixel(f, x_mm, y_mm);
    return f.mean(col, row, half);
}

// Outermost columns of the centre row above `threshold` HU.
std::pair<int, int> boneExtent(const SampleFile& f, double threshold) {
    int row = f.rows() / 2, first = -1, last = -1;
    for (int c = 0; c < f.columns(); ++c) {
        if (f.value(c, row) > threshold) {
            if (first < 0) first = c;
            last = c;
        }
    }
    return {first, last};
}

TEST(SamplePixels, DrChestHasDarkLungsAndBrightMediastinum) {
    for (const char* charset : {"GB18030", "ISO_IR 192"}) {
        SampleFile dr(studyIn(charset).files.at(0));
        ASSERT_EQ(dr.rows(), kDrSize);
        ASSERT_EQ(dr.columns(), kDrSize);
        double rightLung = drMean(dr, -9, 20), leftLung = drMean(dr, 10, 20);
        double spine = drMean(dr, 0, 20), heart = drMean(dr, 2, 25), abdomen = drMean(dr, -8, 38);
        double air = drMean(dr, -20.5, 1.0);
        SCOPED_TRACE(testing::Message()
                     << charset << " lungs " << rightLung << "/" << leftLung << " spine " << spine
                     << " heart " << heart << " abdomen " << abdomen << " air " << air);
        EXPECT_LT(rightLung + 800, spine);
        EXPECT_LT(leftLung + 800, spine);
        EXPECT_LT(rightLung + 800, heart);
        EXPECT_LT(leftLung + 800, abdomen);
        EXPECT_LT(air + 300, std::min(rightLung, leftLung));
        EXPECT_LT(air, 300);
        EXPECT_LE(dr.maxStored(), 4095u);
        // Window covers the anatomy.
        double center = dr.number(DCM_WindowCenter), width = dr.number(DCM_WindowWidth);
        EXPECT_LT(center - width / 2, rightLung);
        EXPECT_GT(center + width / 2, heart);
    }
}

TEST(SamplePixels, DrGeometryIsA43CmDetector) {
    SampleFile dr(studyIn("GB18030").files.at(0));
    EXPECT_NEAR(dr.number(DCM_ImagerPixelSpacing, 0), 430.0 / kDrSize, 1e-4);
    EXPECT_NEAR(dr.number(DCM_ImagerPixelSpacing, 1), 430.0 / kDrSize, 1e-4);
    EXPECT_EQ(dr.number(DCM_BitsAllocated), 16);
    EXPECT_EQ(dr.number(DCM_BitsStored), 12);
    EXPECT_EQ(dr.raw(DCM_PhotometricInterpretation), "MONOCHROME2");
    EXPECT_EQ(dr.raw(DCM_ViewPosition), "PA");
    EXPECT_EQ(dr.raw(DCM_BodyPartExamined), "CHEST");
}

TEST(SamplePixels, CtHeadMiddleSliceIsBrainInsideSkullInsideAir) {
    const auto& files = studyIn("GBK").files;
    SampleFile ct(files.at(files.size() / 2));
    EXPECT_EQ(ct.number(DCM_RescaleIntercept), -1024);
    EXPECT_EQ(ct.number(DCM_RescaleSlope), 1);
    EXPECT_EQ(ct.number(DCM_WindowCenter), 40);
    EXPECT_EQ(ct.number(DCM_WindowWidth), 80);
    EXPECT_NEAR(ct.number(DCM_PixelSpacing), 230.0 / kCtSize, 1e-4);

    double centre = ctMean(ct, 0, 0, 2);
    EXPECT_GE(centre, 0);
    EXPECT_LE(centre, 80);
    EXPECT_NEAR(ctMean(ct, 25, 20, 2), 27, 10);  // white matter beside the ventricles

    const int last = ct.columns() - 4;
    for (auto [c, r] : {std::pair{3, 3}, {last, 3}, {3, last}, {last, last}}) {
        EXPECT_NEAR(ct.mean(c, r, 2), -1000, 15) << "corner " << c << "," << r;
    }
    // Along the centre row: air, then skull (> 700 HU), then brain, then skull again.
    auto [left, right] = boneExtent(ct, 700);
    ASSERT_GT(left, 0);
    ASSERT_GT(right, left);
    const int scalpPx = static_cast<int>(25 / ct.number(DCM_PixelSpacing));  // beyond the scalp
    EXPECT_LT(ct.value(left - scalpPx, ct.rows() / 2), -900);
    EXPECT_LT(ct.value(right + scalpPx, ct.rows() / 2), -900);
    double skullPeak = 0;
    for (int c = left; c < left + 12; ++c)
        skullPeak = std::max(skullPeak, ct.value(c, ct.rows() / 2));
    EXPECT_GT(skullPeak, 1000);
    double widthMm = (right - left) * ct.number(DCM_PixelSpacing);
    EXPECT_GT(widthMm, 120);  // an adult skull, about 14 cm across
    EXPECT_LT(widthMm, 160);
}

TEST(SamplePixels, CtHeadNarrowsTowardsTheVertex) {
    const auto& files = studyIn("GBK").files;
    SampleFile low(files.front()), high(files.back());
    auto [l0, r0] = boneExtent(low, 700);
    auto [l1, r1] = boneExtent(high, 700);
    ASSERT_GE(l0, 0);
    ASSERT_GE(l1, 0);
    EXPECT_LT(r1 - l1, r0 - l0 - 4) << "skull width should shrink with z";
}

TEST(SamplePixels, CtChestHasAeratedLungsAndBone) {
    const auto& files = studyIn("\\ISO 2022 IR 58").files;
    SampleFile ct(files.at(files.size() / 2));
    EXPECT_NEAR(ct.number(DCM_PixelSpacing), 360.0 / kCtSize, 1e-4);
    EXPECT_EQ(ct.number(DCM_WindowCenter, 0), 40);
    EXPECT_EQ(ct.number(DCM_WindowCenter, 1), -600);
    EXPECT_LT(ctMean(ct, -80, 0, 4), -500);        // right lung
    EXPECT_LT(ctMean(ct, 85, 0, 4), -500);         // left lung
    EXPECT_GT(ctMean(ct, 0, 62, 2), 150);          // vertebral body
    EXPECT_NEAR(ctMean(ct, -157, 0, 1), -95, 40);  // subcutaneous fat 8 mm under the skin
}

TEST(SamplePixels, CtSlicesAreContiguousAndConsistent) {
    const std::map<std::string, double> thickness = {{"GBK", 5.0}, {"\\ISO 2022 IR 58", 10.0}};
    for (const auto& [charset, step] : thickness) {
        const auto& files = studyIn(charset).files;
        ASSERT_GE(files.size(), 2u);
        std::set<std::string> sops, series, frames;
        double previous = 0;
        for (size_t i = 0; i < files.size(); ++i) {
            SampleFile f(files[i]);
            SCOPED_TRACE(files[i].string());
            EXPECT_EQ(f.number(DCM_InstanceNumber), static_cast<double>(i + 1));
            EXPECT_EQ(f.raw(DCM_ImageOrientationPatient), "1\\0\\0\\0\\1\\0");
            EXPECT_EQ(f.number(DCM_SliceThickness), step);
            double z = f.number(DCM_ImagePositionPatient, 2);
            EXPECT_DOUBLE_EQ(f.number(DCM_SliceLocation), z);
            EXPECT_NEAR(f.number(DCM_ImagePositionPatient, 0),
                        f.number(DCM_ImagePositionPatient, 1), 1e-9);
            EXPECT_NEAR(f.number(DCM_ImagePositionPatient, 0),
                        -(f.columns() - 1) * f.number(DCM_PixelSpacing) / 2, 1e-3);
            if (i > 0) {
                EXPECT_NEAR(z - previous, step, 1e-3);
            }
            previous = z;
            sops.insert(f.raw(DCM_SOPInstanceUID));
            series.insert(f.raw(DCM_SeriesInstanceUID));
            frames.insert(f.raw(DCM_FrameOfReferenceUID));
        }
        EXPECT_EQ(sops.size(), files.size());
        EXPECT_EQ(series.size(), 1u);
        EXPECT_EQ(frames.size(), 1u);
    }
}

TEST(SamplePixels, SameSeedSamePixelsOtherSeedOtherPixels) {
    auto dr = [](unsigned seed, countyread::test::TempDir& dir) {
        SampleOptions o;
        o.out_dir = dir.path();
        o.dr_size = 96;
        o.ct_slices = 1;
        o.ct_size = 64;
        o.seed = seed;
        return generateSamples(o).at(0).files.at(0);
    };
    countyread::test::TempDir a("countyread-seed-a"), b("countyread-seed-b"),
        c("countyread-seed-c");
    SampleFile first(dr(7, a)), again(dr(7, b)), other(dr(8, c));
    int same = 0, differ = 0;
    for (int r = 0; r < first.rows(); ++r) {
        for (int col = 0; col < first.columns(); ++col) {
            same += first.stored(col, r) == again.stored(col, r);
            differ += first.stored(col, r) != other.stored(col, r);
        }
    }
    EXPECT_EQ(same, first.rows() * first.columns());
    EXPECT_GT(differ, first.rows() * first.columns() / 2);
}

}  // namespace
}  // namespace countyread::samples::test
