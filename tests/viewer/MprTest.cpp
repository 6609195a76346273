// Volumes and MPR: stacking, gantry tilt and uneven spacing resampled (a known point lands in
// the right place), coronal / sagittal geometry with the head up, and thick-slab MIP.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>

#include "viewer/core/MprReslicer.h"
#include "viewer/core/VolumeBuilder.h"

using namespace countyread;
using namespace countyread::viewer;

namespace {

using Field = std::function<int(const Vec3&)>;  // stored value at a patient point

// One slice of an analytic phantom: size n x n, pixel spacing `ps`, at `position` with
// orientation row/column.
std::shared_ptr<dicom::ImageFrame> slice(int n, double ps, Vec3 position, Vec3 row, Vec3 column,
                                         const Field& field) {
    auto f = std::make_shared<dicom::ImageFrame>();
    f->width = f->height = n;
    f->column_spacing = f->row_spacing = ps;
    f->spacing_source = dicom::SpacingSource::PixelSpacing;
    f->is_signed = true;
    f->rescale_intercept = 0;
    f->image_position = position;
    f->image_orientation =
        std::array<double, 6>{row[0], row[1], row[2], column[0], column[1], column[2]};
    f->pixels.resize(n * n);
    f->stored_min = 1 << 20;
    f->stored_max = -(1 << 20);
    for (int j = 0; j < n; ++j)
        for (int i = 0; i < n; ++i) {
            Vec3 x;
            for (int a = 0; a < 3; ++a) x[a] = position[a] + i * ps * row[a] + j * ps * column[a];
            const int v = field(x);
            f->pixels[j * n + i] = static_cast<std::uint16_t>(static_cast<std::int16_t>(v));
            f->stored_min = std::min(f->stored_min, v);
            f->stored_max = std::max(f->stored_max, v);
        }
    f->window_center = 0;
    f->window_width = 2000;
    return f;
}

Field ball(Vec3 centre, double radius, int inside = 1000, int outside = -1000) {
    return [=](const Vec3& x) {
        const double d = std::hypot(x[0] - centre[0], x[1] - centre[1], x[2] - centre[2]);
        return d <= radius ? inside : outside;
    };
}

// Position of the brightest pixel of a frame (centroid of pixels above the threshold).
std::pair<double, double> brightest(const dicom::ImageFrame& f, int threshold = 0) {
    double sx = 0, sy = 0, n = 0;
    for (int y = 0; y < f.height; ++y)
        for (int x = 0; x < f.width; ++x)
            if (f.storedValue(x, y) > threshold) sx += x, sy += y, ++n;
    return n ? std::make_pair(sx / n, sy / n) : std::make_pair(-1.0, -1.0);
}

}  // namespace

TEST(Volume, AnEvenAxialStackIsReadInPlaceInOrderWithoutResampling) {
    std::vector<std::shared_ptr<const dicom::ImageFrame>> slices;
    const Field field = [](const Vec3& x) { return static_cast<int>(std::lround(x[2] * 10)); };
    for (int k = 9; k >= 0; --k)  // given head first
        slices.push_back(slice(16, 1.0, {0, 0, -2.0 * k}, {1, 0, 0}, {0, 1, 0}, field));
    auto result = VolumeBuilder::build(slices);
    ASSERT_TRUE(result.volume) << result.reason;
    const Volume& v = *result.volume;
    EXPECT_EQ(v.nz, 10);
    EXPECT_DOUBLE_EQ(v.sz, 2.0);
    EXPECT_FALSE(v.resampled);
    EXPECT_TRUE(v.note.empty());
    EXPECT_EQ(v.stored(3, 3, 0), -180);  // the lowest z first: z = -18 mm
    EXPECT_EQ(v.stored(3, 3, 9), 0);
    EXPECT_EQ(v.bytes(), 16u * 16 * 10 * 2);
    // One copy of the voxels: the volume's planes are the frames' own pixels, lowest z first.
    EXPECT_TRUE(v.sharesFrames());
    EXPECT_EQ(v.ownedBytes(), 0u);
    EXPECT_TRUE(v.voxels.empty());
    for (int k = 0; k < 10; ++k) EXPECT_EQ(v.plane(k), slices[k]->pixels.data()) << k;
    // The block a volume mapper needs has the same voxels in the same order.
    const auto block = v.contiguousCopy();
    ASSERT_EQ(block.size(), 16u * 16 * 10);
    EXPECT_EQ(static_cast<std::int16_t>(block[v.index(3, 3, 0)]), -180);
    EXPECT_EQ(static_cast<std::int16_t>(block[v.index(3, 3, 9)]), 0);
}

