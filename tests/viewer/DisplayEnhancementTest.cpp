#include <gtest/gtest.h>

#include <cmath>

#include "viewer/core/DisplayEnhancement.h"

using namespace countyread;
using namespace countyread::viewer;

namespace {

// A DR-like frame: a bright gradient field with a faint (10-unit) square "nodule" in it.
dicom::ImageFrame radiograph() {
    dicom::ImageFrame f;
    f.width = f.height = 256;
    f.column_spacing = f.row_spacing = 0.2;
    f.pixels.resize(256 * 256);
    for (int y = 0; y < 256; ++y)
        for (int x = 0; x < 256; ++x) {
            int v = 1000 + x * 8;
            if (x >= 100 && x < 130 && y >= 100 && y < 130) v += 10;
            f.pixels[y * 256 + x] = static_cast<std::uint16_t>(v);
        }
    f.stored_min = 1000;
    f.stored_max = 1000 + 255 * 8 + 10;
    return f;
}

double contrast(const dicom::ImageFrame& f) {
    // Nodule edge: inside column 101 vs just outside column 98, same row band.
    double in = 0, out = 0;
    for (int y = 105; y < 125; ++y) {
        in += f.storedValue(101, y) - f.storedValue(98, y);
        out += f.storedValue(98, y - 60) - f.storedValue(95, y - 60);  // background step
    }
    return (in - out) / 20.0;  // the nodule's step beyond the gradient's own
}

}  // namespace

TEST(DisplayEnhancement, RaisesLocalContrastAndLeavesTheStoredPixelsAlone) {
    const auto original = radiograph();
    const auto before = original.pixels;
    auto enhanced = DisplayEnhancement::apply(original, {});
    EXPECT_EQ(original.pixels, before);  // the input frame is untouched
    ASSERT_EQ(enhanced->width, 256);
    EXPECT_EQ(enhanced->pixels.size(), before.size());
    EXPECT_DOUBLE_EQ(enhanced->column_spacing, 0.2);
    EXPECT_NEAR(contrast(original), 10.0, 0.5);
    EXPECT_GT(contrast(*enhanced), 20.0);  // the faint nodule stands out more
    // Values stay within the original stored range.
    for (auto v : enhanced->pixels) {
        EXPECT_GE(v, original.stored_min);
        EXPECT_LE(v, original.stored_max);
    }
}

TEST(DisplayEnhancement, EachPartCanBeSwitchedOffAndSignedDataWorks) {
    auto f = radiograph();
    EnhancementSettings none;
    none.clahe = false;
    none.unsharp = false;
    auto same = DisplayEnhancement::apply(f, none);
    for (std::size_t i = 0; i < f.pixels.size(); i += 97)
        EXPECT_NEAR(same->pixels[i], f.pixels[i], 1);
    f.is_signed = true;
    for (auto& v : f.pixels) v = static_cast<std::uint16_t>(static_cast<std::int16_t>(v - 2000));
    f.stored_min -= 2000;
    f.stored_max -= 2000;
    auto enhanced = DisplayEnhancement::apply(f, {});
    EXPECT_GE(enhanced->storedValue(0, 0), f.stored_min);
    EXPECT_LE(enhanced->storedValue(255, 255), f.stored_max);
}
