// The 3D presets (pure data): order and names for keys 1-5 and the combo box, what each makes
// visible in HU, and the HU -> stored conversion the render layer applies.
#include <gtest/gtest.h>

#include "viewer/core/VolumePresets.h"

using namespace countyread::viewer;

TEST(VolumePresets, FivePresetsInKeyOrderWithChineseAndEnglishNames) {
    const auto& p = VolumePresets::ct();
    ASSERT_EQ(p.size(), 5u);
    const char* keys[] = {"bone", "soft", "lung", "vessels", "mip"};
    const char* zh[] = {"骨骼", "软组织", "肺", "血管", "最大密度投影"};
    for (int i = 0; i < 5; ++i) {
        EXPECT_EQ(p[i].key, keys[i]);
        EXPECT_EQ(p[i].name(true), zh[i]);
        EXPECT_FALSE(p[i].name(false).empty());
        EXPECT_EQ(VolumePresets::find(keys[i]), i);
        EXPECT_EQ(p[i].blend, i == 4 ? VolumeBlend::MaximumIntensity : VolumeBlend::Composite) << i;
        for (std::size_t k = 1; k < p[i].opacity.size(); ++k)
            EXPECT_LT(p[i].opacity[k - 1].hu, p[i].opacity[k].hu) << keys[i];
        for (std::size_t k = 1; k < p[i].color.size(); ++k)
            EXPECT_LT(p[i].color[k - 1].hu, p[i].color[k].hu) << keys[i];
    }
    EXPECT_EQ(p[1].name(false), "Soft tissue / skin");
    EXPECT_EQ(VolumePresets::find("nothing"), -1);
}

TEST(VolumePresets, EachPresetShowsItsTissue) {
    const auto& p = VolumePresets::ct();
    const VolumePreset& bone = p[VolumePresets::find("bone")];
    const VolumePreset& soft = p[VolumePresets::find("soft")];
    const VolumePreset& lung = p[VolumePresets::find("lung")];
    const VolumePreset& vessels = p[VolumePresets::find("vessels")];
    const VolumePreset& mip = p[VolumePresets::find("mip")];
    // Air is transparent in every composite preset.
    for (const auto* preset : {&bone, &soft, &lung, &vessels})
        EXPECT_EQ(VolumePresets::opacityAt(*preset, -1000), 0.0) << preset->key;
    // Bone: soft tissue and fat transparent, cortical bone opaque and near white.
    EXPECT_EQ(VolumePresets::opacityAt(bone, 40), 0.0);
    EXPECT_GT(VolumePresets::opacityAt(bone, 1000), 0.8);
    EXPECT_GT(VolumePresets::colorAt(bone, 1000).b, 0.85);
    // Soft tissue: skin/fat and muscle visible, skin-coloured (red over blue).
    EXPECT_GT(VolumePresets::opacityAt(soft, -100), 0.5);
    EXPECT_GT(VolumePresets::opacityAt(soft, 40), 0.5);
    const ColorPoint skin = VolumePresets::colorAt(soft, -200);
    EXPECT_GT(skin.r, skin.b + 0.3);
    // Lung: aerated lung (-800) visible, the chest wall (40) and bone not.
    EXPECT_GT(VolumePresets::opacityAt(lung, -750), 0.05);
    EXPECT_EQ(VolumePresets::opacityAt(lung, 40), 0.0);
    EXPECT_EQ(VolumePresets::opacityAt(lung, 1000), 0.0);
    // Vessels: contrast (300 HU) visible and red, unenhanced tissue (40 HU) not.
    EXPECT_EQ(VolumePresets::opacityAt(vessels, 40), 0.0);
    EXPECT_GT(VolumePresets::opacityAt(vessels, 300), 0.5);
    const ColorPoint contrast = VolumePresets::colorAt(vessels, 300);
    EXPECT_GT(contrast.r, contrast.g + 0.3);
    // MIP: a grey ramp, black at -200 HU and below, white at 800 HU and above.
    EXPECT_EQ(VolumePresets::colorAt(mip, -1000).r, 0.0);
    EXPECT_DOUBLE_EQ(VolumePresets::colorAt(mip, 300).g, 0.5);
    EXPECT_EQ(VolumePresets::colorAt(mip, 2000).b, 1.0);
    EXPECT_FALSE(mip.shade);
}

TEST(VolumePresets, HuToStoredUsesTheRescale) {
    EXPECT_DOUBLE_EQ(VolumePresets::toStored(150, 1.0, -1024), 1174);  // typical CT
    EXPECT_DOUBLE_EQ(VolumePresets::toStored(0, 0.5, -1000), 2000);
    EXPECT_DOUBLE_EQ(VolumePresets::toStored(-1000, 1.0, 0), -1000);  // signed, already HU
    EXPECT_DOUBLE_EQ(VolumePresets::toStored(100, 0.0, 0), 100);      // broken slope: as stored
}
