#pragma once
// Collects the images a StudyStreamer delivers into a LoadedStudy, and hands out arranged
// snapshots (series order, slice positions, initial slice) for display while more arrive.
// Used on one thread (the GUI's).
#include <memory>
#include <string>
#include <vector>

#include "viewer/core/LoadedStudy.h"

namespace countyread::viewer {

class StudyAssembler {
public:
    StudyAssembler(StudyRow study, std::vector<InstanceRow> instances);

    void add(std::vector<LoadedImage> images,
             std::shared_ptr<const dicom::InstanceInfo> attributes);
    void warn(std::string warning);
    // The image to start on (its first frame) once it has arrived, instead of the default
    // (middle of the largest CT series / first image).
    void setPreferredInitial(std::string sop_instance_uid) {
        preferred_ = std::move(sop_instance_uid);
    }
    bool contains(const std::string& sop_instance_uid) const;
    // Everything arrived: attributes fall back to the worklist row when no file had them.
    void finish();

    // The study as arranged now (a new snapshot only when something was added since).
    std::shared_ptr<const LoadedStudy> snapshot();
    int imageCount() const { return static_cast<int>(study_.images.size()); }
    bool finished() const { return finished_; }

private:
    LoadedStudy study_;
    bool have_attributes_ = false;
    bool finished_ = false;
    std::string preferred_;
    std::shared_ptr<const LoadedStudy> snapshot_;
};

}  // namespace countyread::viewer
