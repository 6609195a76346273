#pragma once
// A study downloaded for reading: its instance list and the decoded images in display order.
#include <memory>
#include <string>
#include <vector>

#include "dicom/image/ImageFrame.h"
#include "dicom/model/InstanceInfo.h"
#include "viewer/core/InstanceRow.h"
#include "viewer/core/StudyRow.h"

namespace countyread::viewer {

struct LoadedImage {
    InstanceRow instance;
    int frame = 0;  // frame of a multi-frame instance
    std::shared_ptr<const dicom::ImageFrame> pixels;
};

struct LoadedStudy {
    StudyRow study;                      // worklist row (may be partial)
    dicom::InstanceInfo attributes;      // patient/study attributes read from one instance
    std::vector<InstanceRow> instances;  // every instance listed, images or not
    std::vector<LoadedImage> images;     // displayable frames: by series, then position
    std::vector<std::string> warnings;   // instances that could not be shown, and why
    int initial_index = 0;               // first image to show (middle slice for CT)

    bool empty() const { return images.empty(); }
};

}  // namespace countyread::viewer