TEST(Volume, TheFramesOutliveTheStudyThatLoadedThemWhileTheVolumeIsUsed) {
    std::vector<std::shared_ptr<const dicom::ImageFrame>> slices;
    const Field field = [](const Vec3& x) { return static_cast<int>(std::lround(x[2])); };
    for (int k = 3; k >= 0; --k)  // given head first: sorted feet first, read in place
        slices.push_back(slice(8, 1.0, {0, 0, 1.0 * k}, {1, 0, 0}, {0, 1, 0}, field));
    std::weak_ptr<const dicom::ImageFrame> first = slices.front();
    auto volume = std::make_shared<const Volume>(*VolumeBuilder::build(slices).volume);
    for (int k = 0; k < 4; ++k) EXPECT_EQ(volume->plane(k), slices[3 - k]->pixels.data()) << k;
    slices.clear();  // the study closed
    EXPECT_FALSE(first.expired());
    EXPECT_EQ(volume->stored(2, 2, 3), 3);
    volume.reset();
    EXPECT_TRUE(first.expired());
}

TEST(Volume, GantryTiltIsCorrectedAndAKnownPointIsWhereItBelongs) {
    // 20 degree gantry tilt: planes tilted about the patient's x axis, the table moves along z.
    const double t = 20.0 * M_PI / 180.0;
    const Vec3 row{1, 0, 0}, column{0, std::cos(t), -std::sin(t)};
    const Vec3 target{30.0, 24.0, 21.0};  // the known point (mm)
    std::vector<std::shared_ptr<const dicom::ImageFrame>> slices;
    for (int k = 0; k < 24; ++k)
        slices.push_back(slice(64, 1.0, {0, 0, 2.0 * k}, row, column, ball(target, 2.6)));
    auto result = VolumeBuilder::build(slices, false);
    ASSERT_TRUE(result.volume) << result.reason;
    const auto volume = std::make_shared<Volume>(std::move(*result.volume));
    EXPECT_TRUE(volume->resampled);
    EXPECT_FALSE(volume->sharesFrames());  // a resampled volume has its own copy
    EXPECT_EQ(volume->ownedBytes(), volume->bytes());
    EXPECT_NEAR(volume->gantry_tilt_degrees, 20.0, 0.01);
    EXPECT_NE(volume->note.find("gantry tilt 20.0"), std::string::npos) << volume->note;
    // The point's voxel, from the volume's geometry ...
    const Vec3 ijk = volume->voxel(target);
    // ... is where the resampled data has the ball, in every plane.
    MprReslicer mpr(volume);
    for (MprPlane plane : {MprPlane::Axial, MprPlane::Coronal, MprPlane::Sagittal}) {
        const auto at = mpr.toPlane(plane, ijk);
        const auto image = mpr.slice(plane, at.index);
        const auto [x, y] = brightest(*image);
        EXPECT_NEAR(x, at.column, 1.0) << static_cast<int>(plane);
        EXPECT_NEAR(y, at.row, 1.0) << static_cast<int>(plane);
        // And the image's own geometry puts that pixel at the target.
        const auto& o = *image->image_orientation;
        const auto& p = *image->image_position;
        for (int a = 0; a < 3; ++a) {
            const double pos =
                p[a] + x * image->column_spacing * o[a] + y * image->row_spacing * o[3 + a];
            EXPECT_NEAR(pos, target[a], 1.5)
                << "plane " << static_cast<int>(plane) << " axis " << a;
        }
    }
}

