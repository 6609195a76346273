#include "viewer/core/VolumePresets.h"

namespace countyread::viewer {
namespace {

std::vector<VolumePreset> makePresets() {
    std::vector<VolumePreset> p;
    {
        // Bone: everything below cancellous bone transparent, cortex opaque and ivory-white.
        VolumePreset bone;
        bone.key = "bone";
        bone.name_zh = "骨骼";
        bone.name_en = "Bone";
        bone.opacity = {{-1024, 0.0}, {150, 0.0},   {250, 0.25},
                        {400, 0.7},   {1000, 0.85}, {3071, 0.9}};
        bone.color = {{-1024, 0.0, 0.0, 0.0},
                      {150, 0.55, 0.25, 0.15},
                      {300, 0.90, 0.80, 0.55},
                      {700, 1.0, 0.96, 0.85},
                      {1500, 1.0, 1.0, 1.0}};
        bone.ambient = 0.2;
        bone.diffuse = 0.9;
        bone.specular = 0.3;
        bone.specular_power = 15.0;
        p.push_back(bone);
    }
    {
        // Soft tissue / skin: the body surface in skin colour, muscle red, bone white.
        VolumePreset soft;
        soft.key = "soft";
        soft.name_zh = "软组织";
        soft.name_en = "Soft tissue / skin";
        soft.opacity = {{-1024, 0.0}, {-500, 0.0}, {-300, 0.3},
                        {-100, 0.6},  {100, 0.8},  {3071, 0.9}};
        soft.color = {{-1024, 0.0, 0.0, 0.0}, {-500, 0.55, 0.25, 0.15}, {-200, 0.93, 0.66, 0.52},
                      {40, 0.85, 0.40, 0.35}, {300, 0.95, 0.90, 0.80},  {1000, 1.0, 1.0, 1.0}};
        soft.ambient = 0.25;
        soft.diffuse = 0.8;
        soft.specular = 0.15;
        p.push_back(soft);
    }
    {
        // Lung: only aerated lung (about -950..-350 HU) shows, faint and pink; air, the chest
        // wall and the mediastinum are transparent.
        VolumePreset lung;
        lung.key = "lung";
        lung.name_zh = "肺";
        lung.name_en = "Lung";
        lung.opacity = {{-1024, 0.0}, {-950, 0.0}, {-850, 0.04}, {-700, 0.10},
                        {-500, 0.04}, {-350, 0.0}, {3071, 0.0}};
        lung.color = {{-1024, 0.0, 0.0, 0.0},
                      {-950, 0.60, 0.30, 0.30},
                      {-850, 0.95, 0.65, 0.60},
                      {-600, 1.0, 0.85, 0.80},
                      {-350, 1.0, 0.95, 0.90}};
        lung.ambient = 0.35;
        lung.diffuse = 0.7;
        lung.specular = 0.1;
        p.push_back(lung);
    }
    {
        // Vessels (CT angiography): contrast-filled vessels (200-500 HU) red, bone ivory.
        VolumePreset vessels;
        vessels.key = "vessels";
        vessels.name_zh = "血管";
        vessels.name_en = "Vessels (CTA)";
        vessels.opacity = {{-1024, 0.0}, {150, 0.0},  {200, 0.5},
                           {350, 0.7},   {1000, 0.8}, {3071, 0.8}};
        vessels.color = {{-1024, 0.0, 0.0, 0.0},  {150, 0.55, 0.05, 0.05}, {200, 0.85, 0.20, 0.15},
                         {350, 0.95, 0.45, 0.35}, {600, 0.95, 0.90, 0.85}, {1500, 1.0, 1.0, 1.0}};
        vessels.ambient = 0.2;
        vessels.diffuse = 0.9;
        vessels.specular = 0.3;
        vessels.specular_power = 15.0;
        p.push_back(vessels);
    }
    {
        // Maximum intensity projection: the brightest HU along each ray, as a grey ramp from
        // -200 HU (black) to 800 HU (white); no shading.
        VolumePreset mip;
        mip.key = "mip";
        mip.name_zh = "最大密度投影";
        mip.name_en = "MIP";
        mip.blend = VolumeBlend::MaximumIntensity;
        mip.opacity = {{-1024, 1.0}, {3071, 1.0}};
        mip.color = {{-1024, 0.0, 0.0, 0.0}, {-200, 0.0, 0.0, 0.0}, {800, 1.0, 1.0, 1.0}};
        mip.shade = false;
        p.push_back(mip);
    }
    return p;
}

// Piecewise-linear interpolation over points sorted by hu; `get` reads the value.
template <typename Point, typename Get>
double interpolate(const std::vector<Point>& points, double hu, Get get) {
    if (points.empty()) return 0.0;
    if (hu <= points.front().hu) return get(points.front());
    for (std::size_t i = 1; i < points.size(); ++i) {
        const Point& a = points[i - 1];
        const Point& b = points[i];
        if (hu > b.hu) continue;
        const double t = b.hu > a.hu ? (hu - a.hu) / (b.hu - a.hu) : 1.0;
        return get(a) + t * (get(b) - get(a));
    }
    return get(points.back());
}

}  // namespace

const std::vector<VolumePreset>& VolumePresets::ct() {
    static const std::vector<VolumePreset> presets = makePresets();
    return presets;
}

int VolumePresets::find(const std::string& key) {
    const auto& all = ct();
    for (std::size_t i = 0; i < all.size(); ++i)
        if (all[i].key == key) return static_cast<int>(i);
    return -1;
}

double VolumePresets::toStored(double hu, double slope, double intercept) {
    if (slope == 0.0) slope = 1.0;  // a broken header: treat the values as stored
    return (hu - intercept) / slope;
}

double VolumePresets::opacityAt(const VolumePreset& preset, double hu) {
    return interpolate(preset.opacity, hu, [](const OpacityPoint& p) { return p.opacity; });
}

ColorPoint VolumePresets::colorAt(const VolumePreset& preset, double hu) {
    return {hu, interpolate(preset.color, hu, [](const ColorPoint& p) { return p.r; }),
            interpolate(preset.color, hu, [](const ColorPoint& p) { return p.g; }),
            interpolate(preset.color, hu, [](const ColorPoint& p) { return p.b; })};
}

}  // namespace countyread::viewer
