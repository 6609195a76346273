#pragma once
// Downloads a study over HTTP and decodes its images into a LoadedStudy.
#include <functional>
#include <string>

#include "viewer/core/LoadedStudy.h"
#include "viewer/core/ServerClient.h"

namespace countyread::viewer {

class StudyLoader {
public:
    using Progress = std::function<void(int done, int total)>;

    explicit StudyLoader(ServerClient& client) : client_(client) {}

    // GET instances, GET each instance, decode. Instances that are not images (SR, GSPS) are
    // listed but not displayed; undecodable images become warnings. Throws ServerError.
    LoadedStudy load(const StudyRow& study, const Progress& progress = {});

    // Display order and initial slice, exposed for tests: sorts `images` by series number, then
    // along the slice normal when every image of a series has a position, else by instance
    // number; picks the middle slice of the largest series for CT, else the first image.
    static void arrange(LoadedStudy& study);

private:
    ServerClient& client_;
};

}  // namespace countyread::viewer