TEST(Volume, UnevenSpacingIsResampledAndFlagged) {
    std::vector<std::shared_ptr<const dicom::ImageFrame>> slices;
    const Field ramp = [](const Vec3& x) { return static_cast<int>(std::lround(100 + 10 * x[2])); };
    for (double z : {0.0, 2.0, 4.0, 8.0, 10.0})  // one slice missing at 6 mm
        slices.push_back(slice(8, 0.5, {0, 0, z}, {1, 0, 0}, {0, 1, 0}, ramp));
    auto result = VolumeBuilder::build(slices, true);
    ASSERT_TRUE(result.volume) << result.reason;
    const Volume& v = *result.volume;
    EXPECT_TRUE(v.uneven_spacing);
    EXPECT_TRUE(v.resampled);
    EXPECT_EQ(v.nz, 6);
    EXPECT_DOUBLE_EQ(v.sz, 2.0);
    EXPECT_EQ(v.stored(4, 4, 3), 160);  // interpolated at z = 6 mm
    EXPECT_EQ(v.stored(4, 4, 5), 200);
    EXPECT_NE(v.note.find("层间距不均"), std::string::npos) << v.note;
}

TEST(Volume, RefusesWhatIsNotAStack) {
    std::vector<std::shared_ptr<const dicom::ImageFrame>> slices;
    const Field zero = [](const Vec3&) { return 0; };
    slices.push_back(slice(8, 1, {0, 0, 0}, {1, 0, 0}, {0, 1, 0}, zero));
    EXPECT_FALSE(VolumeBuilder::build(slices).volume);
    slices.push_back(slice(8, 1, {0, 0, 2}, {1, 0, 0}, {0, 0, -1}, zero));  // a coronal slice
    auto result = VolumeBuilder::build(slices, false);
    EXPECT_FALSE(result.volume);
    EXPECT_NE(result.reason.find("orientation"), std::string::npos);
    slices.back() = slice(8, 1, {0, 0, 0}, {1, 0, 0}, {0, 1, 0}, zero);  // same position twice
    EXPECT_FALSE(VolumeBuilder::build(slices).volume);
}

TEST(Mpr, CoronalAndSagittalHaveTheHeadUpAndThickSlabMip) {
    // Axial stack, z from -19 (feet) to 0 (head); a bright voxel-ball near the head.
    std::vector<std::shared_ptr<const dicom::ImageFrame>> slices;
    const Vec3 target{10, 5, -3};
    for (int k = 0; k < 20; ++k)
        slices.push_back(slice(20, 1.0, {0, 0, -1.0 * k}, {1, 0, 0}, {0, 1, 0}, ball(target, 0.5)));
    auto volume = std::make_shared<Volume>(*VolumeBuilder::build(slices).volume);
    MprReslicer mpr(volume);
    EXPECT_EQ(mpr.sliceCount(MprPlane::Coronal), 20);
    const auto coronal = mpr.slice(MprPlane::Coronal, 5);
    EXPECT_EQ(coronal->width, 20);
    EXPECT_EQ(coronal->height, 20);
    // Head up: the ball (z = -3) is on row 3 from the top (row 0 = z 0).
    const auto [x, y] = brightest(*coronal);
    EXPECT_DOUBLE_EQ(x, 10);
    EXPECT_DOUBLE_EQ(y, 3);
    EXPECT_DOUBLE_EQ((*coronal->image_orientation)[5], -1.0);  // rows go to the feet
    const auto sagittal = mpr.slice(MprPlane::Sagittal, 10);
    EXPECT_EQ(brightest(*sagittal), std::make_pair(5.0, 3.0));
    // Two coronal slices away the thin slice misses the ball, a 5-slice MIP still shows it.
    EXPECT_EQ(brightest(*mpr.slice(MprPlane::Coronal, 7)).first, -1.0);
    const auto slab = mpr.slice(MprPlane::Coronal, 7, 5, SlabMode::Mip);
    EXPECT_EQ(brightest(*slab), std::make_pair(10.0, 3.0));
    EXPECT_DOUBLE_EQ(*slab->slice_thickness, 5.0);
    const auto mean = mpr.slice(MprPlane::Coronal, 7, 5, SlabMode::Mean);
    EXPECT_EQ(mean->storedValue(10, 3), (1000 - 4 * 1000) / 5);
    // Round trip plane <-> volume.
    const auto p = mpr.toPlane(MprPlane::Sagittal, {10, 5, 16});
    const Vec3 back = mpr.toVolume(MprPlane::Sagittal, p.index, p.column, p.row);
    EXPECT_DOUBLE_EQ(back[0], 10);
    EXPECT_DOUBLE_EQ(back[1], 5);
    EXPECT_DOUBLE_EQ(back[2], 16);
}

