#pragma once
// Volume rendering presets for CT (3D view): colour and opacity transfer functions in HU, the
// blend mode (composite or maximum intensity projection) and the shading. Pure data; the render
// layer (VolumeScene) converts the HU control points to the volume's stored values.
#include <string>
#include <vector>

namespace countyread::viewer {

enum class VolumeBlend { Composite, MaximumIntensity };

struct ColorPoint {
    double hu;
    double r, g, b;  // 0..1
};
struct OpacityPoint {
    double hu;
    double opacity;  // per ScalarOpacityUnitDistance (1 mm): composite; MIP: 0..1
};

struct VolumePreset {
    std::string key;      // stable id: "bone", "soft", "lung", "vessels", "mip"
    std::string name_zh;  // 骨骼
    std::string name_en;  // Bone
    VolumeBlend blend = VolumeBlend::Composite;
    std::vector<ColorPoint> color;
    std::vector<OpacityPoint> opacity;
    bool shade = true;
    double ambient = 0.2, diffuse = 0.8, specular = 0.2, specular_power = 10.0;

    const std::string& name(bool chinese) const { return chinese ? name_zh : name_en; }
};

class VolumePresets {
public:
    // Bone, soft tissue / skin, lung, vessels (CT angiography), MIP: keys 1-5, in that order.
    static const std::vector<VolumePreset>& ct();
    // Index of the preset with this key in ct(), or -1.
    static int find(const std::string& key);
    // A modality value (HU) as the volume's stored value: (hu - intercept) / slope.
    static double toStored(double hu, double slope, double intercept);
    // The transfer functions at `hu`, piecewise linear between the control points and constant
    // beyond the ends (as VTK evaluates them).
    static double opacityAt(const VolumePreset& preset, double hu);
    static ColorPoint colorAt(const VolumePreset& preset, double hu);
};

}  // namespace countyread::viewer
