#pragma once
// The display lookup table applied after window/level: 256 RGB entries, entry 0 for the lower
// end of the window. Both render paths use the same table (GPU: a 256 x 1 texture; CPU: a
// vtkLookupTable), so they show the same colours.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace countyread::viewer {

class ColorTable {
public:
    static constexpr int kSize = 256;
    using Rgb = std::array<std::uint8_t, 3>;

    enum class Kind { Grey, HotIron };

    // Linear grey ramp (black to white).
    ColorTable();
    static ColorTable make(Kind kind);
    static std::optional<Kind> parse(const std::string& name);  // "grey", "hot"

    Kind kind() const { return kind_; }
    const std::vector<Rgb>& entries() const { return entries_; }
    // Colour shown for the window fraction t in [0, 1] (inverted when `invert`).
    Rgb at(double t, bool invert = false) const;

    bool operator==(const ColorTable& other) const { return entries_ == other.entries_; }

private:
    Kind kind_ = Kind::Grey;
    std::vector<Rgb> entries_;
};

}  // namespace countyread::viewer
