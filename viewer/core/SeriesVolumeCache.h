#pragma once
// One built Volume per series of the open study, shared by whoever needs it (the MPR window,
// the 3D window, MPR viewports of the grid): it is built once and handed out as a shared_ptr.
// An untilted, evenly spaced series' Volume reads the loaded frames in place (no copy); a
// resampled one (gantry tilt, uneven spacing) owns its voxels, ~150 MB for a 512² × 300 CT. A series that has grown since
// (progressive loading) is built again; clear() when another study opens.
#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "dicom/image/ImageFrame.h"
#include "viewer/core/Volume.h"

namespace countyread::viewer {

class SeriesVolumeCache {
public:
    struct Result {
        std::shared_ptr<const Volume> volume;  // null when the frames are not a volume
        std::string reason;                    // why not
    };
    // The volume of `series_uid` built from `frames` (its images in display order).
    Result get(const std::string& series_uid,
               const std::vector<std::shared_ptr<const dicom::ImageFrame>>& frames,
               bool chinese = true);
    void clear() { volumes_.clear(); }
    // How many volumes were built (tests: MPR and 3D of one series build one).
    int builds() const { return builds_; }
    // The cached volume of a series (null when none), for tests.
    std::shared_ptr<const Volume> cached(const std::string& series_uid) const;

private:
    struct Entry {
        std::size_t frames = 0;
        std::shared_ptr<const Volume> volume;
    };
    std::map<std::string, Entry> volumes_;
    int builds_ = 0;
};

}  // namespace countyread::viewer
