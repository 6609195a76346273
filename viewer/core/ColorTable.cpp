#include "viewer/core/ColorTable.h"

#include <algorithm>
#include <cmath>

namespace countyread::viewer {
namespace {

std::uint8_t byte(double v) {
    return static_cast<std::uint8_t>(std::lround(std::clamp(v, 0.0, 1.0) * 255.0));
}

}  // namespace

ColorTable::ColorTable() : entries_(kSize) {
    for (int i = 0; i < kSize; ++i) {
        const auto g = static_cast<std::uint8_t>(i);
        entries_[i] = {g, g, g};
    }
}

ColorTable ColorTable::make(Kind kind) {
    ColorTable table;
    table.kind_ = kind;
    if (kind == Kind::HotIron) {
        // Black -> red -> yellow -> white, as on nuclear-medicine and thermal displays.
        for (int i = 0; i < kSize; ++i) {
            const double t = static_cast<double>(i) / (kSize - 1);
            table.entries_[i] = {byte(t * 3.0), byte(t * 3.0 - 1.0), byte(t * 3.0 - 2.0)};
        }
    }
    return table;
}

std::optional<ColorTable::Kind> ColorTable::parse(const std::string& name) {
    if (name == "grey" || name == "gray") return Kind::Grey;
    if (name == "hot") return Kind::HotIron;
    return std::nullopt;
}

ColorTable::Rgb ColorTable::at(double t, bool invert) const {
    t = std::clamp(t, 0.0, 1.0);
    if (invert) t = 1.0 - t;
    const int index = static_cast<int>(std::lround(t * (kSize - 1)));
    return entries_[static_cast<std::size_t>(index)];
}

}  // namespace countyread::viewer
