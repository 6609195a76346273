#pragma once
// Keeps a study's annotations on the server as DICOM GSPS: saving posts a new presentation
// state with the radiologist's current annotations (presentation states are never edited in
// place); loading finds the study's presentation states in its instance list, takes the newest
// of ours (our annotations as they were last saved) and every other system's (shown read-only
// on their own layers).
#include <string>
#include <utility>
#include <vector>

#include "viewer/core/Annotation.h"
#include "viewer/core/LoadedStudy.h"
#include "viewer/core/PresentationStateMapper.h"
#include "viewer/core/ServerClient.h"

namespace countyread::viewer {

class PresentationStateSync {
public:
    explicit PresentationStateSync(ServerClient& client) : client_(client) {}

    // Returns the new presentation state's SOP Instance UID. Throws ServerError (a 404 or 405
    // means the server does not take presentation states) or DicomError.
    std::string save(const AnnotationStore& store, const LoadedStudy& study,
                     const DisplaySettings& display, const std::string& creator, bool chinese);

    struct Loaded {
        std::vector<std::pair<ImageKey, Annotation>> annotations;
        std::vector<std::string> warnings;  // presentation states that could not be read
        int states = 0;                     // presentation states found
    };
    Loaded load(const LoadedStudy& study);

    // A short reason for the user when saving failed because the server lacks the endpoint.
    static bool endpointMissing(int http_status) {
        return http_status == 404 || http_status == 405;
    }

private:
    ServerClient& client_;
};

}  // namespace countyread::viewer
