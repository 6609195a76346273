#pragma once
// Builds the report SR, signs it with the radiologist's key, and posts it to the server.
// Used by the report panel and by the headless `--report` mode alike. What is signed follows
// ReportText::kind: a report, a preliminary, the verified final of a preliminary (the
// preliminary's author kept, the user as verifying observer) or an addendum. Key images are
// posted first as a Key Object Selection, so the server's printed report shows them.
#include <filesystem>
#include <string>
#include <vector>

#include "dicom/model/InstanceInfo.h"
#include "viewer/core/InstanceRow.h"
#include "viewer/core/ReportText.h"
#include "viewer/core/ServerClient.h"

namespace countyread::viewer {

struct SigningKey {
    std::filesystem::path key_pem;
    std::string password;
    std::string certificate_pem;  // empty: fetched from GET /api/v1/me/certificate
};

class ReportSubmitter {
public:
    explicit ReportSubmitter(ServerClient& client) : client_(client) {}

    // Throws std::invalid_argument (the text does not fit its kind: an addendum without its
    // correction text, a verification without the preliminary), dicom::DicomError
    // (building/signing) or ServerError (server refused, e.g. 422).
    ServerClient::ReportAnswer submit(const dicom::InstanceInfo& study,
                                      const std::vector<InstanceRow>& instances,
                                      const ReportText& text, const SigningKey& key,
                                      bool critical_finding = false);

    // The SR content for `text` written by `user` (throws std::invalid_argument as above).
    static dicom::ReportContent content(const ReportText& text, const UserSession& user,
                                        bool critical_finding);
    // The Key Object Selection naming `text.key_images` (each once).
    static dicom::Bytes keyObjectSelection(const dicom::InstanceInfo& study,
                                           const std::vector<InstanceRow>& key_images,
                                           const UserSession& user);

    // The SR's reference to one instance of the study (no download needed).
    static dicom::InstanceInfo reference(const dicom::InstanceInfo& study, const InstanceRow& row);

    // SOP Instance UID of the key-image KOS the last submit() posted ("" when none).
    const std::string& keyObjectUid() const { return key_object_uid_; }

private:
    ServerClient& client_;
    std::string key_object_uid_;
};

}  // namespace countyread::viewer
