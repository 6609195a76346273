#pragma once
// The four corner texts of the image viewport, built from the study and the current slice.
#include <string>

#include "dicom/image/ImageFrame.h"
#include "dicom/model/InstanceInfo.h"
#include "viewer/core/InstanceRow.h"
#include "viewer/core/StudyRow.h"
#include "viewer/core/WindowLevel.h"

namespace countyread::viewer {

struct OverlayText {
    std::string top_left;      // patient: name, ID, sex / birth date
    std::string top_right;     // township, study date/time, description
    std::string bottom_left;   // series, slice n/N, position, thickness
    std::string bottom_right;  // window/level in modality units

    struct Input {
        const StudyRow* study = nullptr;                  // worklist row (preferred for display)
        const dicom::InstanceInfo* attributes = nullptr;  // fallback from the file
        const InstanceRow* instance = nullptr;
        const dicom::ImageFrame* frame = nullptr;
        int index = 0;  // 0-based slice shown
        int count = 0;
        WindowLevel window;  // modality units
        double zoom = 0.0;   // screen pixels per image pixel; 0: not shown
        bool inverted = false;
        bool chinese = true;
    };
    static OverlayText build(const Input& in);

    // "W 400 L 40 HU" style text for a window (unit "HU" for CT, none otherwise).
    static std::string windowLabel(const WindowLevel& w, const std::string& modality, bool chinese);
    // "20240501" -> "2024-05-01"; "103015" -> "10:30"; other text is returned as it is.
    static std::string formatDate(const std::string& yyyymmdd);
    static std::string formatTime(const std::string& hhmmss);
};

}  // namespace countyread::viewer
