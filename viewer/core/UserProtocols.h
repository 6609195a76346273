#pragma once
// The radiologist's own hanging protocols: "save layout as default for this kind of study"
// writes one into $XDG_CONFIG_HOME/countyread/hanging-protocols.json (~/.config without it),
// HangingProtocolEngine::fromJson's format; the next study of that kind opens with it.
#include <filesystem>
#include <string>
#include <vector>

#include "viewer/core/HangingProtocol.h"

namespace countyread::viewer {

class UserProtocols {
public:
    static std::filesystem::path defaultPath();
    // The protocols in `file`; none when it does not exist. Throws std::runtime_error when
    // it cannot be read or parsed.
    static std::vector<HangingProtocol> load(const std::filesystem::path& file);
    // Adds `protocol` to `file`, replacing one with the same id (the folder is created).
    // Throws std::runtime_error when it cannot be written.
    static void save(const std::filesystem::path& file, const HangingProtocol& protocol);

    // A protocol for studies of this kind: the study's modality (DR, CR and DX together), its
    // body part when known, and whether it has a prior (a study with a prior is another kind:
    // its layout may or may not show the prior); id "user-<modality>[-<part>][-prior]".
    static HangingProtocol forStudy(const StudyFacts& study, bool have_prior, int rows,
                                    int columns, std::vector<ViewportSpec> viewports);
};

}  // namespace countyread::viewer
