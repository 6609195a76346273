#pragma once
// One decoded grayscale frame of a DICOM image: the stored pixel values (2 bytes/pixel, as
// in the file) plus everything needed to display and measure them. Plain data, no DCMTK.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace countyread::dicom {

enum class SpacingSource {
    None,                // no spacing in the file: 1 x 1 (pixels), measurements in pixels only
    PixelSpacing,        // (0028,0030): in the patient (CT, MR, calibrated projection)
    ImagerPixelSpacing,  // (0018,1164): at the detector (DR/CR), not corrected for magnification
};

// One window from the file (0028,1050/1051/1055): centre and width in modality units.
struct VoiWindow {
    double center = 0.0;
    double width = 1.0;
    std::string explanation;  // (0028,1055), e.g. "NORMAL", "HARDER", may be empty
};

struct ImageFrame {
    int width = 0;   // Columns
    int height = 0;  // Rows
    int frame_index = 0;
    int number_of_frames = 1;

    // Distance between pixel centres in mm: row spacing (vertical), column spacing (horizontal).
    double row_spacing = 1.0;
    double column_spacing = 1.0;
    SpacingSource spacing_source = SpacingSource::None;

    // Modality value = stored * rescale_slope + rescale_intercept (HU for CT).
    double rescale_slope = 1.0;
    double rescale_intercept = 0.0;

    // Stored pixel values, row-major, `width * height` of them. When `is_signed` the values are
    // two's complement int16 reinterpreted as uint16 (use storedValue()); 8-bit data is widened.
    std::vector<std::uint16_t> pixels;
    bool is_signed = false;
    int bits_stored = 16;
    int stored_min = 0;  // smallest / largest stored value in this frame
    int stored_max = 0;

    // Default window in modality units: from the file (first pair) when present, else from the
    // frame's min/max. `window_from_file` tells which.
    double window_center = 0.0;
    double window_width = 1.0;
    bool window_from_file = false;
    // Every window pair the file offers (the DR "presets"); empty when it has none.
    std::vector<VoiWindow> windows;
    // (0028,1056) VOI LUT Function: "LINEAR" (default), "LINEAR_EXACT" or "SIGMOID".
    std::string voi_function = "LINEAR";

    bool monochrome1 = false;  // minimum value displays white

    std::optional<std::array<double, 3>> image_position;     // (0020,0032) mm
    std::optional<std::array<double, 6>> image_orientation;  // (0020,0037) row then column cosines
    std::optional<double> slice_thickness;                   // (0018,0050) mm
    std::optional<double> slice_location;                    // (0020,1041) mm
    std::string patient_orientation;  // (0020,0020) "A\F" (row, column directions), may be empty

    int storedValue(int x, int y) const {
        std::uint16_t raw = pixels[static_cast<std::size_t>(y) * width + x];
        return is_signed ? static_cast<int>(static_cast<std::int16_t>(raw)) : static_cast<int>(raw);
    }
    double modalityValue(int x, int y) const {
        return storedValue(x, y) * rescale_slope + rescale_intercept;
    }
};

}  // namespace countyread::dicom
