#include "viewer/core/WindowPresets.h"

#include <algorithm>
#include <cmath>

namespace countyread::viewer {

const std::vector<WindowPreset>& WindowPresets::ct() {
    // Centre / width in HU, the usual teaching values.
    static const std::vector<WindowPreset> presets = {
        {"brain", "脑窗", "Brain", {40, 80}},
        {"subdural", "硬膜下窗", "Subdural", {75, 215}},
        {"stroke", "卒中窗", "Stroke", {40, 40}},
        {"lung", "肺窗", "Lung", {-600, 1500}},
        {"mediastinum", "纵隔窗", "Mediastinum", {50, 350}},
        {"abdomen", "腹部窗", "Abdomen", {50, 400}},
        {"liver", "肝窗", "Liver", {30, 150}},
        {"bone", "骨窗", "Bone", {400, 1800}},
    };
    return presets;
}

WindowLevel WindowPresets::fullRange(const dicom::ImageFrame& f) {
    const double a = f.stored_min * f.rescale_slope + f.rescale_intercept;
    const double b = f.stored_max * f.rescale_slope + f.rescale_intercept;
    return {(a + b) / 2.0, std::max(std::abs(b - a), 1.0)};
}

std::vector<WindowPreset> WindowPresets::forFrame(const dicom::ImageFrame& frame,
                                                  const std::string& modality) {
    std::vector<WindowPreset> out;
    if (modality == "CT") out = ct();
    int n = 0;
    for (const auto& w : frame.windows) {
        ++n;
        WindowPreset p;
        p.key = "file-" + std::to_string(n);
        const std::string suffix = frame.windows.size() > 1 ? " " + std::to_string(n) : "";
        p.name_zh = w.explanation.empty() ? "文件窗" + suffix : w.explanation;
        p.name_en = w.explanation.empty() ? "File window" + suffix : w.explanation;
        p.window = {w.center, w.width};
        out.push_back(std::move(p));
    }
    if (modality != "CT") out.push_back({"full", "全范围", "Full range", fullRange(frame)});
    return out;
}

}  // namespace countyread::viewer