TEST(Mpr, FramesReadInPlaceAndAnOwnedCopyResliceToTheSameImages) {
    // A signed field that varies along all three axes, so any mix-up of planes, rows or slab
    // layers changes some pixel.
    std::vector<std::shared_ptr<const dicom::ImageFrame>> slices;
    const Field field = [](const Vec3& x) {
        return static_cast<int>(std::lround(37 * x[0] - 11 * x[1] + 53 * x[2])) % 3000 - 1500;
    };
    for (int k = 0; k < 12; ++k)
        slices.push_back(slice(18, 1.0, {0, 0, -1.0 * k}, {1, 0, 0}, {0, 1, 0}, field));
    auto shared = std::make_shared<const Volume>(*VolumeBuilder::build(slices).volume);
    ASSERT_TRUE(shared->sharesFrames());
    Volume copy = *shared;
    copy.voxels = shared->contiguousCopy();
    copy.slices.clear();
    auto owned = std::make_shared<const Volume>(std::move(copy));
    ASSERT_FALSE(owned->sharesFrames());
    const MprReslicer a(shared), b(owned);
    for (auto plane : {MprPlane::Axial, MprPlane::Coronal, MprPlane::Sagittal}) {
        for (int slab : {1, 4}) {
            for (auto mode : {SlabMode::Mip, SlabMode::Mean}) {
                const int index = a.sliceCount(plane) / 2;
                const auto fa = a.slice(plane, index, slab, mode);
                const auto fb = b.slice(plane, index, slab, mode);
                EXPECT_EQ(fa->pixels, fb->pixels);
                EXPECT_EQ(fa->stored_min, fb->stored_min);
                EXPECT_EQ(fa->stored_max, fb->stored_max);
                // And against the definition, voxel by voxel.
                for (int r = 0; r < fa->height; r += 5)
                    for (int c = 0; c < fa->width; c += 3) {
                        const Vec3 v0 = a.toVolume(plane, index, c, r);
                        int expected = mode == SlabMode::Mip ? -(1 << 20) : 0;
                        const int first = std::max(0, index - (slab - 1) / 2);
                        const int last = std::min(a.sliceCount(plane) - 1, first + slab - 1);
                        for (int s = first; s <= last; ++s) {
                            Vec3 v = v0;
                            v[plane == MprPlane::Axial ? 2 : plane == MprPlane::Coronal ? 1 : 0] = s;
                            const int value = shared->stored(static_cast<int>(v[0]),
                                                             static_cast<int>(v[1]),
                                                             static_cast<int>(v[2]));
                            expected = mode == SlabMode::Mip ? std::max(expected, value)
                                                             : expected + value;
                        }
                        if (mode == SlabMode::Mean)
                            expected = static_cast<int>(
                                std::lround(static_cast<double>(expected) / (last - first + 1)));
                        EXPECT_EQ(fa->storedValue(c, r), expected)
                            << static_cast<int>(plane) << " slab " << slab << " at " << c << ","
                            << r;
                    }
            }
        }
    }
}
