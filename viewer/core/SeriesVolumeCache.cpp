#include "viewer/core/SeriesVolumeCache.h"

#include "viewer/core/VolumeBuilder.h"

namespace countyread::viewer {

SeriesVolumeCache::Result SeriesVolumeCache::get(
    const std::string& series_uid,
    const std::vector<std::shared_ptr<const dicom::ImageFrame>>& frames, bool chinese) {
    auto it = volumes_.find(series_uid);
    if (it != volumes_.end() && it->second.frames == frames.size()) return {it->second.volume, {}};
    auto built = VolumeBuilder::build(frames, chinese);
    ++builds_;
    if (!built.volume) return {nullptr, built.reason};
    auto volume = std::make_shared<const Volume>(std::move(*built.volume));
    volumes_[series_uid] = Entry{frames.size(), volume};
    return {volume, {}};
}

std::shared_ptr<const Volume> SeriesVolumeCache::cached(const std::string& series_uid) const {
    auto it = volumes_.find(series_uid);
    return it == volumes_.end() ? nullptr : it->second.volume;
}

}  // namespace countyread::viewer
