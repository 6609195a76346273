#pragma once
// Window presets: the CT windows radiologists use (keys 1-8), and for DR/CR the image's own
// windows from the file plus its full range. Values in modality units (HU for CT).
#include <string>
#include <vector>

#include "dicom/image/ImageFrame.h"
#include "viewer/core/WindowLevel.h"

namespace countyread::viewer {

struct WindowPreset {
    std::string key;      // stable id: "brain", "lung", "file-1", "full"
    std::string name_zh;  // 脑窗
    std::string name_en;  // Brain
    WindowLevel window;

    const std::string& name(bool chinese) const { return chinese ? name_zh : name_en; }
};

class WindowPresets {
public:
    // Brain, subdural, stroke, lung, mediastinum, abdomen, liver, bone (in that order).
    static const std::vector<WindowPreset>& ct();
    // The presets offered for a frame: CT -> ct() then the file's windows; other modalities ->
    // the file's windows (explanations as names) then the full stored range.
    static std::vector<WindowPreset> forFrame(const dicom::ImageFrame& frame,
                                              const std::string& modality);
    // The full range of the frame's values (modality units).
    static WindowLevel fullRange(const dicom::ImageFrame& frame);
};

}  // namespace countyread::viewer
